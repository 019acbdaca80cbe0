#!/usr/bin/env bash
# Installs Kairan Desk (see install.sh), creates the demo profile and opens it, logged in.
# Without a screen (no DISPLAY / WAYLAND_DISPLAY) the demo is only created, and the app says
# how to open it. Every line is in the app's language (scripts/common.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/python -m circular_app demo "$@"
fi
exec .venv/bin/python -m circular_app demo --no-gui "$@"
