//! Services (the conformance fixture's `services` feature) from Python: the wheel built with the
//! feature, installed into a fresh venv, exercised by pytest (tests/python/test_services.py: every
//! constructor and method, services as parameters and results, the lifecycle after `with`,
//! `close()`, `del` + `gc.collect()` and consuming methods, use after close, 8 threads on one
//! object, `close()` during a call on another thread), tests/python/test_services_callbacks.py
//! (services keeping and calling callables, also from a Rust thread; weakref release; exceptions;
//! C strings), tests/python/test_service_close.py (a consuming `close(self)` as the class's
//! `close()`, ADR 34) and tests/python/test_service_races.py (the guards' mode, ADR 41; 8 threads
//! closing or consuming one object at once) on both call paths and in both GIL modes, and the same
//! wheel on CPython 3.9 and 3.13 and on PyPy (the ctypes path, atomic guards); `mypy --strict` on
//! the package (with and without its stubs) and on a typed usage script.

use super::interpreters::on_other_interpreters;
use super::{Calls, config, install_wheel, mypy, pytest, tests_in, text, tree, wheel_in};
use interop_tests::{assert_success, generate, python, run, tests_dir};

fn generated(release_gil: bool) -> tempfile::TempDir {
    generate(
        "conformance",
        &config(release_gil),
        &["--features", "services services_results services_callbacks"],
    )
}

/// The pytest files this test runs.
const SUITES: [&str; 4] = [
    "test_services.py",
    "test_services_callbacks.py",
    "test_service_close.py",
    "test_service_races.py",
];

fn test_count(suites: &[&str]) -> usize {
    tests_in(suites)
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
        if !release_gil {
            // The same wheel on CPython 3.9 and 3.13 (compiled) and PyPy (the ctypes fallback).
            on_other_interpreters(
                &py,
                &wheel_in(&out),
                "conformance",
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
