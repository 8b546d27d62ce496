//! Named callback types sharing a signature (the conformance fixture's `callback_twins` feature,
//! ADR 42) from Python: the wheel built with the feature, installed into a fresh venv, exercised by
//! pytest (tests/python/test_callback_twins.py: the stubs annotate each parameter, return and field
//! with its own alias, the calls work) on both call paths, `mypy --strict` on a typed program using
//! each alias (tests/python/typed_callback_twins.py, which then runs) and on the package.

use super::interpreters::on_other_interpreters;
use super::{Calls, config, install_wheel, mypy, pytest, tests_in, text, wheel_in};
use interop_tests::{assert_success, generate, python, run, tests_dir};

const SUITE: &str = "test_callback_twins.py";

#[test]
fn callback_twins_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    let dir = generate(
        "conformance",
        &config(false),
        &["--features", "callback_twins"],
    );
    let out = dir.path().join("py");
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
    let count = tests_in(&[SUITE]);
    for calls in Calls::BOTH {
        pytest(&venv_py, work.path(), false, calls, &[SUITE], count);
    }
    on_other_interpreters(&py, &wheel_in(&out), "conformance", &[SUITE], count);
    let usage = tests_dir().join("python/typed_callback_twins.py");
    let o = mypy(
        &py,
        work.path(),
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            usage.as_ref(),
        ],
    );
    assert_success(&o, "mypy --strict typed_callback_twins.py");
    let o = run(std::process::Command::new(&venv_py)
        .current_dir(work.path())
        .arg(&usage));
    assert_success(&o, "python typed_callback_twins.py");
    assert!(text(&o).contains("typed callback twins ok"), "{}", text(&o));
    let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (callback twins)");
}
