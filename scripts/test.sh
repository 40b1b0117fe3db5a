#!/usr/bin/env bash
# `make test`: the same set-up as `make lab`, then every JUnit test (on MXNet and on PyTorch), then every notebook
# executed headless through the real `java` kernel in quick mode. Ends with one line: "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
maven_flags="${MAVEN_FLAGS:--Pboth}"
export MAVEN_FLAGS="$maven_flags"

scripts/setup.sh --skip-build || exit 1

# Fashion-MNIST (real data for the runner's tests) from Debian's package, where the machine allows installing it.
if ! dpkg -s dataset-fashion-mnist >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing Debian's dataset-fashion-mnist (tests that need it skip without it)..."
  { apt-get install -y -q dataset-fashion-mnist || { apt-get update -q && apt-get install -y -q dataset-fashion-mnist; }; } \
    >/dev/null 2>&1 || echo "test: could not install dataset-fashion-mnist; the tests that need it will skip."
fi

# GNU parallel (tests/test_grid_parallel.py runs a grid's --print-jobs through it; it skips without it).
if ! command -v parallel >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing Debian's parallel (GNU parallel, for the grid --print-jobs test)..."
  { apt-get install -y -q parallel || { apt-get update -q && apt-get install -y -q parallel; }; } \
    >/dev/null 2>&1 || echo "test: could not install parallel; the grid --print-jobs test will skip."
fi

echo "test: JUnit (mvn verify $maven_flags)..."
mkdir -p target && rm -rf target/surefire-reports target/surefire-reports-pytorch target/pytest-notebooks.xml
mvn -B $maven_flags verify -Dmaven.test.failure.ignore=true >target/maven-verify.log 2>&1
maven_rc=$?
grep -E 'Tests run:|FAIL|BUILD|ERROR\]' target/maven-verify.log | grep -vE '^\[INFO\] Tests run: .*, Time elapsed' | tail -40
if [ ! -f target/lib/resnet-lab.jar ]; then
  echo "test: the Maven build failed before packaging (full log: target/maven-verify.log):"
  tail -40 target/maven-verify.log
  python3 tests/summarize.py 1
  exit 1
fi
scripts/register-kernel.sh || exit 1

echo "test: notebooks through the java kernel, quick mode..."
RESNETLAB_QUICK=1 .venv/bin/python -m pytest -q -p no:cacheprovider tests --junitxml=target/pytest-notebooks.xml
notebook_rc=$?
# pytest exits 5 when there is no notebook: that is a failure of this command too (summarize counts it).

python3 tests/summarize.py "$(( maven_rc != 0 ))"
