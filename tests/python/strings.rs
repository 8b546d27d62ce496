//! Strings, slices, vectors and records that own them (the conformance fixture's `strings`
//! feature) from Python: the wheel built with the feature, installed into a fresh venv, exercised
//! by pytest (tests/python/test_strings.py, test_strings_memory.py: memory round trips) on both call paths,
//! `mypy --strict` on the package (with and without its stubs) and on a typed usage script; the
//! generated sources against their golden files.

use std::path::Path;

use super::interpreters::on_other_interpreters;
use super::{
    Calls, PACKAGE_FILES, check_package_files, config, install_wheel, mypy, pytest, tests_in, text,
    tree, wheel_in,
};
use interop_tests::{assert_success, generate, python, run, tests_dir};

/// The fixture with the feature.
fn generated(release_gil: bool) -> tempfile::TempDir {
    generate(
        "conformance",
        &config(release_gil),
        &["--features", "strings"],
    )
}

/// The files pytest runs on the strings wheel.
const SUITES: [&str; 3] = [
    "test_strings.py",
    "test_strings_memory.py",
    "test_call_paths.py",
];

fn test_count() -> usize {
    tests_in(&SUITES)
}

/// mypy --strict on the package from `pkg_dir` without its stubs (the `.py` files must type-check
/// on their own).
fn mypy_without_stubs(py: &Path, pkg: &Path) {
    let bare = tempfile::tempdir().unwrap();
    std::fs::create_dir(bare.path().join("conformance")).unwrap();
    for (rel, bytes) in tree(pkg) {
        if rel.extension().is_some_and(|e| e == "py" || e == "typed") {
            std::fs::write(bare.path().join("conformance").join(rel), bytes).unwrap();
        }
    }
    let o = mypy(py, bare.path(), &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance (strings, without stubs)");
}

#[test]
fn strings_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    for release_gil in [false, true] {
        let dir = generated(release_gil);
        let out = dir.path().join("py");
        let pkg = out.join("conformance");
        let golden = if release_gil {
            "conformance-strings-release-gil"
        } else {
            "conformance-strings"
        };
        check_package_files(&pkg, golden, &PACKAGE_FILES);
        let work = tempfile::tempdir().unwrap();
        let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
        for calls in Calls::BOTH {
            pytest(
                &venv_py,
                work.path(),
                release_gil,
                calls,
                &SUITES,
                test_count(),
            );
        }
        if !release_gil {
            // The same wheel on CPython 3.9 and 3.13 (compiled) and PyPy (the ctypes fallback).
            on_other_interpreters(&py, &wheel_in(&out), "conformance", &SUITES, test_count());
        }
        let usage = tests_dir().join("python/typed_strings.py");
        let o = mypy(
            &py,
            work.path(),
            &[
                "--python-executable".as_ref(),
                venv_py.as_ref(),
                usage.as_ref(),
            ],
        );
        assert_success(&o, "mypy --strict typed_strings.py");
        let o = run(std::process::Command::new(&venv_py)
            .current_dir(work.path())
            .arg(&usage));
        assert_success(&o, "python typed_strings.py");
        assert!(text(&o).contains("typed strings ok"), "{}", text(&o));
        let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
        assert_success(&o, "mypy --strict -p conformance (strings)");
        mypy_without_stubs(&py, &pkg);
    }
}
