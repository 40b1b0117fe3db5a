#!/usr/bin/env bash
# make bench: training throughput (runner and bare DJL loop), sgemm peak, input pipeline, memory, notebooks and
# the PyTorch-eager peer, both engines, in one run. Writes bench/results.csv and bench/RESULTS.md.
#
#   bench/run.sh                 full run (~15-30 min on a quiet 2-core machine)
#   BENCH_QUICK=1 bench/run.sh   smoke run (a few minutes): ResNet-20 only, few windows, short leak check
#
# Environment: BENCH_ENGINES (default "mxnet pytorch"), BENCH_ARGS (extra flags for `resnetlab bench`),
# BENCH_NOTEBOOKS (notebook names; default all), BENCH_SKIP (any of: peer notebooks memory),
# BENCH_DEPTHS (e.g. 20,56; overrides the mode's depths for the engines and the peer).
# Thread and allocator settings come from bin/java-env, as for the kernel and bin/resnetlab.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
quick="${BENCH_QUICK:-0}"
engines="${BENCH_ENGINES:-mxnet pytorch}"
skip=" ${BENCH_SKIP:-} "
csv="bench/results.csv"
cores="$(nproc)"
say() { printf 'bench: %s\n' "$*" >&2; }

if [ "$quick" = 1 ]; then
  depths="${BENCH_DEPTHS:-20}"
  throughput=(--depths "$depths" --units original,full-preact --warmup 1 --windows 3 --steps 1 --pipeline-batches 5)
  memory=(--memory-depth 20 --memory-batch 4 --memory-early 50 --memory-late 250)
  peer=(--warmup 1 --windows 3 --steps 1)
  ab=(--warmup 1 --windows 3 --steps 1)
else
  depths="${BENCH_DEPTHS:-20,56,110}"
  throughput=(--depths "$depths" --units original,full-preact --warmup 2 --windows 5 --steps 0 --pipeline-batches 20)
  memory=(--memory-depth 20 --memory-batch 4 --memory-early 200 --memory-late 2000)
  peer=(--warmup 2 --windows 5 --steps 2)
  ab=(--warmup 2 --windows 5 --steps 2)
fi
# the peer implements the original unit, ResNet-20 and -56 of the measured depths (110 would double its time)
peer_list="$(tr ',' '\n' <<< "$depths" | grep -xE '20|56' | tr '\n' ' ' || true)"
peer_depths=(--depths ${peer_list:-20})

# --- set-up: module, kernel (.venv) and the dev-only peer environment (.venv-bench) --------------------------
scripts/setup.sh >&2
if [[ "$skip" != *" peer "* ]] && ! .venv-bench/bin/python -c 'import torch, numpy' 2>/dev/null; then
  say "creating .venv-bench (torch CPU wheel for the PyTorch-eager peer)..."
  python3 -m venv .venv-bench
  .venv-bench/bin/python -m pip install -q --retries 0 --timeout 15 -r bench/requirements.txt >&2
fi

row() { printf '%s\n' "$*" >> "$csv"; }
meta() { local v="$2"; v="${v//\"/\'}"; row "machine,meta,$1,,,,,,\"$v\""; }
echo "engine,section,name,median,min,max,unit,n,detail" > "$csv"
meta date "$(date -u '+%Y-%m-%d %H:%M UTC')"
meta mode "$([ "$quick" = 1 ] && echo 'quick (BENCH_QUICK=1)' || echo full)"
meta cpu "$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1) ($cores cores online)"
meta memory "$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
meta kernel "$(uname -srm)"
meta git "$(git rev-parse --short HEAD)$(git diff --quiet || echo ' (uncommitted changes)')"
meta load_start "$(cat /proc/loadavg)"
meta other_processes "$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 > 20 {printf "%s(%s%%) ", $2, $1}')"

for engine in $engines; do
  say "$engine: sgemm peak, input pipeline, runner and bare-loop throughput..."
  bin/resnetlab bench --engine "$engine" --what sgemm,pipeline,runner,bare "${throughput[@]}" ${BENCH_ARGS:-} \
      --csv "$csv" >&2
  if [ "$quick" != 1 ]; then  # DJL's own Sgd in the bare loop, for comparison with the project's MomentumSgd
    bin/resnetlab bench --engine "$engine" --what bare-djlsgd --depths 20 --units original --warmup 2 --windows 5 \
        --steps 2 ${BENCH_ARGS:-} --csv "$csv" >&2
  fi
  # A/B of bin/java-env's OpenMP wait policy (PASSIVE above) against libgomp's default (spin, then sleep)
  OMP_WAIT_POLICY= bin/resnetlab bench --engine "$engine" --what bare --depths 20 --units original --tag omp-default \
      "${ab[@]}" ${BENCH_ARGS:-} --csv "$csv" >&2
  if [[ "$skip" != *" memory "* ]]; then
    say "$engine: leak check (its own JVM)..."
    bin/resnetlab bench --engine "$engine" --what memory "${memory[@]}" ${BENCH_ARGS:-} --csv "$csv" >&2
    if [ "$quick" != 1 ]; then  # the price of bin/java-env's "never trim" malloc settings in RSS
      MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072 MALLOC_TOP_PAD_=131072 \
        bin/resnetlab bench --engine "$engine" --what memory "${memory[@]}" --tag glibc-default ${BENCH_ARGS:-} \
        --csv "$csv" >&2
    fi
  fi
done

if [[ "$skip" != *" peer "* ]]; then
  # as a user runs it (torch's defaults), and with the environment bin/java-env gives the JVM (same OpenMP and
  # malloc settings): the second is the like-for-like comparison
  for variant in peer peer-tuned; do
    say "PyTorch eager peer ($variant)..."
    if [ "$variant" = peer ]; then
      env -u OMP_WAIT_POLICY -u MALLOC_MMAP_THRESHOLD_ -u MALLOC_TRIM_THRESHOLD_ -u MALLOC_TOP_PAD_ \
        .venv-bench/bin/python bench/peer_pytorch.py --threads "$cores" --batch 128 "${peer[@]}" "${peer_depths[@]}"
    else
      env $(bin/java-env --print-env) .venv-bench/bin/python bench/peer_pytorch.py --threads "$cores" --batch 128 "${peer[@]}" "${peer_depths[@]}"
    fi | tail -n +2 | while IFS=, read -r _ model params threads median min max windows torch; do
        row "PyTorch-eager,$variant,$model,$median,$min,$max,images/s,$windows,\"torch $torch, $threads threads, $params parameters\""
      done
  done
fi

if [[ "$skip" != *" notebooks "* ]]; then
  say "notebooks in quick mode through the java kernel..."
  .venv/bin/python bench/notebooks.py ${BENCH_NOTEBOOKS:-} >> "$csv"
fi

meta load_end "$(cat /proc/loadavg)"
.venv/bin/python bench/report.py "$csv" bench/RESULTS.md
say "wrote $csv and bench/RESULTS.md"
