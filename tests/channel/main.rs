//! The error channel, end to end in C: the `channel` fixture's bindings (`cargo interop build`),
//! then each program of tests/channel compiled with gcc (`-std=c99 -Wall -Wextra -pedantic
//! -Werror`), run, and run again under valgrind (0 errors, nothing lost). With `CI=true` a missing
//! tool fails the test.
//!
//! - `validation.c`: invalid enum values and `bool` bytes, as arguments and as fields of records
//!   (by value, through pointers, nested, packed), are rejected through the channel, never UB.
//! - `threads.c`: a thread that exits without taking its message releases the pending count.
//! - `quiet.c`: caught panics print nothing, even with `RUST_BACKTRACE=1`, unless
//!   `INTEROP_PRINT_PANICS=1`; destructors ignore NULL; module functions have prefixed symbols.
//!
//! And the crate-wide symbol prefix (`[package.metadata.interop] symbol-prefix`): applied by a plain
//! `cargo build`, and a change of it rebuilds the crate.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use interop_tests as harness;

const C_FLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"];

/// The fixture's generated C output, built once per test process.
fn generated() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| harness::generate("channel", "[c]\nout-dir = \"c-out\"\n", &[]))
        .path()
}

fn out() -> PathBuf {
    generated().join("c-out")
}

/// Compile `tests/channel/<name>.c` (with `extra` flags, e.g. `-pthread`) into an executable.
fn build(gcc: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let source = harness::tests_dir()
        .join("channel")
        .join(format!("{name}.c"));
    let exe = generated().join(name);
    let out_dir = out();
    let mut cmd = Command::new(gcc);
    cmd.args(C_FLAGS)
        .args(extra)
        .arg("-I")
        .arg(out_dir.join("include"))
        .arg("-I")
        .arg(harness::tests_dir().join("channel"))
        .arg(&source)
        .arg("-L")
        .arg(out_dir.join("lib"))
        .arg("-lchannel")
        .arg(format!("-Wl,-rpath,{}", out_dir.join("lib").display()))
        .arg("-o")
        .arg(&exe);
    let output = harness::run(&mut cmd);
    harness::assert_success(&output, &format!("gcc {name}.c"));
    assert!(
        output.stderr.is_empty(),
        "warnings:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    exe
}

/// `N passed, 0 failed` with N = `expected`.
fn assert_summary(stdout: &str, expected: usize, what: &str) {
    let wanted = format!("{expected} passed, 0 failed");
    assert!(
        stdout.lines().any(|l| l == wanted),
        "{what}: expected `{wanted}` in:\n{stdout}"
    );
}

/// Run `exe` directly, then under valgrind; both must pass all `checks`.
fn run_checked(exe: &Path, checks: usize, name: &str, env: &[(&str, &str)]) {
    // cargo test's LD_LIBRARY_PATH holds target/debug, where a `libchannel.so` of the workspace
    // build may be older than this build: it would win over the rpath.
    let mut cmd = Command::new(exe);
    cmd.env_remove("RUST_BACKTRACE")
        .env("LD_LIBRARY_PATH", out().join("lib"))
        .envs(env.iter().copied());
    let output = harness::run(&mut cmd);
    harness::assert_success(&output, name);
    assert_summary(&String::from_utf8_lossy(&output.stdout), checks, name);

    let Some(valgrind) = harness::require_tool("valgrind") else {
        return;
    };
    let mut cmd = Command::new(valgrind);
    cmd.args([
        "--error-exitcode=1",
        "--leak-check=full",
        "--show-leak-kinds=all",
        "--errors-for-leak-kinds=all",
    ])
    .arg(exe)
    .env_remove("RUST_BACKTRACE")
    .env("LD_LIBRARY_PATH", out().join("lib"))
    .envs(env.iter().copied());
    let output = harness::run(&mut cmd);
    let stderr = String::from_utf8_lossy(&output.stderr);
    harness::assert_success(&output, &format!("valgrind {name}"));
    assert_summary(
        &String::from_utf8_lossy(&output.stdout),
        checks,
        &format!("valgrind {name}"),
    );
    assert!(
        stderr.contains("ERROR SUMMARY: 0 errors from 0 contexts"),
        "{stderr}"
    );
    assert!(
        stderr.contains("All heap blocks were freed -- no leaks are possible"),
        "{stderr}"
    );
}

#[test]
fn invalid_arguments_are_rejected_through_the_channel() {
    let Some(gcc) = harness::require_tool("gcc") else {
        return;
    };
    let exe = build(&gcc, "validation", &[]);
    run_checked(&exe, 52, "validation", &[]);
}

#[test]
fn a_thread_exiting_with_an_untaken_message_releases_the_count() {
    let Some(gcc) = harness::require_tool("gcc") else {
        return;
    };
    let exe = build(&gcc, "threads", &["-pthread"]);
    run_checked(&exe, 28, "threads", &[]);
}

#[test]
fn caught_panics_are_quiet_unless_asked_for() {
    let Some(gcc) = harness::require_tool("gcc") else {
        return;
    };
    let exe = build(&gcc, "quiet", &[]);
    run_checked(&exe, 14, "quiet", &[("RUST_BACKTRACE", "1")]);

    let stderr_of = |env: &[(&str, &str)]| {
        let mut cmd = Command::new(&exe);
        cmd.env_remove("RUST_BACKTRACE")
            .env_remove("INTEROP_PRINT_PANICS")
            .env("LD_LIBRARY_PATH", out().join("lib"))
            .envs(env.iter().copied());
        let output = harness::run(&mut cmd);
        harness::assert_success(&output, "quiet");
        String::from_utf8_lossy(&output.stderr).into_owned()
    };
    for backtrace in ["0", "1", "full"] {
        let stderr = stderr_of(&[("RUST_BACKTRACE", backtrace)]);
        assert!(stderr.is_empty(), "RUST_BACKTRACE={backtrace}: {stderr}");
    }
    let printed = stderr_of(&[("INTEROP_PRINT_PANICS", "1")]);
    assert!(printed.contains("boom 42"), "{printed}");
    let with_backtrace = stderr_of(&[("INTEROP_PRINT_PANICS", "1"), ("RUST_BACKTRACE", "1")]);
    assert!(
        with_backtrace.contains("stack backtrace"),
        "{with_backtrace}"
    );
}

/// The functions of a built `prefixed` library, by symbol, from its inventory; and whether `symbol`
/// resolves in it.
fn exported(lib: &Path, symbols: &[&str]) -> (Vec<String>, Vec<bool>) {
    // SAFETY: a library of this workspace's fixture; its inventory symbol has the documented type.
    unsafe {
        let library = libloading::Library::new(lib).expect("load the prefixed fixture");
        let inventory: libloading::Symbol<unsafe extern "C" fn(*mut usize) -> *const u8> =
            library.get(b"interop_inventory").expect("inventory symbol");
        let mut len = 0usize;
        let ptr = inventory(&mut len);
        let json: serde_json::Value =
            serde_json::from_slice(std::slice::from_raw_parts(ptr, len)).expect("inventory JSON");
        let mut names: Vec<String> = json["functions"]
            .as_array()
            .expect("functions")
            .iter()
            .map(|f| f["symbol"].as_str().expect("symbol").to_string())
            .collect();
        names.sort();
        let found = symbols
            .iter()
            .map(|s| library.get::<unsafe extern "C" fn()>(s.as_bytes()).is_ok())
            .collect();
        (names, found)
    }
}

#[test]
fn the_crate_symbol_prefix_applies_to_a_plain_cargo_build_and_a_change_rebuilds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixture = harness::tests_dir().join("fixtures/prefixed");
    let core = harness::workspace_root().join("interop-core");
    let manifest = |prefix: &str| {
        std::fs::read_to_string(fixture.join("Cargo.toml"))
            .expect("fixture manifest")
            .replace("../../../interop-core", core.to_str().expect("UTF-8 path"))
            .replace("\"pf_\"", &format!("{prefix:?}"))
            + "\n[workspace]\n"
    };
    std::fs::create_dir_all(dir.path().join("src")).expect("src dir");
    std::fs::copy(fixture.join("src/lib.rs"), dir.path().join("src/lib.rs")).expect("copy lib.rs");
    let _ = std::fs::copy(
        harness::workspace_root().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    );
    let target = harness::workspace_root().join("target/prefixed-test");
    let build = |prefix: &str| -> PathBuf {
        std::fs::write(dir.path().join("Cargo.toml"), manifest(prefix)).expect("write manifest");
        let out = harness::run(
            Command::new(env!("CARGO"))
                .current_dir(dir.path())
                .args(["build", "--quiet", "--target-dir"])
                .arg(&target),
        );
        harness::assert_success(&out, &format!("cargo build with prefix {prefix}"));
        target.join("debug/libprefixed.so")
    };

    let lib = build("pf_");
    let (names, found) = exported(
        &lib,
        &["pf_add", "pf_m_sub", "pf_thing_get", "exact_name", "add"],
    );
    assert_eq!(names, ["exact_name", "pf_add", "pf_m_sub", "pf_thing_get"]);
    assert_eq!(found, [true, true, true, true, false]);

    let lib = build("other_");
    let (names, found) = exported(&lib, &["other_add", "pf_add"]);
    assert_eq!(
        names,
        ["exact_name", "other_add", "other_m_sub", "other_thing_get"]
    );
    assert_eq!(found, [true, false]);
}
