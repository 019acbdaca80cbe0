#!/usr/bin/env bash
# Installs Kairan Desk (see install.sh), creates the demo profile and opens it.
# Without a screen (no DISPLAY / WAYLAND_DISPLAY) the demo is created and the command to open
# it later is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/python -m circular_app demo "$@"
fi
.venv/bin/python -m circular_app demo --no-gui "$@"
echo "No screen found: run '.venv/bin/python -m circular_app' on a desktop session to open it."
