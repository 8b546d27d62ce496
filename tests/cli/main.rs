//! `cargo interop` on bad input: every error is a clear message (with file:line:col where there is
//! one, what is wrong and the fix), a non-zero exit, and never a Rust panic or backtrace.
//!
//! Crates that are only read (not built) or that must fail to build are written to temp dirs by the
//! tests; cdylib fixtures that build live in tests/fixtures/cli-*.

use std::path::{Path, PathBuf};
use std::process::Output;

use interop_tests::{fixture_manifest, run_cargo_interop};

mod check;
mod config_checks;
mod diagnostics;
mod fingerprint;
mod library;
mod missing_tools;
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

// ---------------------------------------------------------------------------------------------
// Interop.toml
// ---------------------------------------------------------------------------------------------

#[test]
fn config_syntax_error_has_line_and_column() {
    let (_dir, out) = build_conformance_with("[c]\nout-dir = \"bindings/c\nheader = \"x.h\"\n");
    assert_error(
        &out,
        &["Interop.toml:2:22:", "2 | out-dir = \"bindings/c", "^"],
    );
}

#[test]
fn config_unknown_key_lists_the_valid_keys() {
    let (_dir, out) = build_conformance_with("[c]\nout-dir = \"out\"\nheadr = \"x.h\"\n");
    assert_error(
        &out,
        &[
            "Interop.toml:3:1: unknown field `headr`",
            "`out-dir`",
            "`header`",
            "3 | headr = \"x.h\"",
            "  | ^^^^^",
        ],
    );
}

#[test]
fn config_wrong_value_type() {
    let (_dir, out) = build_conformance_with("[csharp]\nout-dir = 42\n");
    assert_error(
        &out,
        &[
            "Interop.toml:2:11: invalid type: integer `42`",
            "2 | out-dir = 42",
        ],
    );
}

#[test]
fn config_unsupported_language() {
    let (_dir, out) = build_conformance_with("[c]\n\n[java]\npackage = \"x\"\n");
    assert_error(
        &out,
        &[
            "Interop.toml:3:2: language `java` is not supported; available: c, csharp, python",
            "3 | [java]",
        ],
    );
}

#[test]
fn config_without_any_language() {
    let (_dir, out) = build_conformance_with("# only a comment\n");
    assert_error(
        &out,
        &[
            "Interop.toml:1:1: no language is configured",
            "[c]",
            "cargo interop init",
        ],
    );
}

#[test]
fn missing_config_suggests_init() {
    let dir = temp_dir("noconfig");
    write_crate(dir.path(), "noconfig", CDYLIB, "");
    // No --manifest-path: the crate is found from the current directory, like cargo does.
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(
        &out,
        &["no Interop.toml at", "cargo interop init", "--config"],
    );
}

// ---------------------------------------------------------------------------------------------
// The package
// ---------------------------------------------------------------------------------------------

#[test]
fn crate_without_cdylib_shows_the_crate_type_to_add() {
    let dir = temp_dir("nocdylib");
    write_crate(dir.path(), "plainlib", "[lib]\ncrate-type = [\"rlib\"]", "");
    std::fs::write(dir.path().join("Interop.toml"), "[c]\n").expect("write Interop.toml");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(
        &out,
        &[
            "package `plainlib` does not build a C dynamic library",
            "[lib]",
            "crate-type = [\"cdylib\"]",
        ],
    );
}

#[test]
fn workspace_with_several_cdylibs_needs_a_package() {
    let dir = temp_dir("multi");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"alpha\", \"beta\"]\n",
    )
    .expect("write workspace");
    for name in ["alpha", "beta"] {
        let member = dir.path().join(name);
        std::fs::create_dir_all(member.join("src")).expect("mkdir");
        std::fs::write(
            member.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2024\"\n\n{CDYLIB}\n"
            ),
        )
        .expect("write member");
        std::fs::write(member.join("src/lib.rs"), "").expect("write lib.rs");
    }
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(&out, &["several cdylib packages: alpha, beta", "-p NAME"]);

    // Naming a package that does not exist lists the members.
    let out = run_cargo_interop(dir.path(), &["build", "-p", "gamma"]);
    assert_error(&out, &["package `gamma` is not a member", "alpha, beta"]);

    // With -p the package is selected (and the next problem, its missing Interop.toml, is reported).
    let out = run_cargo_interop(dir.path(), &["build", "-p", "beta"]);
    assert_error(&out, &["no Interop.toml at", "beta"]);
}

#[test]
fn manifest_path_that_does_not_exist() {
    let dir = temp_dir("nomanifest");
    let out = run_cargo_interop(
        dir.path(),
        &["inspect", "--manifest-path", "does/not/exist/Cargo.toml"],
    );
    assert_error(&out, &["does/not/exist/Cargo.toml", "does not exist"]);
}

// ---------------------------------------------------------------------------------------------
// The command line itself
// ---------------------------------------------------------------------------------------------

#[test]
fn runs_directly_and_as_cargo_subcommand() {
    let dir = temp_dir("argv");
    let direct = std::process::Command::new(interop_tests::cargo_interop())
        .current_dir(dir.path())
        .args(["--help"])
        .output()
        .expect("run cargo-interop");
    assert_ok(&direct);
    let help = stdout(&direct);
    for cmd in ["build", "init", "inspect"] {
        assert!(help.contains(cmd), "{help}");
    }
    let via_cargo = run_cargo_interop(dir.path(), &["--help"]);
    assert_ok(&via_cargo);
    assert_eq!(stdout(&via_cargo), help);

    let build_help = run_cargo_interop(dir.path(), &["build", "--help"]);
    assert_ok(&build_help);
    for flag in [
        "--manifest-path",
        "--package",
        "--release",
        "--profile",
        "--features",
        "--all-features",
        "--no-default-features",
        "--target-dir",
        "--target",
        "--config",
    ] {
        assert!(
            stdout(&build_help).contains(flag),
            "build --help lacks {flag}"
        );
    }
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let dir = temp_dir("usage");
    let out = run_cargo_interop(dir.path(), &["build", "--relase"]);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--relase"), "{}", stderr(&out));
}

// ---------------------------------------------------------------------------------------------
// Build flags and status output
// ---------------------------------------------------------------------------------------------

#[test]
fn build_flags_reach_cargo() {
    // cli-no-inventory has no dependencies, so building it in any profile or target dir is cheap; the
    // library path in the (expected) missing-inventory error shows where cargo built it.
    let dir = temp_dir("flags");
    let manifest = fixture_manifest("cli-no-inventory");
    let m = s(&manifest);

    let out = run_cargo_interop(dir.path(), &["inspect", "--release", "--manifest-path", m]);
    assert_error(&out, &["release/libcli_no_inventory.so` does not export"]);

    let target_dir = dir.path().join("custom-target");
    let out = run_cargo_interop(
        dir.path(),
        &[
            "inspect",
            "--manifest-path",
            m,
            "--target-dir",
            s(&target_dir),
        ],
    );
    assert_error(
        &out,
        &["custom-target/debug/libcli_no_inventory.so` does not export"],
    );
    assert!(target_dir.join("debug/libcli_no_inventory.so").is_file());

    let out = run_cargo_interop(
        dir.path(),
        &[
            "inspect",
            "--manifest-path",
            m,
            "--features",
            "no-such-feature",
        ],
    );
    assert_error(
        &out,
        &[
            "no-such-feature",
            "`cargo build` failed for package `cli-no-inventory`",
        ],
    );
}

#[test]
fn status_lines_are_cargo_style() {
    let dir = temp_dir("status");
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, "[c]\nout-dir = \"out\"\n").expect("write Interop.toml");
    let manifest = fixture_manifest("cli-empty");
    let args = [
        "interop",
        "build",
        "--manifest-path",
        s(&manifest),
        "--config",
        s(&cfg),
    ];

    // Not a terminal: plain text, verb right-aligned in 12 columns.
    let out = run_cargo_interop(dir.path(), &args[1..]);
    assert_ok(&out);
    let err = stderr(&out);
    for line in [
        "  Generating C → out/include/cli_empty.h\n",
        "   Packaging ",
        "    Finished C bindings for `cli-empty`",
    ] {
        assert!(err.contains(line), "stderr lacks {line:?}:\n{err}");
    }
    assert!(
        !err.contains('\x1b'),
        "no colors when stderr is not a terminal:\n{err}"
    );

    // CARGO_TERM_COLOR=always: the verb is bold green, like cargo's (`--force`: the outputs are
    // up to date, and a fresh run would not print `Generating`).
    let out = std::process::Command::new(interop_tests::cargo_interop())
        .current_dir(dir.path())
        .args(args)
        .arg("--force")
        .env("CARGO_TERM_COLOR", "always")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run cargo-interop");
    assert_ok(&out);
    let err = stderr(&out);
    assert!(
        err.contains("\x1b[1;32m  Generating\x1b[0m C → out/include/cli_empty.h"),
        "{err:?}"
    );
}

#[test]
fn paths_inside_sections_are_relative_to_interop_toml_not_the_cwd() {
    // Interop.toml lives in `cfg/`; the command runs from elsewhere. The wheel's readme and
    // out-dir must both resolve against `cfg/`.
    let dir = temp_dir("relpaths");
    let cfg_dir = dir.path().join("cfg");
    let cwd = dir.path().join("elsewhere");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir cfg");
    std::fs::create_dir_all(&cwd).expect("mkdir cwd");
    std::fs::write(
        cfg_dir.join("WHEEL-README.md"),
        "# Relative readme marker 7f3a\n",
    )
    .expect("write readme");
    let cfg = cfg_dir.join("Interop.toml");
    std::fs::write(
        &cfg,
        "[python]\nout-dir = \"out\"\n[python.wheel]\nreadme = \"WHEEL-README.md\"\n",
    )
    .expect("write Interop.toml");
    let manifest = fixture_manifest("conformance");
    let out = run_cargo_interop(
        &cwd,
        &[
            "build",
            "--manifest-path",
            s(&manifest),
            "--config",
            s(&cfg),
        ],
    );
    assert_ok(&out);
    let wheel = std::fs::read_dir(cfg_dir.join("out"))
        .expect("out-dir next to Interop.toml")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("a wheel was written");
    // Read METADATA out of the (deflated) wheel with Python's zipfile.
    let metadata = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
             print(z.read([n for n in z.namelist() if n.endswith('.dist-info/METADATA')][0]).decode())",
        ])
        .arg(&wheel)
        .output()
        .expect("run python3");
    assert_ok(&metadata);
    assert!(
        stdout(&metadata).contains("Relative readme marker 7f3a"),
        "the wheel's METADATA should embed the readme from Interop.toml's directory:\n{}",
        stdout(&metadata)
    );
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
