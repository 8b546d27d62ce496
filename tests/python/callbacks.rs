//! Callbacks (the conformance fixture's `callbacks`, `callback_args` and `callback_fields` features)
//! from Python: the wheel built with the features, installed into a fresh venv, exercised by pytest
//! (tests/python/test_callbacks.py: every callable kind, weakref release, 8 Rust threads x 100,000
//! calls, returned closures, borrowed arguments; tests/python/test_callback_errors.py: closures
//! returning `Result`, gc inside callbacks, exceptions re-raised or handed to
//! `sys.unraisablehook`, arguments that do not convert; tests/python/test_callback_fields.py:
//! closures as record fields, ADR 30: every callable kind, `TypeError` naming the field, weakref
//! release after `run_job` and after a `Notifier` reset / destroy, exceptions, Rust threads, RSS;
//! tests/python/test_callback_ownership.py: callables released after an argument next to them is
//! refused, ADR 36) on both call paths in both GIL modes, `mypy --strict` on the package and on a
//! typed usage script; the generated sources against their golden files.

use super::interpreters::on_other_interpreters;
use super::{
    Calls, check_package_files, config, install_wheel, mypy, mypy_must_fail, pytest, tests_in,
    text, wheel_in,
};
use interop_tests::{assert_success, generate, python, run, tests_dir};

fn generated(release_gil: bool) -> tempfile::TempDir {
    generate(
        "conformance",
        &config(release_gil),
        &["--features", "callbacks,callback_args,callback_fields"],
    )
}

/// The pytest files of this wheel.
const SUITES: &[&str] = &[
    "test_callbacks.py",
    "test_callback_errors.py",
    "test_callback_fields.py",
    "test_callback_ownership.py",
];

fn test_count() -> usize {
    tests_in(SUITES)
}

#[test]
fn callbacks_wheel_passes_pytest_and_mypy_in_both_gil_modes() {
    let Some(py) = python() else { return };
    for release_gil in [false, true] {
        let dir = generated(release_gil);
        let out = dir.path().join("py");
        let pkg = out.join("conformance");
        if !release_gil {
            check_package_files(
                &pkg,
                "conformance-callbacks",
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
        // Functions taking closures are compiled like the rest of the package (ADR 33).
        for calls in Calls::BOTH {
            pytest(
                &venv_py,
                work.path(),
                release_gil,
                calls,
                SUITES,
                test_count(),
            );
        }
        if !release_gil {
            // The same wheel on CPython 3.9 and 3.13 (compiled) and PyPy (the ctypes fallback).
            on_other_interpreters(&py, &wheel_in(&out), "conformance", SUITES, test_count());
        }
        let usage = tests_dir().join("python/typed_callbacks.py");
        let o = mypy(
            &py,
            work.path(),
            &[
                "--python-executable".as_ref(),
                venv_py.as_ref(),
                usage.as_ref(),
            ],
        );
        assert_success(&o, "mypy --strict typed_callbacks.py");
        let o = run(std::process::Command::new(&venv_py)
            .current_dir(work.path())
            .arg(&usage));
        assert_success(&o, "python typed_callbacks.py");
        assert!(text(&o).contains("typed callbacks ok"), "{}", text(&o));
        if !release_gil {
            // Calling a returned closure is checked against its signature.
            mypy_must_fail(
                &py,
                work.path(),
                &venv_py,
                "typed_callbacks_bad.py",
                &[
                    "typed_callbacks_bad.py:9: error: Incompatible types in assignment (expression has type \"int\", variable has type \"str\")",
                    "typed_callbacks_bad.py:10: error: Argument 1 has incompatible type \"str\"; expected \"int\"",
                ],
                "the two call errors",
            );
        }
        let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
        assert_success(&o, "mypy --strict -p conformance (callbacks)");
    }
}
