//! The Python-specific cases (tests/fixtures/python-cases): the wheel installed into a fresh venv,
//! tests/python/test_cases.py run by pytest on both call paths in both modes, `mypy --strict` on the package and
//! on the test file (its annotations are the package's types).

use interop_tests::{assert_success, generate, python, tests_dir};

use super::interpreters::on_other_interpreters;
use super::{Calls, install_wheel, mypy, pytest, text, wheel_in};

/// One test per `def test_` plus the cases of the parametrized one.
const EXPECTED_TESTS: usize = 20;

fn config(release_gil: bool) -> String {
    format!("[python]\nout-dir = \"py\"\nrelease-gil = {release_gil}\n")
}

fn run_cases(release_gil: bool) {
    let Some(py) = python() else { return };
    let dir = generate("python-cases", &config(release_gil), &[]);
    let out = dir.path().join("py");
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "python_cases");
    for calls in Calls::BOTH {
        pytest(
            &venv_py,
            work.path(),
            release_gil,
            calls,
            &["test_cases.py"],
            EXPECTED_TESTS,
        );
    }
    if !release_gil {
        on_other_interpreters(
            &py,
            &wheel_in(&out),
            "python_cases",
            &["test_cases.py"],
            EXPECTED_TESTS,
        );
    }

    let suite = tests_dir().join("python/test_cases.py");
    let o = mypy(
        &py,
        work.path(),
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            suite.as_ref(),
        ],
    );
    assert_success(&o, "mypy --strict test_cases.py");
    let o = mypy(&py, &out, &["-p".as_ref(), "python_cases".as_ref()]);
    assert_success(&o, "mypy --strict -p python_cases");
}

#[test]
fn python_cases_pass_in_the_default_mode() {
    run_cases(false);
}

#[test]
fn python_cases_pass_with_release_gil() {
    run_cases(true);
}

/// A build of the fixture with `config` fails with a message containing `expected`, and writes
/// nothing.
fn refused(config: &str, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, config).unwrap();
    let manifest = interop_tests::fixture_manifest("python-cases");
    let o = interop_tests::run_cargo_interop(
        dir.path(),
        &[
            "build",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
        ],
    );
    let t = text(&o);
    assert!(!o.status.success(), "{t}");
    assert!(t.contains(expected), "expected `{expected}` in:\n{t}");
    assert!(!t.contains("panicked"), "{t}");
    assert!(!dir.path().join("py").exists(), "nothing is written:\n{t}");
}

/// `version` and `requires-python` of [python.wheel] are PEP 440; an invalid one is an error naming
/// the key and the fix, and nothing is written.
#[test]
fn wheel_versions_are_checked_as_pep_440() {
    for (key, value, expected) in [
        (
            "version",
            "not a version",
            "[python.wheel] version = \"not a version\" is not a PEP 440 version",
        ),
        (
            "requires-python",
            ">=3.8,,",
            "[python.wheel] requires-python = \">=3.8,,\" is not a PEP 440 version specifier",
        ),
        (
            "requires-python",
            "<3",
            "[python.wheel] requires-python = \"<3\" admits no Python the package runs on",
        ),
    ] {
        refused(
            &format!("[python]\nout-dir = \"py\"\n\n[python.wheel]\n{key} = \"{value}\"\n"),
            expected,
        );
    }
}

/// A package named like a standard module (`ctypes`, `typing`, `enum`, `os`, …) would shadow it or
/// be shadowed by it: an error with the fix.
#[test]
fn package_names_of_standard_modules_are_refused() {
    for name in ["ctypes", "typing", "enum", "os", "json"] {
        refused(
            &format!("[python]\nout-dir = \"py\"\npackage = \"{name}\"\n"),
            &format!(
                "[python] package = \"{name}\" is the name of a module of Python's standard \
                 library: one would hide the other on import; set [python] package to another \
                 name, e.g. `{name}_rs`"
            ),
        );
    }
}
