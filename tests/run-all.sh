#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what is missing, then runs everything.
#   bash tests/run-all.sh
# Installs (when missing): Mono (mcs, mono), NuGet, valgrind, pkg-config via apt-get (needs root or
# sudo), and a Python venv at .venv with pytest, mypy, wheel and twine from PyPI.
# With CI=true no test may skip because a tool is missing: it fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

say() { printf '\033[1;36m==> %s\033[0m\n' "$*"; }

# --- system packages -------------------------------------------------------------------------
need_apt=()
command -v mcs >/dev/null 2>&1 || need_apt+=(mono-devel)
command -v mono >/dev/null 2>&1 || need_apt+=(mono-runtime)
command -v monodis >/dev/null 2>&1 || need_apt+=(mono-utils)
command -v nuget >/dev/null 2>&1 || need_apt+=(nuget)
command -v valgrind >/dev/null 2>&1 || need_apt+=(valgrind)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} (apt-get)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# --- Python venv -----------------------------------------------------------------------------
py_reqs=(pytest mypy wheel twine)
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import pytest, mypy, wheel, twine' >/dev/null 2>&1; then
  say "creating the Python venv .venv (${py_reqs[*]})"
  python3 -m venv .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check "${py_reqs[@]}"
fi
export INTEROP_TEST_PYTHON="$root/.venv/bin/python"

# --- Rust checks and tests -------------------------------------------------------------------
say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
say "cargo test (unit, macro, CLI, and C / C# / Python end-to-end)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cargo test --workspace "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line with the totals of every test binary (cargo prints one line per binary).
awk '/^test result:/ {
       for (i = 1; i <= NF; i++) {
         if ($(i) ~ /^passed;/) passed += $(i-1)
         if ($(i) ~ /^failed;/) failed += $(i-1)
         if ($(i) ~ /^ignored;/) ignored += $(i-1)
       }
     }
     END { printf "\nTotal: %d passed, %d failed, %d skipped\n", passed, failed, ignored }' "$log"
exit "$status"
