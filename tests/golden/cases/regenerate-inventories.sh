#!/usr/bin/env bash
# Rewrites the inventory.json of golden cases from their source.rs: each source is built as a tiny
# `#[ffi]` cdylib (named like its case) and its inventory printed by `cargo interop inspect --json`.
#   bash tests/golden/cases/regenerate-inventories.sh            every case
#   bash tests/golden/cases/regenerate-inventories.sh enums docs  some cases
# Review the diff, then rerun the golden cases (INTEROP_BLESS=1 to accept new expected output).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
cases_dir="$root/tests/golden/cases"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ $# -gt 0 ]; then
  cases=("$@")
else
  cases=()
  for dir in "$cases_dir"/*/; do
    [ -f "$dir/source.rs" ] && cases+=("$(basename "$dir")")
  done
fi

# One scratch workspace, so interop-core is built once for all cases.
members=""
for case in "${cases[@]}"; do
  mkdir -p "$scratch/$case/src"
  cp "$cases_dir/$case/source.rs" "$scratch/$case/src/lib.rs"
  cat > "$scratch/$case/Cargo.toml" <<TOML
[package]
name = "$case"
version = "1.0.0"
edition = "2024"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
interop-core = { path = "$root/interop-core" }
TOML
  members="$members\"$case\", "
done
printf '[workspace]\nresolver = "3"\nmembers = [%s]\n' "$members" > "$scratch/Cargo.toml"

cargo build --quiet --manifest-path "$root/Cargo.toml" -p cargo-interop --bin cargo-interop
for case in "${cases[@]}"; do
  echo "inventory of $case" >&2
  "$root/target/debug/cargo-interop" interop inspect --json \
    --manifest-path "$scratch/$case/Cargo.toml" > "$cases_dir/$case/inventory.json"
done
