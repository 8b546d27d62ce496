//! The error channel, end to end in C: the `channel` fixture's bindings (`cargo interop build`),
//! then each program of tests/channel compiled with gcc (`-std=c99 -Wall -Wextra -pedantic
//! -Werror`), run, and run again under valgrind (0 errors, nothing lost). With `CI=true` a missing
//! tool fails the test.
//!
//! - `validation.c`: invalid enum values and `bool` bytes, as arguments and as fields of records
//!   (by value, through pointers, nested, packed), are rejected through the channel, never UB.
//! - `threads.c`: a thread that exits without taking its message releases the pending count.

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
    let mut cmd = Command::new(exe);
    cmd.env_remove("RUST_BACKTRACE").envs(env.iter().copied());
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
