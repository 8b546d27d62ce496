//! Release builds of shims over C-compatible types are the hand-written code: the bench fixture's
//! `#[ffi]` functions and their `raw_*` twins (plain `extern "C"` functions doing the same work)
//! disassemble to the same instructions.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use interop_tests::{assert_success, cargo_build_artifacts, require_tool};

/// Address and size of each defined symbol of `lib` (`nm -S`).
fn symbols(nm: &Path, lib: &Path) -> BTreeMap<String, (u64, u64)> {
    let out = Command::new(nm)
        .args(["-S", "--defined-only"])
        .arg(lib)
        .output()
        .expect("run nm");
    assert_success(&out, "nm -S");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            let [addr, size, _kind, name] = parts.as_slice() else {
                return None;
            };
            let hex = |s: &str| u64::from_str_radix(s, 16).ok();
            Some((name.to_string(), (hex(addr)?, hex(size)?)))
        })
        .collect()
}

/// The instructions between `start` and `start + size` in `lib`, without addresses.
fn instructions(objdump: &Path, lib: &Path, (start, size): (u64, u64)) -> Vec<String> {
    let out = Command::new(objdump)
        .args(["-d", "--no-show-raw-insn", "--no-addresses"])
        .arg(format!("--start-address={start:#x}"))
        .arg(format!("--stop-address={:#x}", start + size))
        .arg(lib)
        .output()
        .expect("run objdump");
    assert_success(&out, "objdump");
    let text = String::from_utf8_lossy(&out.stdout);
    let body: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.ends_with(':') && !l.contains("file format"))
        .filter(|l| *l != "int3" && !l.starts_with("nop"))
        .map(str::to_string)
        .collect();
    assert!(!body.is_empty(), "no code at {start:#x} in:\n{text}");
    body
}

#[test]
fn release_shims_over_c_types_are_the_hand_written_code() {
    let (Some(objdump), Some(nm)) = (require_tool("objdump"), require_tool("nm")) else {
        return;
    };
    let lib = cargo_build_artifacts(&["-p", "bench-fixture", "--release"], "cdylib")
        .into_iter()
        .find(|(name, _)| name == "bench_fixture")
        .map(|(_, path)| path)
        .expect("the bench fixture's cdylib");
    let symbols = symbols(&nm, &lib);
    let at = |name: &str| {
        *symbols
            .get(name)
            .unwrap_or_else(|| panic!("no symbol `{name}` in {}", lib.display()))
    };
    for (shim, raw) in [
        ("noop", "raw_noop"),
        ("add", "raw_add"),
        ("vec_double", "raw_vec_double"),
    ] {
        // The linker may fold identical functions into one (then both names have one address).
        let (shim_at, raw_at) = (at(shim), at(raw));
        if shim_at.0 != raw_at.0 {
            assert_eq!(
                instructions(&objdump, &lib, shim_at),
                instructions(&objdump, &lib, raw_at),
                "`{shim}` differs from `{raw}` in {}",
                lib.display()
            );
        }
    }
}
