#!/usr/bin/env bash
# The benchmarks, on a fresh machine: installs what is missing (tests/setup.sh: Mono, gcc, the
# Python venv), then runs the harness in release mode, which rewrites BENCHMARKS.md.
#   bash tests/bench/run.sh              # full run, ~10 minutes on 2 cores
#   bash tests/bench/run.sh --smoke      # tiny counts, to check the harness works
# Extra arguments go to the harness (`--help` lists them).
set -euo pipefail
cd "$(dirname "$0")/../.."
source tests/setup.sh
say "interop-bench (release)"
cargo run --release -p interop-bench -- "$@"
