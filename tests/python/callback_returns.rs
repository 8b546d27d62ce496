//! Closures returning owned data (ADR 54; the conformance fixture's `callback_returns` feature) from
//! Python: the wheel built with the feature, installed into a fresh venv, exercised by pytest
//! (tests/python/test_callback_returns.py: `str`, bytes-like objects, sequences, `array.array`, a
//! record owning data, `None` for an option, `Result`; results of the wrong type re-raised naming
//! the callback, exceptions, Rust threads, gc inside callbacks, RSS) on both call paths in both GIL
//! modes and on the other interpreters; `mypy --strict` on the package and on a typed usage script;
//! the generated sources against their golden files.

use super::interpreters::on_other_interpreters;
use super::{
    Calls, check_package_files, config, install_wheel, mypy, pytest, tests_in, text, wheel_in,
};
use interop_tests::{assert_success, generate, python, run, tests_dir};

const SUITES: &[&str] = &["test_callback_returns.py"];

#[test]
fn callback_returns_wheel_passes_pytest_and_mypy() {
    let Some(py) = python() else { return };
    for release_gil in [false, true] {
        let dir = generate(
            "conformance",
            &config(release_gil),
            &["--features", "callback_enum_returns"],
        );
        let out = dir.path().join("py");
        let pkg = out.join("conformance");
        if !release_gil {
            check_package_files(
                &pkg,
                "conformance-returns",
                &[
                    "__init__.py",
                    "__init__.pyi",
                    "_native.py",
                    "_raw.py",
                    "_types.py",
                    "callbacks.py",
                    "callbacks.pyi",
                    "math.py",
                    "math.pyi",
                ],
            );
        }
        let work = tempfile::tempdir().unwrap();
        let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
        for calls in Calls::BOTH {
            pytest(
                &venv_py,
                work.path(),
                release_gil,
                calls,
                SUITES,
                tests_in(SUITES),
            );
        }
        if release_gil {
            continue;
        }
        on_other_interpreters(
            &py,
            &wheel_in(&out),
            "conformance",
            SUITES,
            tests_in(SUITES),
        );
        let usage = tests_dir().join("python/typed_callback_returns.py");
        let o = mypy(
            &py,
            work.path(),
            &[
                "--python-executable".as_ref(),
                venv_py.as_ref(),
                usage.as_ref(),
            ],
        );
        assert_success(&o, "mypy --strict typed_callback_returns.py");
        let o = run(std::process::Command::new(&venv_py)
            .current_dir(work.path())
            .arg(&usage));
        assert_success(&o, "python typed_callback_returns.py");
        assert!(
            text(&o).contains("typed callback returns ok"),
            "{}",
            text(&o)
        );
        let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
        assert_success(&o, "mypy --strict -p conformance (callback returns)");
    }
}
