#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run):
#   1. install.sh --dev: Debian packages (Qt libraries, Xvfb, poppler-utils, Chromium, the
#      PostgreSQL server package) and .venv with the app, test, lint and build tools;
#   2. ruff check, ruff format --check, mypy --strict;
#   3. pytest on two workers (the hub tests start their own throwaway PostgreSQL cluster unless
#      CIRCULAR_TEST_PG_URL names a server; the reader-page tests drive Debian's Chromium);
#   4. the frozen app: PyInstaller build (scripts/build.sh) and its checks (scripts/frozen_check.sh).
# Arguments go to pytest. Exits non-zero on any failure (pytest's "no tests collected" and
# aborts included). The scripts' own lines follow the app's language (scripts/common.sh); the
# tools print their own output.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/common.sh
bash scripts/install.sh --dev
export QT_QPA_PLATFORM=offscreen
# Hypothesis derandomized, as in CI: one commit, one result (tests/conftest.py; README).
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
say "== ruff（静的検査と書式）" "== ruff (lint and format)"
lint_paths=(circular_app tests db scripts)
[ -d benchmarks ] && lint_paths+=(benchmarks)
.venv/bin/ruff check "${lint_paths[@]}"
.venv/bin/ruff format --check "${lint_paths[@]}"
say "== mypy --strict（型検査）" "== mypy --strict (types)"
.venv/bin/mypy
say "== pytest（テスト）" "== pytest (tests)"
set +e
# Two workers, a test file each at a time (pytest-xdist, docs/decisions.md); PYTEST_WORKERS=0
# runs everything in this one process. --durations names the slowest tests in every log.
workers="${PYTEST_WORKERS:-2}"
parallel=()
if [ "$workers" != "0" ]; then parallel=(-n "$workers" --dist loadfile); fi
.venv/bin/python -m pytest -p no:cacheprovider --durations=25 "${parallel[@]}" "$@"
status=$?
set -e
if [ $status -eq 5 ]; then
  say "pytest がテストを1件も集めませんでした: 失敗とします" "pytest collected no tests: failing" >&2
  exit 1
fi
if [ $status -ne 0 ]; then exit $status; fi
say "== 配布用アプリ: PyInstaller でビルドして検査します" "== frozen app: PyInstaller build and its checks"
bash scripts/build.sh
bash scripts/frozen_check.sh
