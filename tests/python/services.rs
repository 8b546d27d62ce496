//! Services (the conformance fixture's `services` feature) from Python: the wheel built with the
//! feature, installed into a fresh venv, exercised by pytest (tests/python/test_services.py: every
//! constructor and method, services as parameters and results, the lifecycle after `with`,
//! `close()`, `del` + `gc.collect()` and consuming methods, use after close, 8 threads on one
//! object, `close()` during a call on another thread), tests/python/test_services_callbacks.py
//! (services keeping and calling callables, also from a Rust thread; weakref release; exceptions;
//! C strings), tests/python/test_service_close.py (a consuming `close(self)` as the class's
//! `close()`, ADR 34) and tests/python/test_service_races.py (the guards' mode, ADR 41; 8 threads
//! closing or consuming one object at once) on both call paths and in both GIL modes, the last two
//! also on PyPy (the ctypes path, atomic guards); `mypy --strict` on the package (with and without its stubs)
//! and on a typed usage script.

use super::{Calls, config, install_wheel, install_wheel_with, mypy, pytest, text, tree, wheel_in};
use interop_tests::{assert_success, generate, missing, python, run, tests_dir, workspace_root};

fn generated(release_gil: bool) -> tempfile::TempDir {
    let target_dir = workspace_root().join("target/conformance-services");
    generate(
        "conformance",
        &config(release_gil),
        &[
            "--features",
            "services services_results services_callbacks",
            "--target-dir",
            target_dir.to_str().expect("utf-8 path"),
        ],
    )
}

/// The pytest files this test runs.
const SUITES: [&str; 4] = [
    "test_services.py",
    "test_services_callbacks.py",
    "test_service_close.py",
    "test_service_races.py",
];

/// The suites that also run on PyPy (the others use what PyPy's ctypes does differently: `bytes`
/// for `c_char_p` arguments, collection of objects kept by callbacks).
const PYPY_SUITES: [&str; 2] = ["test_service_close.py", "test_service_races.py"];

fn test_count(suites: &[&str]) -> usize {
    suites
        .iter()
        .map(|suite| {
            std::fs::read_to_string(tests_dir().join("python").join(suite))
                .expect("read a pytest file")
                .lines()
                .filter(|l| l.starts_with("def test_"))
                .count()
        })
        .sum()
}

#[test]
fn services_wheel_passes_pytest_and_mypy_on_both_call_paths() {
    let Some(py) = python() else { return };
    for release_gil in [false, true] {
        let dir = generated(release_gil);
        let out = dir.path().join("py");
        let work = tempfile::tempdir().unwrap();
        let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
        for calls in Calls::BOTH {
            pytest(
                &venv_py,
                work.path(),
                release_gil,
                calls,
                &SUITES,
                test_count(&SUITES),
            );
        }
        let usage = tests_dir().join("python/typed_services.py");
        let o = mypy(
            &py,
            work.path(),
            &[
                "--python-executable".as_ref(),
                venv_py.as_ref(),
                usage.as_ref(),
            ],
        );
        assert_success(&o, "mypy --strict typed_services.py");
        let o = run(std::process::Command::new(&venv_py)
            .current_dir(work.path())
            .arg(&usage));
        assert_success(&o, "python typed_services.py");
        assert!(text(&o).contains("typed services ok"), "{}", text(&o));
        let o = mypy(&py, &out, &["-p".as_ref(), "conformance".as_ref()]);
        assert_success(&o, "mypy --strict -p conformance (services)");
        // The `.py` files type-check on their own (without the stubs).
        let bare = tempfile::tempdir().unwrap();
        std::fs::create_dir(bare.path().join("conformance")).unwrap();
        for (rel, bytes) in tree(&out.join("conformance")) {
            if rel.extension().is_some_and(|e| e == "py" || e == "typed") {
                std::fs::write(bare.path().join("conformance").join(rel), bytes).unwrap();
            }
        }
        let o = mypy(&py, bare.path(), &["-p".as_ref(), "conformance".as_ref()]);
        assert_success(&o, "mypy --strict -p conformance (services, without stubs)");
    }
}

/// [`PYPY_SUITES`] on PyPy (Debian's `pypy3`, `.venv-pypy3` made by tests/setup.sh): the package
/// falls back to the ctypes path by itself and runs its guards in atomic mode (ADR 41).
#[test]
fn services_wheel_passes_pytest_on_pypy_with_atomic_guards() {
    let Some(py) = python() else { return };
    let interpreter = workspace_root().join(".venv-pypy3/bin/python");
    if !interpreter.is_file() {
        // Panics with CI=true; otherwise says what is skipped.
        let _ = missing::<()>("PyPy with pytest at .venv-pypy3 (made by tests/setup.sh)");
        return;
    }
    let dir = generated(false);
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel_with(
        &py,
        &interpreter,
        &wheel_in(&dir.path().join("py")),
        work.path(),
        "conformance",
    );
    pytest(
        &venv_py,
        work.path(),
        false,
        Calls::Auto("ctypes"),
        &PYPY_SUITES,
        test_count(&PYPY_SUITES),
    );
}
