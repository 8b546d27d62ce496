//! One wheel, every supported interpreter: the conformance wheel built here is installed, unchanged,
//! into fresh venvs of CPython 3.9, 3.11 and 3.13 (from pyenv), where it must choose the compiled
//! call path by itself, and of PyPy (Debian's `pypy3`), where it must fall back to ctypes by itself;
//! every suite of [`super::constructs`] passes on each. The interpreters come with a venv holding pytest, made by
//! tests/setup.sh (`.venv-py3.9`, `.venv-py3.11`, `.venv-py3.13`, `.venv-pypy3` at the workspace
//! root); with CI=true a missing one fails the test.

use std::path::PathBuf;

use interop_tests::{missing, python, workspace_root};

use super::constructs::{generated, run_every_suite};
use super::{Calls, install_wheel_with, wheel_in};

/// `(what, venv with pytest, the path the package must choose)`.
const INTERPRETERS: [(&str, &str, &str); 4] = [
    ("CPython 3.9", ".venv-py3.9", "compiled"),
    ("CPython 3.11", ".venv-py3.11", "compiled"),
    ("CPython 3.13", ".venv-py3.13", "compiled"),
    ("PyPy 3.9", ".venv-pypy3", "ctypes"),
];

#[test]
fn one_wheel_passes_on_cpython_3_9_to_3_13_and_falls_back_on_pypy() {
    let Some(py) = python() else { return };
    let mut found: Vec<(&str, PathBuf, &'static str)> = Vec::new();
    for (what, venv, expected) in INTERPRETERS {
        let interpreter = workspace_root().join(venv).join("bin/python");
        if interpreter.is_file() {
            found.push((what, interpreter, expected));
        } else {
            // Panics with CI=true; otherwise says what is skipped.
            let _ = missing::<()>(&format!(
                "{what} with pytest at {venv} (made by tests/setup.sh)"
            ));
        }
    }
    if found.is_empty() {
        return;
    }
    let dir = generated(false);
    let wheel = wheel_in(&dir.path().join("py"));
    for (what, interpreter, expected) in found {
        eprintln!("{what}: {}", interpreter.display());
        let work = tempfile::tempdir().unwrap();
        let venv_py = install_wheel_with(&py, &interpreter, &wheel, work.path(), "conformance");
        run_every_suite(&venv_py, work.path(), false, Calls::Auto(expected));
    }
}
