//! Closures returning data enums and tuples, and `Result`s whose error is a data enum (ADR 63; the
//! conformance fixture's `callback_data_returns` feature) from Python: the wheel built with the
//! feature, installed into a fresh venv, exercised by pytest
//! (tests/python/test_callback_data_returns.py: variants' dataclasses, `tuple`s, the error class
//! of a data enum, returned closures, wrong results, RSS) on both call paths; `mypy --strict` on
//! the package and on a typed usage script.

use super::{Calls, config, install_wheel, mypy, pytest, tests_in, text, wheel_in};
use interop_tests::{assert_success, generate, python, run, tests_dir};

const SUITES: &[&str] = &["test_callback_data_returns.py"];

#[test]
fn callback_data_returns_wheel_passes_pytest_and_mypy() {
    let Some(py) = python() else { return };
    let dir = generate(
        "conformance",
        &config(false),
        &["--features", "callback_data_returns"],
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
            SUITES,
            tests_in(SUITES),
        );
    }
    let usage = tests_dir().join("python/typed_callback_data_returns.py");
    let o = mypy(
        &py,
        work.path(),
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            usage.as_ref(),
        ],
    );
    assert_success(&o, "mypy --strict typed_callback_data_returns.py");
    let o = run(std::process::Command::new(&venv_py)
        .current_dir(work.path())
        .arg(&usage));
    assert_success(&o, "python typed_callback_data_returns.py");
    assert!(text(&o).contains("typed data returns ok"), "{}", text(&o));
    let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (data returns)");
}
