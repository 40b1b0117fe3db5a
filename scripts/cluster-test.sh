#!/usr/bin/env bash
# `make cluster-test`: the job-array script of `bin/resnetlab grid ... --slurm FILE` against a real single-node Slurm
# on localhost. Installs Debian's slurm-wlm and munge where missing (root with apt-get; skips otherwise), starts a
# private munged, slurmctld and slurmd (own key, socket, ports 16817/16818, state and logs in a temporary folder),
# submits a tiny synthetic grid (ResNet-8, 4 iterations, 4 runs, one CPU per task), checks that every task ran
# and logged and that `report` shows every run complete, submits the same script again and checks that every task
# reported its run complete without changing it; then stops the daemons. About a minute. Not part of `make test`.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

skip() { echo "cluster-test: SKIPPED: $*"; exit 0; }
fail() { echo "cluster-test: FAILED: $*"; exit 1; }

if ! command -v sbatch >/dev/null 2>&1 || ! command -v slurmctld >/dev/null 2>&1 || ! command -v slurmd >/dev/null 2>&1 \
    || ! command -v munged >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "cluster-test: installing Debian's slurm-wlm and munge..."
    { DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge \
        || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge; }; } >/dev/null 2>&1 \
      || skip "could not install slurm-wlm and munge with apt-get."
  else
    skip "Slurm (sbatch, slurmctld, slurmd) and munge are not installed, and this is not root with apt-get to install them."
  fi
fi
[ "$(id -u)" = 0 ] || skip "the private slurmctld/slurmd run as root here (SlurmUser=root); run as root."

tmp="$(mktemp -d /tmp/resnetlab-cluster-test.XXXXXX)"
conf="$tmp/slurm.conf"
export SLURM_CONF="$conf"
stop() {
  for pidfile in "$tmp/slurmd.pid" "$tmp/slurmctld.pid"; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  [ -S "$tmp/munge/munge.socket" ] && munged --stop --socket="$tmp/munge/munge.socket" >/dev/null 2>&1
  sleep 1
  rm -rf "$tmp"
}
trap stop EXIT

# munge: own key and socket, so a munged already on the machine is left alone
mkdir -m 700 "$tmp/munge"
mungekey --create --keyfile="$tmp/munge/munge.key" >/dev/null 2>&1 \
  || dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$tmp/munge/munge.key"
munged --force --socket="$tmp/munge/munge.socket" --key-file="$tmp/munge/munge.key" \
  --log-file="$tmp/munge/munged.log" --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" \
  || fail "munged did not start (log: $tmp/munge/munged.log)"

host="$(hostname -s)"
cpus="$(nproc)"
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/log"
cat >"$conf" <<EOF
ClusterName=resnetlab-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=4000 State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld || fail "slurmctld did not start (log: $tmp/log/slurmctld.log)"
slurmd || fail "slurmd did not start (log: $tmp/log/slurmd.log)"
for _ in $(seq 30); do
  sinfo -h -o %t 2>/dev/null | grep -qE '^(idle|mix)' && break
  sleep 1
done
sinfo -h -o %t | grep -qE '^(idle|mix)' || { tail -5 "$tmp/log/slurmd.log"; fail "the node did not become idle"; }
echo "cluster-test: single-node Slurm up ($(sinfo -V), node $host, $cpus CPUs)"

results="target/cluster-test/results with space"  # paths with spaces must survive the #SBATCH lines and the commands
rm -rf target/cluster-test
grid=(grid smoke --synthetic --seeds 2 --iterations 4 --batch-size 8 --eval-every 2 --test-limit 16 --results "$results")
script="target/cluster-test/smoke.sbatch"
bin/resnetlab "${grid[@]}" --slurm "$script" --cpus 1 --mem 1G --time 00:10:00 || fail "grid --slurm failed"
grep -q '^#SBATCH --array=0-3$' "$script" || fail "$script does not ask for an array of 4 tasks"

echo "cluster-test: sbatch --wait $script (first submission: trains the 4 runs, 1 CPU each)..."
sbatch --wait "$script" || { cat "$results"/smoke/slurm-logs/* 2>/dev/null | tail -20; fail "the array failed"; }
logs=("$results"/smoke/slurm-logs/task-*.log)
[ "${#logs[@]}" = 4 ] || fail "expected 4 task logs, found ${#logs[@]}: ${logs[*]}"
for i in 0 1 2 3; do
  grep -q "starting of 4" "$results"/smoke/slurm-logs/task-$i-job-*.log || fail "task $i did not start its run"
done
bin/resnetlab report "$results" --csv target/cluster-test/report.csv >target/cluster-test/report.txt || fail "report failed"
python3 - target/cluster-test/report.csv <<'EOF' || fail "report does not show every run complete: $(cat target/cluster-test/report.txt)"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert sorted(r["unit"] for r in rows) == ["original", "plain"], rows
assert all(r["runs"] == "2" and "in progress" not in r["outcomes"] for r in rows), rows
EOF
sums="$(find "$results/smoke" -name metrics.csv -exec md5sum {} + | sort)"
bin/resnetlab "${grid[@]}" --print-jobs 2>&1 | grep -q "is complete" || fail "print-jobs still lists runs after the array"

echo "cluster-test: sbatch --wait $script again (every task must report its run complete)..."
sbatch --wait "$script" || fail "the re-submitted array failed"
for i in 0 1 2 3; do
  [ "$(grep -l "already complete" "$results"/smoke/slurm-logs/task-$i-job-*.log | wc -l)" = 1 ] \
    || fail "task $i of the second array did not report its run complete"
done
[ "$sums" = "$(find "$results/smoke" -name metrics.csv -exec md5sum {} + | sort)" ] || fail "the second array changed a run"
echo "cluster-test: PASSED (4 runs through a Slurm job array; re-submitted, every task skipped its finished run)"
