#!/usr/bin/env bash
# Commit every finished run (its run.json has an outcome) whose metrics.csv / run.json git does not hold yet or holds
# in another version. Only those two files (metrics.csv when the run wrote one): checkpoints and locks stay out of git (.gitignore).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
added=()
while IFS= read -r json; do
  d="$(dirname "$json")"
  python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get('outcome') else 1)" "$json" 2>/dev/null \
    || continue
  if ! git ls-files --error-unmatch "$json" >/dev/null 2>&1 || ! git diff --quiet -- "$json" "$d/metrics.csv"; then
    added+=("$d")
  fi
done < <(find data/results -name run.json | sort)
if [ ${#added[@]} -eq 0 ]; then echo "commit-runs: nothing new"; exit 0; fi
msg="Campaign runs finished:"
files=()
for d in "${added[@]}"; do
  outcome="$(python3 -c "import json,sys; o=json.load(open(sys.argv[1]))['outcome']; print(o['status'], o.get('final_test_error'))" "$d/run.json")"
  msg+=$'\n'"- ${d#data/results/}: $outcome"
  files+=("$d/run.json")
  # a run that diverged before its first evaluation has no metrics.csv
  if [ -f "$d/metrics.csv" ]; then files+=("$d/metrics.csv"); fi
done
git add -- "${files[@]}"
git commit -q -m "$msg" -- "${files[@]}"
git log --oneline -1
