//! The command line itself: `cargo-interop` run directly and as a cargo subcommand, usage errors.

use interop_tests::run_cargo_interop;

use super::{assert_no_panic, assert_ok, stderr, stdout, temp_dir};

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
