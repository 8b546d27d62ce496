//! `core::cmp::Ordering` (ADR 57; the conformance fixture's `ordering` feature) from Python: the
//! wheel built with the feature, installed into a fresh venv, exercised by pytest
//! (tests/python/test_ordering.py: comparators returning any `int`, `-1`/`0`/`1` back, a returned
//! comparator, records, options and sequences; a `bool` or a float refused naming the callback) on
//! both call paths; `mypy --strict` on the package and on a typed usage script; the generated
//! sources against their golden files.

use super::{
    Calls, check_package_files, config, install_wheel, mypy, pytest, tests_in, text, wheel_in,
};
use interop_tests::{assert_success, generate, python, run, tests_dir};

const SUITES: &[&str] = &["test_ordering.py"];

#[test]
fn ordering_wheel_passes_pytest_and_mypy() {
    let Some(py) = python() else { return };
    let dir = generate("conformance", &config(false), &["--features", "ordering"]);
    let out = dir.path().join("py");
    let pkg = out.join("conformance");
    check_package_files(
        &pkg,
        "conformance-ordering",
        &[
            "__init__.py",
            "__init__.pyi",
            "_native.py",
            "_raw.py",
            "_types.py",
            "math.py",
            "math.pyi",
            "ordering.py",
            "ordering.pyi",
        ],
    );
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
    for calls in Calls::BOTH {
        pytest(
            &venv_py,
            work.path(),
            false,
            calls,
            SUITES,
            tests_in(SUITES),
        );
    }
    let usage = tests_dir().join("python/typed_ordering.py");
    let o = mypy(
        &py,
        work.path(),
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            usage.as_ref(),
        ],
    );
    assert_success(&o, "mypy --strict typed_ordering.py");
    let o = run(std::process::Command::new(&venv_py)
        .current_dir(work.path())
        .arg(&usage));
    assert_success(&o, "python typed_ordering.py");
    assert!(text(&o).contains("typed ordering ok"), "{}", text(&o));
    let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (ordering)");
}
