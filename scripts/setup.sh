#!/usr/bin/env bash
# Set-up shared by `make lab` and `make test`: checks the tools, creates or refreshes the project-local
# virtualenv (.venv) from requirements.txt, builds the helper module, registers the `java` kernel (IJava 1.3.0)
# inside .venv. Idempotent: a second run only checks and rebuilds what changed.
#
#   scripts/setup.sh [--skip-build]
#
# Environment: PYTHON (default python3), MAVEN_FLAGS (default -Pboth: MXNet + PyTorch; -Dengine=pytorch where
# MXNet has no natives), PIP_RETRIES / PIP_TIMEOUT (default 0 / 15 s: an unreachable index fails fast).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="$root/.venv"
python="${PYTHON:-python3}"
maven_flags="${MAVEN_FLAGS:--Pboth}"
skip_build=false
[ "${1:-}" = "--skip-build" ] && skip_build=true

say() { printf 'setup: %s\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# --- tools -------------------------------------------------------------------------------------------------
command -v java >/dev/null 2>&1 || die "no 'java' on PATH: install a JDK 17 or newer (e.g. apt-get install openjdk-17-jdk, or Temurin 17) and set JAVA_HOME/PATH."
java_bin="$(command -v java)"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java_bin="$JAVA_HOME/bin/java"
java_major="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1)"
java_major="${java_major#1.}"
[ -n "$java_major" ] && [ "$java_major" -ge 17 ] 2>/dev/null \
  || die "Java $java_major found at $java_bin, but resnet-lab needs Java 17 or newer: install a JDK 17+ and put it first on PATH (or set JAVA_HOME)."
"$java_bin" --list-modules 2>/dev/null | grep -q '^jdk.jshell@' \
  || die "$java_bin is a JRE without the jdk.jshell module, which the Java kernel needs: install a full JDK 17+ (e.g. openjdk-17-jdk, not -jre)."
command -v mvn >/dev/null 2>&1 || die "no 'mvn' on PATH: install Apache Maven 3.8+ (e.g. apt-get install maven)."
command -v "$python" >/dev/null 2>&1 || die "no '$python' on PATH: install Python 3.9+ with venv (e.g. apt-get install python3 python3-venv)."
"$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
  || die "$("$python" --version 2>&1) is too old: the Jupyter side needs Python 3.9 or newer."
"$python" -c 'import venv, ensurepip' 2>/dev/null \
  || die "$python cannot create virtualenvs: install its venv module (e.g. apt-get install python3-venv)."

# Charts are drawn by the JDK's 2D stack: headless JDKs need fontconfig and at least one font.
if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list 2>/dev/null | head -1)" ]; }; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing fontconfig and fonts-dejavu-core (charts need a font)..."
    { apt-get update -q && apt-get install -y -q fontconfig fonts-dejavu-core; } >/dev/null 2>&1 \
      || die "charts need fonts and installing them failed: run 'apt-get install fontconfig fonts-dejavu-core' (Fedora: 'dnf install fontconfig dejavu-sans-fonts')."
  else
    die "charts need fontconfig and a font, and none was found: install them (Debian/Ubuntu: 'sudo apt-get install fontconfig fonts-dejavu-core'; Fedora: 'sudo dnf install fontconfig dejavu-sans-fonts')."
  fi
fi

# --- Python side: .venv from requirements.txt --------------------------------------------------------------
want="$(sha256sum requirements.txt | cut -d' ' -f1)"
have="$(cat "$venv/.requirements.sha256" 2>/dev/null || true)"
if [ ! -x "$venv/bin/python" ] || [ "$want" != "$have" ]; then
  say "creating the virtualenv .venv from requirements.txt..."
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv" || die "'$python -m venv .venv' failed: install the venv module (e.g. apt-get install python3-venv)."
  pip_log="$venv/pip-install.log"
  if ! "$venv/bin/python" -m pip install -q --disable-pip-version-check \
        --retries "${PIP_RETRIES:-0}" --timeout "${PIP_TIMEOUT:-15}" -r requirements.txt >"$pip_log" 2>&1; then
    grep -E '^(ERROR|error)' "$pip_log" | tail -5 >&2
    die "pip could not install requirements.txt from the package index it is configured for (pip config list): check the network or the index settings, then run the command again."
  fi
  echo "$want" > "$venv/.requirements.sha256"
fi

# --- Java side: the helper module and its runtime classpath (target/lib) ----------------------------------
if ! $skip_build; then
  say "building the helper module (mvn package)..."
  mvn -q -B $maven_flags package -DskipTests -Dmaven.test.skip.exec=true >/tmp/resnetlab-build.$$.log 2>&1 \
    || { tail -30 /tmp/resnetlab-build.$$.log >&2; rm -f /tmp/resnetlab-build.$$.log; die "the Maven build failed (last lines above)."; }
  rm -f /tmp/resnetlab-build.$$.log
fi

# --- the `java` kernel, registered inside .venv --------------------------------------------------------------
if $skip_build; then  # the caller builds (make test: mvn verify) and registers the kernel afterwards
  say "ready: Java $java_major, $("$venv/bin/python" --version); module not built yet."
  exit 0
fi
"$root/scripts/register-kernel.sh" "$java_bin"
say "ready: Java $java_major, $("$venv/bin/python" --version), kernel 'java' (IJava) in .venv."
