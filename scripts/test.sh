#!/usr/bin/env bash
# Installs everything (see install.sh) and runs the whole check: ruff, mypy --strict, pytest.
# Exits non-zero on any failure (pytest's "no tests collected" and aborts included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev
export QT_QPA_PLATFORM=offscreen
# Hypothesis derandomized, as in CI: one commit, one result (tests/conftest.py; README).
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"
echo "== ruff"
lint_paths=(circular_app tests db scripts)
[ -d benchmarks ] && lint_paths+=(benchmarks)
.venv/bin/ruff check "${lint_paths[@]}"
.venv/bin/ruff format --check "${lint_paths[@]}"
echo "== mypy --strict"
.venv/bin/mypy
echo "== pytest"
set +e
.venv/bin/python -m pytest -p no:cacheprovider "$@"
status=$?
set -e
if [ $status -eq 5 ]; then echo "pytest collected no tests: failing" >&2; exit 1; fi
if [ $status -ne 0 ]; then exit $status; fi
echo "== frozen app: PyInstaller build and its checks"
bash scripts/build.sh
bash scripts/frozen_check.sh
