//! `cargo interop` on bad input: every error is a clear message (with file:line:col where there is
//! one, what is wrong and the fix), a non-zero exit, and never a Rust panic or backtrace.
//!
//! Crates that are only read (not built) or that must fail to build are written to temp dirs by the
//! tests; cdylib fixtures that build live in tests/fixtures/cli-*.

use std::path::{Path, PathBuf};
use std::process::Output;

use interop_tests::fixture_manifest;

mod build_flags;
mod check;
mod command_line;
mod config_checks;
mod config_syntax;
mod diagnostics;
mod fingerprint;
mod library;
mod missing_tools;
mod package;
mod verbosity;
mod writes;

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// No panic text, no backtrace hint, ever.
fn assert_no_panic(out: &Output) {
    let all = format!("{}{}", stdout(out), stderr(out));
    assert!(!all.contains("panicked at"), "a Rust panic escaped:\n{all}");
    assert!(
        !all.contains("RUST_BACKTRACE"),
        "a backtrace hint escaped:\n{all}"
    );
}

/// The command failed (exit 1) and stderr has an `error:` line containing every one of `needles`.
#[track_caller]
fn assert_error(out: &Output, needles: &[&str]) {
    assert_no_panic(out);
    let err = stderr(out);
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit code 1\n--- stderr\n{err}\n--- stdout\n{}",
        stdout(out)
    );
    assert!(err.contains("error: "), "no `error:` line:\n{err}");
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}:\n{err}");
    }
}

#[track_caller]
fn assert_ok(out: &Output) {
    assert_no_panic(out);
    assert!(
        out.status.success(),
        "expected success ({})\n--- stderr\n{}\n--- stdout\n{}",
        out.status,
        stderr(out),
        stdout(out)
    );
}

/// Run `cargo interop <args>` in `dir` with extra environment variables (`PATH` …).
fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Output {
    let mut cmd = std::process::Command::new(interop_tests::cargo_interop());
    cmd.current_dir(dir)
        .arg("interop")
        .args(args)
        .env_remove("RUST_BACKTRACE");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("spawn cargo-interop")
}

/// `cargo interop build --manifest-path <manifest> --config <config> <extra…>` in `dir`, with `env`.
fn build_with(
    dir: &Path,
    manifest: &Path,
    config: &Path,
    extra: &[&str],
    env: &[(&str, &std::ffi::OsStr)],
) -> Output {
    let mut args = vec![
        "build",
        "--manifest-path",
        s(manifest),
        "--config",
        s(config),
    ];
    args.extend_from_slice(extra);
    run_with_env(dir, &args, env)
}

/// Every file below `dir` (hidden ones included), relative to it, sorted; none when `dir` is missing.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(dir).expect("below dir").to_path_buf());
            }
        }
    }
    out.sort();
    out
}

fn temp_dir(prefix: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("interop-cli-{prefix}-"))
        .tempdir()
        .expect("create temp dir")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Write a standalone crate (its own `[workspace]`, no dependencies) into `dir`.
fn write_crate(dir: &Path, name: &str, lib_section: &str, lib_rs: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("src")).expect("mkdir src");
    let manifest = dir.join("Cargo.toml");
    std::fs::write(
        &manifest,
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\npublish = false\n\n\
             {lib_section}\n\n[workspace]\n"
        ),
    )
    .expect("write Cargo.toml");
    std::fs::write(dir.join("src/lib.rs"), lib_rs).expect("write lib.rs");
    manifest
}

const CDYLIB: &str = "[lib]\ncrate-type = [\"cdylib\"]";

/// `cargo interop build` of the conformance fixture with the given Interop.toml text, run in a temp
/// dir that holds the Interop.toml.
fn build_conformance_with(config: &str) -> (tempfile::TempDir, Output) {
    let dir = temp_dir("config");
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, config).expect("write Interop.toml");
    let out = build_with(dir.path(), &fixture_manifest("conformance"), &cfg, &[], &[]);
    (dir, out)
}

/// A dependency-free cdylib that exports the inventory symbol by hand (an empty inventory), so it
/// builds in a moment in its own target dir and its source can be edited by the test.
fn write_inventory_crate(dir: &Path, extra: &str) {
    let json = serde_json::to_string(&interop_core::model::Inventory::empty()).expect("serialize");
    let lib_rs = format!(
        "static INVENTORY: &[u8] = br#\"{json}\"#;\n\n\
         /// # Safety\n/// `len` must be writable.\n\
         #[unsafe(no_mangle)]\npub unsafe extern \"C\" fn interop_inventory(len: *mut usize) -> *const u8 {{\n    \
         unsafe {{ *len = INVENTORY.len() }};\n    INVENTORY.as_ptr()\n}}\n{extra}"
    );
    write_crate(dir, "fp-lib", CDYLIB, &lib_rs);
}
