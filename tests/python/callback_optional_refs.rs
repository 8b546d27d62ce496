//! Closures taking `Option<&str>`, `Option<&[T]>` and `&[&str]` (ADR 66; the conformance fixture's
//! `callback_optional_refs` feature) from Python: the wheel built with the feature, installed into
//! a fresh venv, exercised by pytest (tests/python/test_callback_optional_refs.py: an error
//! callback, optional bytes and chunks, a kept sink on a Rust thread, a tokenizer's words;
//! exceptions; RSS) on both call paths in both GIL modes; `mypy --strict` on the package and on a
//! typed usage script; the generated sources against their golden files.

use super::{
    Calls, check_package_files, config, install_wheel, mypy, pytest, tests_in, text, wheel_in,
};
use interop_tests::{assert_success, generate, python, run, tests_dir};

const SUITES: &[&str] = &["test_callback_optional_refs.py"];

#[test]
fn callback_optional_refs_wheel_passes_pytest_and_mypy() {
    let Some(py) = python() else { return };
    for release_gil in [false, true] {
        let dir = generate(
            "conformance",
            &config(release_gil),
            &["--features", "callback_optional_refs"],
        );
        let out = dir.path().join("py");
        let pkg = out.join("conformance");
        if !release_gil {
            check_package_files(
                &pkg,
                "conformance-optional-refs",
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
        let usage = tests_dir().join("python/typed_callback_optional_refs.py");
        let o = mypy(
            &py,
            work.path(),
            &[
                "--python-executable".as_ref(),
                venv_py.as_ref(),
                usage.as_ref(),
            ],
        );
        assert_success(&o, "mypy --strict typed_callback_optional_refs.py");
        let o = run(std::process::Command::new(&venv_py)
            .current_dir(work.path())
            .arg(&usage));
        assert_success(&o, "python typed_callback_optional_refs.py");
        assert!(
            text(&o).contains("typed callback optional refs ok"),
            "{}",
            text(&o)
        );
        let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
        assert_success(&o, "mypy --strict -p conformance (callback optional refs)");
    }
}
