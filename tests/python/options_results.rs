//! `Option<T>` and `Result<T, E>` (the conformance fixture's `options_results`
//! feature) from Python: the wheel built with the feature, installed into a fresh venv, exercised
//! by pytest (tests/python/test_options_results.py, memory round trips included) on both call paths,
//! `mypy --strict` on the package (with and without its stubs) and on a typed usage script; the
//! generated sources against their golden files.

use std::path::Path;

use super::interpreters::on_other_interpreters;
use super::{
    Calls, PACKAGE_FILES, check_package_files, config, install_wheel, mypy, pytest, text, tree,
    wheel_in,
};
use interop_tests::{assert_success, generate, python, run, tests_dir};

/// The fixture with the feature.
fn generated(release_gil: bool) -> tempfile::TempDir {
    generate(
        "conformance",
        &config(release_gil),
        &["--features", "options_results"],
    )
}

fn test_count() -> usize {
    std::fs::read_to_string(tests_dir().join("python/test_options_results.py"))
        .expect("read test_options_results.py")
        .lines()
        .filter(|l| l.starts_with("def test_") || l.starts_with("        (lambda:"))
        .count()
        - 1 // the parametrized test counts once per case
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
    assert_success(
        &o,
        "mypy --strict -p conformance (options_results, without stubs)",
    );
}

#[test]
fn options_results_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    for release_gil in [false, true] {
        let dir = generated(release_gil);
        let out = dir.path().join("py");
        let pkg = out.join("conformance");
        let golden = if release_gil {
            "conformance-options-results-release-gil"
        } else {
            "conformance-options-results"
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
                &["test_options_results.py"],
                test_count(),
            );
        }
        if !release_gil {
            // The same wheel on CPython 3.9 and 3.13 (compiled) and PyPy (the ctypes fallback).
            on_other_interpreters(
                &py,
                &wheel_in(&out),
                "conformance",
                &["test_options_results.py"],
                test_count(),
            );
        }
        let usage = tests_dir().join("python/typed_options.py");
        let o = mypy(
            &py,
            work.path(),
            &[
                "--python-executable".as_ref(),
                venv_py.as_ref(),
                usage.as_ref(),
            ],
        );
        assert_success(&o, "mypy --strict typed_options.py");
        let o = run(std::process::Command::new(&venv_py)
            .current_dir(work.path())
            .arg(&usage));
        assert_success(&o, "python typed_options.py");
        assert!(text(&o).contains("typed options ok"), "{}", text(&o));
        let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
        assert_success(&o, "mypy --strict -p conformance (options_results)");
        mypy_without_stubs(&py, &pkg);
    }
}
