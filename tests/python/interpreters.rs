//! One wheel, every supported interpreter: the conformance wheel built here is installed, unchanged,
//! into fresh venvs of CPython 3.9, 3.11 and 3.13 (from pyenv), where it must choose the compiled
//! call path by itself, and of PyPy (Debian's `pypy3`), where it must fall back to ctypes by itself;
//! every suite of [`super::constructs`] passes on each. The interpreters come with a venv holding pytest, made by
//! tests/setup.sh (`.venv-py3.9`, `.venv-py3.11`, `.venv-py3.13`, `.venv-pypy3` at the workspace
//! root); with CI=true a missing one fails the test.

use std::path::{Path, PathBuf};

use interop_tests::{missing, python, workspace_root};

use super::constructs::{generated, run_every_suite};
use super::{Calls, install_wheel_with, pytest, wheel_in};

/// `(what, venv with pytest, the path the package must choose)`.
const INTERPRETERS: [(&str, &str, &str); 4] = [
    ("CPython 3.9", ".venv-py3.9", "compiled"),
    ("CPython 3.11", ".venv-py3.11", "compiled"),
    ("CPython 3.13", ".venv-py3.13", "compiled"),
    ("PyPy 3.9", ".venv-pypy3", "ctypes"),
];

/// The interpreters of [`INTERPRETERS`] found (with CI=true a missing one panics), but for
/// `skip`'s venv.
fn found(skip: Option<&str>) -> Vec<(&'static str, PathBuf, &'static str)> {
    let mut found = Vec::new();
    for (what, venv, expected) in INTERPRETERS {
        if Some(venv) == skip {
            continue;
        }
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
    found
}

/// The family suites `suites` (at least `expected` tests) against `wheel` (built without
/// `release-gil`), installed unchanged into venvs of CPython 3.9 and 3.13, where the package must
/// choose the compiled path, and of PyPy, where it must fall back to ctypes (the family's own test
/// runs them on the main interpreter, CPython 3.11, on both paths).
pub(crate) fn on_other_interpreters(
    py: &Path,
    wheel: &Path,
    package: &str,
    suites: &[&str],
    expected: usize,
) {
    for (what, interpreter, path) in found(Some(".venv-py3.11")) {
        eprintln!("{what}: {}", interpreter.display());
        let work = tempfile::tempdir().unwrap();
        let venv_py = install_wheel_with(py, &interpreter, wheel, work.path(), package);
        pytest(
            &venv_py,
            work.path(),
            false,
            Calls::Auto(path),
            suites,
            expected,
        );
    }
}

#[test]
fn one_wheel_passes_on_cpython_3_9_to_3_13_and_falls_back_on_pypy() {
    let Some(py) = python() else { return };
    let found = found(None);
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
