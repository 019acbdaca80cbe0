#!/usr/bin/env bash
# Checks the frozen app built by scripts/build.sh (default dist/KairanDesk), without Python:
#   1. `self-test` offscreen on a temporary data folder: exit 0 and NOTHING on stderr;
#   2. an old profile (tests/fixtures/profiles/schema_0001) is upgraded to the current schema
#      by the frozen app: export-roster succeeds, the CSV (UTF-8 with BOM, because of 𠮷) holds
#      the three fixture households, and a command that needs the newest tables works;
#   3. the GUI starts offscreen on a demo profile and shows its main window;
#   4. the same on a real X server (xcb platform plugin) when xvfb-run is installed;
#   5. reportlab's C speed-ups (_rl_accel) are in the bundle.
# Usage: bash scripts/frozen_check.sh [DIST_FOLDER]
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh

dist=${1:-dist/KairanDesk}
exe="$dist/KairanDesk"
# On Windows the windowed KairanDesk.exe has no console: the spec ships KairanDesk-cli.exe.
[ -f "$dist/KairanDesk-cli.exe" ] && exe="$dist/KairanDesk-cli.exe"
if [ ! -x "$exe" ]; then
  say "$exe に配布用アプリがありません: 先に scripts/build.sh を実行してください" \
    "no frozen app at $exe: run scripts/build.sh first" >&2
  exit 1
fi
PY=${PYTHON:-python3}  # only to read the exported CSV; the app itself runs without Python

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kairan-frozen-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen
unset KAIRAN_DATA_DIR KAIRAN_USER KAIRAN_PASSWORD KAIRAN_BENCH_EXIT_AFTER_SHOW KAIRAN_BENCH_EXIT_AFTER_LOGIN_SHOWN
failures=0

# run NAME ALLOWED_STDERR_REGEX CMD...: runs CMD, fails on a non-zero exit or on any stderr
# line that does not match ALLOWED_STDERR_REGEX ("" allows nothing).
run() {
  local name=$1 allowed=$2; shift 2
  local status=0
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
  local unexpected="$tmp/$name.unexpected"
  if [ -n "$allowed" ]; then
    grep -Ev "$allowed" "$tmp/$name.err" >"$unexpected" || true
  else
    cp "$tmp/$name.err" "$unexpected"
  fi
  if [ $status -ne 0 ] || [ -s "$unexpected" ]; then
    say "FAIL $name（終了コード $status）" "FAIL $name (exit $status)" >&2
    sed 's/^/  stdout: /' "$tmp/$name.out" >&2
    sed 's/^/  stderr: /' "$tmp/$name.err" >&2
    return 1
  fi
  printf '%s\n' "ok   $name"
}

check() {  # check NAME: counts a failure instead of stopping, so every check reports
  if ! "$@"; then failures=$((failures + 1)); fi
}

# 1. self-test: migrations, Japanese PDF, font coverage, keyring.
if run self-test "" "$exe" --data-dir "$tmp/selftest" self-test; then
  sed 's/^/       /' "$tmp/self-test.out"
else
  failures=$((failures + 1))
fi

# 2. Upgrade an old profile through the frozen app (the fixture uses cheap scrypt parameters).
upgrade() {
  mkdir -p "$tmp/old/profiles"
  cp -R tests/fixtures/profiles/schema_0001 "$tmp/old/profiles/"
  KAIRAN_PASSWORD=fixture-password run upgrade-export "" \
    "$exe" --data-dir "$tmp/old" --user fixture export-roster "$tmp/roster.csv" || return 1
  # Circulars came with schema 0003: listing them proves the file was migrated past 0001.
  KAIRAN_PASSWORD=fixture-password run upgrade-newest-tables "" \
    "$exe" --data-dir "$tmp/old" --user fixture list-circulars || return 1
  "$PY" - "$tmp/roster.csv" <<'EOF' || return 1
import sys
raw = open(sys.argv[1], "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "export is not UTF-8 with BOM (𠮷 does not fit CP932)"
text = raw.decode("utf-8-sig")
expected = ["髙橋 一郎", "山﨑 花子", "𠮷田 次郎"]
missing = [name for name in expected if name not in text]
assert not missing, f"households missing from the export: {missing}"
rows = [line for line in text.splitlines() if line.strip()]
assert len(rows) == 1 + len(expected), f"expected a header and 3 households, got {len(rows)} lines"
EOF
  say "ok   upgrade-csv: 3世帯、BOM 付き UTF-8" "ok   upgrade-csv: 3 households, UTF-8 with BOM"
}
check upgrade

# 5. reportlab's C speed-ups are bundled (imported by a string PyInstaller cannot see; without
# them every PDF copy is drawn in pure Python, about a tenth slower, with the same bytes).
speedups() {
  if compgen -G "$dist/_internal/_rl_accel*" >/dev/null; then
    printf '%s\n' "ok   pdf-speedups"
  else
    say "FAIL pdf-speedups: _rl_accel がありません（build_spec.spec の HIDDEN_IMPORTS）" \
      "FAIL pdf-speedups: _rl_accel is not bundled (build_spec.spec HIDDEN_IMPORTS)" >&2
    return 1
  fi
}
check speedups

# 3./4. The GUI: a demo profile, logged in from the environment, exits once the window shows.
# Offscreen says "This plugin does not support propagateSizeHints()" per window: harmless.
QT_NOISE='propagateSizeHints'
gui() {
  local name=$1; shift
  run "$name" "$QT_NOISE" env KAIRAN_PASSWORD=kairan-demo KAIRAN_USER=demo \
    KAIRAN_BENCH_EXIT_AFTER_SHOW=1 "$@" "$exe" --data-dir "$tmp/demo" || return 1
  if ! grep -q '^FIRST_WINDOW_SHOWN ' "$tmp/$name.out"; then
    say "FAIL $name: ウィンドウが表示されませんでした" "FAIL $name: no window shown" >&2
    return 1
  fi
  printf '%s\n' "       $(grep '^FIRST_WINDOW_SHOWN ' "$tmp/$name.out")"
}
check run demo-profile "" "$exe" --data-dir "$tmp/demo" demo --households 60 --no-gui
check gui gui-offscreen timeout 120
if command -v xvfb-run >/dev/null 2>&1; then
  check gui gui-xcb timeout 120 xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb
else
  say "skip gui-xcb: xvfb-run がありません（apt-get install xvfb xauth）" \
    "skip gui-xcb: xvfb-run is not installed (apt-get install xvfb xauth)"
fi

if [ $failures -ne 0 ]; then
  say "配布用アプリの検査: $failures 件失敗しました" "frozen check: $failures check(s) failed" >&2
  exit 1
fi
say "配布用アプリの検査: すべて合格（$exe）" "frozen check: all passed ($exe)"
