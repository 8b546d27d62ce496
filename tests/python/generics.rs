//! Generic records at concrete types and tuples (the conformance fixture's `generics` feature)
//! from Python: the wheel built with the feature, installed into a fresh venv, exercised by pytest
//! (tests/python/test_generics.py) on both call paths, and `mypy --strict` on the package.

use super::{Calls, config, install_wheel, mypy, pytest, wheel_in};
use interop_tests::{assert_success, generate, python, tests_dir, workspace_root};

fn test_count() -> usize {
    std::fs::read_to_string(tests_dir().join("python/test_generics.py"))
        .expect("read test_generics.py")
        .lines()
        .filter(|l| l.starts_with("def test_"))
        .count()
}

#[test]
fn generics_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    let target_dir = workspace_root().join("target/conformance-generics");
    let dir = generate(
        "conformance",
        &config(false),
        &[
            "--features",
            "generics",
            "--target-dir",
            target_dir.to_str().expect("utf-8 path"),
        ],
    );
    let out = dir.path().join("py");
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
    for calls in Calls::BOTH {
        pytest(
            &venv_py,
            work.path(),
            false,
            calls,
            &["test_generics.py"],
            test_count(),
        );
    }
    let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (generics)");
}

/// Generic enums with data are refused like every enum with data (Python has none yet): the
/// diagnostics pass names each use with its Rust path and nothing is generated.
#[test]
fn generic_enums_with_data_are_refused_by_the_diagnostics() {
    let target_dir = workspace_root().join("target/conformance-generics");
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, config(false)).unwrap();
    let manifest = interop_tests::fixture_manifest("conformance");
    let out = interop_tests::run_cargo_interop(
        dir.path(),
        &[
            "check",
            "--manifest-path",
            manifest.to_str().expect("utf-8 path"),
            "--config",
            cfg.to_str().expect("utf-8 path"),
            "--features",
            "generics,generic_enums",
            "--target-dir",
            target_dir.to_str().expect("utf-8 path"),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "check passed:\n{err}");
    for item in [
        "error: 8 problems in `conformance` for Python; nothing was generated",
        "`conformance::generics::generic_maybe_double`: parameter `m` is `MaybeU32`",
        "`conformance::generics::generic_maybe_text`: return type is `MaybeString`",
        "`conformance::generics::generic_either_weight`: parameter `e`",
        "`conformance::generics::generic_maybe_sum`: parameter `ms`",
    ] {
        assert!(err.contains(item), "{item} missing in:\n{err}");
    }
    assert!(err.contains("enum with data"), "{err}");
    assert!(
        !err.contains("tuple_"),
        "tuples are supported, not reported:\n{err}"
    );
    assert!(!dir.path().join("py").exists(), "something was generated");
}
