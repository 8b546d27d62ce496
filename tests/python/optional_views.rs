//! Optional borrowed views as parameters (the conformance fixture's `optional_views` feature,
//! ADR 46) from Python: the wheel built with the feature, installed into a fresh venv, exercised by
//! pytest (tests/python/test_optional_views.py) on both call paths (and on CPython 3.9, 3.13 and
//! PyPy), `mypy --strict` on the package
//! and on a typed usage script (tests/python/typed_optional_views.py), which also runs.

use super::interpreters::on_other_interpreters;
use super::{Calls, config, install_wheel, mypy, pytest, tests_in, text, wheel_in};
use interop_tests::{assert_success, generate, python, run, tests_dir};

fn test_count() -> usize {
    tests_in(&["test_optional_views.py"])
}

#[test]
fn optional_views_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    let dir = generate(
        "conformance",
        &config(false),
        &["--features", "optional_views"],
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
            &["test_optional_views.py"],
            test_count(),
        );
    }
    // The same wheel on CPython 3.9 and 3.13 (compiled) and PyPy (the ctypes fallback).
    on_other_interpreters(
        &py,
        &wheel_in(&out),
        "conformance",
        &["test_optional_views.py"],
        test_count(),
    );
    let usage = tests_dir().join("python/typed_optional_views.py");
    let o = mypy(
        &py,
        work.path(),
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            usage.as_ref(),
        ],
    );
    assert_success(&o, "mypy --strict typed_optional_views.py");
    let o = run(std::process::Command::new(&venv_py)
        .current_dir(work.path())
        .arg(&usage));
    assert_success(&o, "python typed_optional_views.py");
    assert!(text(&o).contains("typed optional views ok"), "{}", text(&o));
    let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (optional_views)");
}
