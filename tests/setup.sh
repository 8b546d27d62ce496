#!/usr/bin/env bash
# Installs what the tests and benchmarks need when it is missing, then exports INTEROP_TEST_PYTHON.
# Sourced by tests/run-all.sh and tests/bench/run.sh (run from the workspace root).
#   Mono (mcs, mono), NuGet, valgrind, pkg-config, gcc/g++ via apt-get (as root, or with sudo);
#   a Python venv at .venv with pytest, mypy, wheel and twine from PyPI.

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
export INTEROP_TEST_PYTHON="$(pwd)/.venv/bin/python"
