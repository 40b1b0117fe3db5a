#!/usr/bin/env bash
# `make campaign`: start (or resume) the CPU campaign in the background, the way it is trained on a 2-core machine:
# two one-thread shards (`experiments --mode cpu --shard 0/2` and `1/2`) on DJL's PyTorch engine, from a frozen copy
# of the module's jars in data/cache/campaign-lib (rebuilding target/ under a running JVM breaks it; data/cache is
# gitignored and survives `make clean`). Logs: target/campaign-<shard>.log. Extra arguments go to `experiments`
# (e.g. experiment names such as 00-pilot). Stop: `pkill -f 'experiments --mode cpu'`; run it again to resume.
#   scripts/commit-runs.sh commits each finished run's metrics.csv and run.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shards="${CAMPAIGN_SHARDS:-2}"
if pgrep -f 'org.resnetlab.cli.Main experiments --mode cpu' >/dev/null; then
  echo "campaign: already running (pgrep -af 'experiments --mode cpu'); not starting a second copy" >&2
  exit 3
fi
# -Pboth, as bin/resnetlab and make build: the default profile packs MXNet only, and the shards run PyTorch.
[ -f target/lib/resnet-lab.jar ] && [ -z "$(find src/main pom.xml -newer target/lib/resnet-lab.jar -print -quit)" ] \
  && compgen -G 'target/lib/pytorch-engine-*.jar' >/dev/null \
  || mvn -q -B -o -Pboth package -DskipTests 2>/dev/null || mvn -q -B -Pboth package -DskipTests
rm -rf data/cache/campaign-lib && mkdir -p data/cache target && cp -r target/lib data/cache/campaign-lib
for ((shard = 0; shard < shards; shard++)); do
  RESNETLAB_HOME="$root" RESNETLAB_ENGINE=pytorch PYTORCH_NUM_THREADS=1 OMP_NUM_THREADS=1 \
    nohup bin/java-env java -cp "$root/data/cache/campaign-lib/*" org.resnetlab.cli.Main \
    experiments --mode cpu --shard "$shard/$shards" "$@" > "target/campaign-$shard.log" 2>&1 &
  echo "campaign: shard $shard/$shards started (pid $!), log target/campaign-$shard.log"
done
