#!/usr/bin/env bash
# make bench: the DJL runner side by side with the PyTorch-eager peer (alternating rounds in one run, so drift
# cancels), plus the bare DJL loop, sgemm peak, input pipeline, memory and notebooks, both engines.
# Writes bench/results.csv and bench/RESULTS.md.
#
#   bench/run.sh                 full run (ResNet-20/56/110 and the campaign's net; long on a quiet 2-core machine)
#   BENCH_QUICK=1 bench/run.sh   smoke run: ResNet-20 only, few windows, one round, short leak check
#
# Side by side (BENCH_ROUNDS rounds, default 2; 1 in quick mode): each round runs the peer, then every DJL engine
# through the runner (A-B-A-B). The peer runs in three configurations: torch's defaults (not bin/java-env's
# OpenMP/malloc settings), channels-last, and bf16 autocast where the CPU has avx512_bf16 or amx_bf16; the DJL
# engines run fp32, and MXNet also bf16 (--precision bf16) on such a CPU. Same model, batch 128, same core count.
# The campaign's net (ResNet-56 at width 0.25 on 1x28x28 Fashion-MNIST-shaped input) runs in every round too.
#
# Environment: BENCH_ENGINES (default "mxnet pytorch"), BENCH_ARGS (extra flags for `resnetlab bench`),
# BENCH_NOTEBOOKS (notebook names; default all), BENCH_SKIP (any of: peer notebooks memory campaign detail; detail = the per-engine sgemm, pipeline, bare loop, OpenMP A/B and leak check),
# BENCH_DEPTHS (e.g. 20,56; overrides the mode's depths for the engines and the peer), BENCH_ROUNDS.
# The JVMs get their thread and allocator settings from bin/java-env, as for the kernel and bin/resnetlab.
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
  rounds="${BENCH_ROUNDS:-1}"
  throughput=(--depths "$depths" --units original,full-preact --warmup 1 --windows 3 --steps 1 --pipeline-batches 5)
  memory=(--memory-depth 20 --memory-batch 4 --memory-early 50 --memory-late 250)
  peer=(--warmup 1 --windows 3 --steps 1)
  ab=(--warmup 1 --windows 3 --steps 1)
else
  depths="${BENCH_DEPTHS:-20,56,110}"
  rounds="${BENCH_ROUNDS:-2}"
  throughput=(--depths "$depths" --units original,full-preact --warmup 2 --windows 5 --steps 0 --pipeline-batches 20)
  memory=(--memory-depth 20 --memory-batch 4 --memory-early 200 --memory-late 2000)
  peer=(--warmup 2 --windows 5 --steps 2)
  ab=(--warmup 2 --windows 5 --steps 2)
fi
peer_depths=(--depths $(tr ',' ' ' <<< "$depths"))
runner_plan=("${throughput[@]:2}")  # the throughput settings without --depths
bf16_flags="$(grep -owE 'avx512_bf16|amx_bf16' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' ' || true)"

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
meta cpu_flags "bf16: ${bf16_flags:-none (no avx512_bf16 / amx_bf16)}; $(grep -owE 'avx512f|amx_tile|avx512_fp16' /proc/cpuinfo 2>/dev/null | sort -u | tr '\n' ' ' || true)"
meta memory "$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
meta kernel "$(uname -srm)"
meta git "$(git rev-parse --short HEAD)$(git diff --quiet || echo ' (uncommitted changes)')"
meta load_start "$(cat /proc/loadavg)"
# The busy share of all cores over 2 s right now (the load average lags by minutes, e.g. after pausing a job):
busy() { awk '/^cpu / {print $2+$3+$4+$7+$8, $5+$6}' /proc/stat; }
read -r b0 i0 <<< "$(busy)"; sleep 2; read -r b1 i1 <<< "$(busy)"
meta cpu_busy_start "$(awk -v b="$((b1 - b0))" -v i="$((i1 - i0))" 'BEGIN {printf "%.0f", (b + i) ? 100 * b / (b + i) : 0}')"
# processes not stopped (state T) whose lifetime CPU share is above 20%
meta other_processes "$(ps -eo stat=,pcpu=,comm= --sort=-pcpu | awk '$1 !~ /^T/ && $2 > 20 {printf "%s(%s%%) ", $3, $2}')"

for engine in $engines; do
  [[ "$skip" == *" detail "* ]] && continue
  say "$engine: sgemm peak, input pipeline and bare-loop throughput (the runner is measured in the rounds below)..."
  bin/resnetlab bench --engine "$engine" --what sgemm,pipeline,bare "${throughput[@]}" ${BENCH_ARGS:-} \
      --csv "$csv" >&2
  if [ "$quick" != 1 ]; then  # DJL's own Sgd in the bare loop, for comparison with the project's MomentumSgd
    bin/resnetlab bench --engine "$engine" --what bare-djlsgd --depths 20 --units original --warmup 2 --windows 5 \
        --steps 2 ${BENCH_ARGS:-} --csv "$csv" >&2
  fi
  # A/B of bin/java-env's OpenMP setting (bounded spin, GOMP_SPINCOUNT=10000, above) against libgomp's default
  # (OMP_WAIT_POLICY set empty: spin ~3 ms, then sleep) and against sleeping at once (PASSIVE)
  OMP_WAIT_POLICY= bin/resnetlab bench --engine "$engine" --what bare --depths 20 --units original --tag omp-default \
      "${ab[@]}" ${BENCH_ARGS:-} --csv "$csv" >&2
  OMP_WAIT_POLICY=PASSIVE bin/resnetlab bench --engine "$engine" --what bare --depths 20 --units original \
      --tag omp-passive "${ab[@]}" ${BENCH_ARGS:-} --csv "$csv" >&2
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

# --- side by side: peer and DJL alternating, round after round ---------------------------------------------
run_peer() {  # run_peer <section prefix> <env mode: defaults|tuned> <peer args...>: appends its rows to the CSV
  local prefix="$1" mode="$2"; shift 2
  if [ "$mode" = defaults ]; then  # what a user gets: none of bin/java-env's OpenMP / malloc settings
    env -u OMP_WAIT_POLICY -u GOMP_SPINCOUNT -u MALLOC_MMAP_THRESHOLD_ -u MALLOC_TRIM_THRESHOLD_ -u MALLOC_TOP_PAD_ \
      .venv-bench/bin/python bench/peer_pytorch.py --threads "$cores" --batch 128 "$@"
  else
    env $(bin/java-env --print-env) .venv-bench/bin/python bench/peer_pytorch.py --threads "$cores" --batch 128 "$@"
  fi | tail -n +2 | while IFS=, read -r _ config model params threads median min max windows torch note; do
      row "PyTorch-eager,$prefix$config,$model,$median,$min,$max,images/s,$windows,\"torch $torch, $threads threads, $params parameters${note:+; $note}\""
    done
}
djl() {  # djl <round tag> <bench args...>: the runner on every engine, fp32, and bf16 on MXNet where the CPU has it
  local tag="$1"; shift
  for engine in $engines; do
    bin/resnetlab bench --engine "$engine" --what runner "$@" ${BENCH_ARGS:-} --tag "$tag" --csv "$csv" >&2
    if [ "$engine" = mxnet ] && [ -n "$bf16_flags" ]; then
      bin/resnetlab bench --engine "$engine" --what runner "$@" --precision bf16 ${BENCH_ARGS:-} --tag "$tag-bf16" \
        --csv "$csv" >&2
    fi
  done
}
campaign=(--depths 56 --units original --width 0.25 --input fashion-mnist)
for round in $(seq 1 "$rounds"); do
  if [[ "$skip" != *" peer "* ]]; then
    say "round $round/$rounds: PyTorch eager (torch defaults, channels-last, bf16 autocast)..."
    run_peer "r$round:peer-" defaults "${peer[@]}" "${peer_depths[@]}" --units original full-preact
    [[ "$skip" == *" campaign "* ]] || run_peer "r$round:peer-" defaults "${peer[@]}" --depths 56 --units original \
      --width 0.25 --input fashion-mnist
    if [ "$round" = 1 ]; then  # like for like with the JVM's environment, fp32 NCHW (the earlier RESULTS.md column)
      run_peer "r$round:peer-tuned-" tuned "${peer[@]}" "${peer_depths[@]}" --units original --configs default
    fi
  fi
  say "round $round/$rounds: DJL runner ($engines)..."
  djl "r$round" --depths "$depths" "${runner_plan[@]}"
  [[ "$skip" == *" campaign "* ]] || djl "r$round" "${campaign[@]}" "${runner_plan[@]:2}"
done

if [[ "$skip" != *" notebooks "* ]]; then
  say "notebooks in quick mode through the java kernel..."
  .venv/bin/python bench/notebooks.py ${BENCH_NOTEBOOKS:-} >> "$csv"
fi

meta load_end "$(cat /proc/loadavg)"
.venv/bin/python bench/report.py "$csv" bench/RESULTS.md
say "wrote $csv and bench/RESULTS.md"
