#!/usr/bin/env bash
# `make lab`: set-up (virtualenv, build, `java` kernel), then JupyterLab on notebooks/.
# Extra JupyterLab options: LAB_ARGS="--no-browser --port 8890" make lab
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/setup.sh
args=(--notebook-dir="$root/notebooks")
# JupyterLab refuses to start as root without this (containers, CI machines).
[ "$(id -u)" = 0 ] && args+=(--allow-root)
# shellcheck disable=SC2086
exec .venv/bin/jupyter lab "${args[@]}" ${LAB_ARGS:-}
