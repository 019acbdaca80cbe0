#!/usr/bin/env bash
# Installs what Kairan Desk needs on a fresh Debian 12 machine (run as root), idempotently:
#   - Debian packages Qt needs (offscreen and on a real screen), poppler-utils for PDF checks;
#   - with --dev also Debian's Chromium (reader-page tests) and the PostgreSQL server package
#     (the hub tests start a throwaway cluster of their own with its initdb/pg_ctl; no
#     service needs to run);
#   - a Python virtual environment in .venv with the exact versions of requirements.lock.
# Facts behind the package list: docs/environment.md.
# Usage: bash scripts/install.sh [--dev]     (--dev adds the test, lint and build tools)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

APT_PACKAGES=(
  # Qt offscreen platform (docs/environment.md): GL, EGL, xkbcommon, fontconfig, dbus.
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  # Qt on a real X11 screen (and Xvfb screenshots).
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 xvfb xauth
  # pdftoppm / pdffonts / pdftotext to check generated PDFs.
  poppler-utils
  # Paper in a household's language (docs/pdf.md): TrueType faces found at run time, not bundled.
  # DejaVu Sans: Vietnamese letters; Nanum Gothic: Hangul; Droid Sans Fallback: simplified and
  # traditional hanzi that BIZ UDPGothic lacks.
  fonts-dejavu-core fonts-nanum fonts-droid-fallback
)

if [ "${1:-}" = "--dev" ]; then
  # Tests only: Debian's Chromium for the reader page (Playwright never downloads a browser),
  # and the PostgreSQL server binaries for the hub tests' throwaway cluster (tests/pg_cluster.py).
  APT_PACKAGES+=(chromium postgresql)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  missing+=(python3 python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "== Debian パッケージをインストールします: ${missing[*]}" "== installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)' || {
  say "Python 3.11〜3.13 が必要です（見つかったのは $($PY --version 2>&1)）" \
    "Python 3.11–3.13 is required (found $($PY --version 2>&1))" >&2
  exit 1
}
if [ ! -x .venv/bin/python ]; then
  say "== .venv を作成します" "== creating .venv"
  "$PY" -m venv .venv
fi
extras=""
if [ "${1:-}" = "--dev" ]; then extras="[dev,build]"; fi
# -qq: pip's errors only (its notes and warnings are English whatever the app's language).
.venv/bin/python -m pip install -qq --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -qq --disable-pip-version-check -c requirements.lock -e ".${extras}"
say "== .venv にインストールしました" "== installed into .venv"
