#!/usr/bin/env bash
# Builds the one-folder app dist/KairanDesk/ with PyInstaller (build_spec.spec) and prints its
# size. PyInstaller comes from requirements.lock, installed into the project's environment.
#   VENV=DIR   use that virtual environment instead of .venv (it must have the app's packages)
# On Linux the folder must stay within KAIRAN_SIZE_BUDGET_MB (default 180, issue 24) or the build fails.
# Build releases on a clean machine: what gets bundled depends on what the build host has.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

VENV=${VENV:-.venv}
PY="$VENV/bin/python"
[ -x "$PY" ] || PY="$VENV/Scripts/python.exe"  # Windows (Git Bash)
if [ ! -x "$PY" ]; then
  say "$VENV に Python 環境がありません: 先に bash scripts/install.sh を実行してください（または VENV を指定）" \
    "no Python environment in $VENV: run 'bash scripts/install.sh' first (or set VENV)" >&2
  exit 1
fi

"$PY" -m pip install -q --disable-pip-version-check -c requirements.lock pyinstaller

start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build_spec.spec
elapsed=$(( $(date +%s) - start ))

out=dist/KairanDesk
exe="$out/KairanDesk"
[ -f "$exe" ] || exe="$out/KairanDesk.exe"
if [ ! -f "$exe" ]; then
  say "ビルドは終わりましたが、$out に KairanDesk の実行ファイルがありません" \
    "build finished but $out has no KairanDesk executable" >&2
  exit 1
fi
# MB = 10^6 bytes of file contents, as benchmarks/startup.py counts (GNU du; others: disk usage).
kib=$(du -sk --apparent-size "$out" 2>/dev/null || du -sk "$out")
size_mb=$(awk -v k="${kib%%[[:space:]]*}" 'BEGIN { printf "%.0f", k * 1024 / 1e6 }')
files=$(find "$out" -type f | wc -l | tr -d ' ')
say "== $out をビルドしました（${elapsed}秒）: ${size_mb} MB、${files} ファイル" \
  "== built $out in ${elapsed}s: ${size_mb} MB in ${files} files"

budget=${KAIRAN_SIZE_BUDGET_MB:-180}
over=$(awk -v k="${kib%%[[:space:]]*}" -v b="$budget" 'BEGIN { print (k * 1024 / 1e6 > b) ? 1 : 0 }')
if [ "$(uname -s)" = "Linux" ] && [ "$over" = 1 ]; then
  say "フォルダーが ${size_mb} MB で、上限 ${budget} MB を超えています: build_spec.spec の除外設定を見てください" \
    "the folder is ${size_mb} MB, over the ${budget} MB budget: see the filters in build_spec.spec" >&2
  exit 1
fi
