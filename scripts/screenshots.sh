#!/usr/bin/env bash
# Regenerates docs/screenshots (the officer screens) from a fresh demo profile, under Xvfb on
# a 1,366 x 768 screen: Japanese at 100 % and 200 % text size, English at 100 %, named
# <screen>_<lang>_<scale>.png (scripts/screenshots.py lists the screens).
# Usage: bash scripts/screenshots.sh [--out DIR]
# Needs what the README's set-up installs (scripts/install.sh: .venv, Xvfb, xauth).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
if [ ! -x .venv/bin/python ] || ! command -v xvfb-run >/dev/null 2>&1; then
  say "先に bash scripts/install.sh を実行してください（.venv と Xvfb が必要です）" \
    "Run bash scripts/install.sh first (.venv and Xvfb are needed)" >&2
  exit 1
fi
# The real xcb platform on a virtual screen: what an officer's display shows, fonts included.
exec env -u QT_QPA_PLATFORM xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py "$@"
