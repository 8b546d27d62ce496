//! Generic records at concrete types and tuples (the conformance fixture's `generics` feature)
//! from Python: the wheel built with the feature, installed into a fresh venv, exercised by pytest
//! (tests/python/test_generics.py) on both call paths, and `mypy --strict` on the package.

use super::interpreters::on_other_interpreters;
use super::{Calls, config, install_wheel, mypy, pytest, tests_in, wheel_in};
use interop_tests::{assert_success, generate, python};

fn test_count() -> usize {
    tests_in(&["test_generics.py"])
}

#[test]
fn generics_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    let dir = generate("conformance", &config(false), &["--features", "generics"]);
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
    on_other_interpreters(
        &py,
        &wheel_in(&out),
        "conformance",
        &["test_generics.py"],
        test_count(),
    );
    let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (generics)");
}

/// Generic enums with data: one family of dataclasses per instantiation, on both call paths
/// (tests/python/test_generic_enums.py), and `mypy --strict` on the package.
#[test]
fn generic_enums_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    let dir = generate(
        "conformance",
        &config(false),
        &["--features", "generics,generic_enums"],
    );
    let out = dir.path().join("py");
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
    let count = tests_in(&["test_generic_enums.py"]);
    for calls in Calls::BOTH {
        pytest(
            &venv_py,
            work.path(),
            false,
            calls,
            &["test_generic_enums.py"],
            count,
        );
    }
    on_other_interpreters(
        &py,
        &wheel_in(&out),
        "conformance",
        &["test_generic_enums.py"],
        count,
    );
    let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (generic enums)");
}
