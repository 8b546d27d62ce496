//! One pytest file per construct of the conformance fixture: tests/python/constructs/
//! test_<feature>.py (the feature's name, as in tests/fixtures/conformance/Cargo.toml), run with the
//! package-wide suites ([`PACKAGE_SUITES`]) against one build of the fixture (its default features
//! and [`FEATURES`]), its wheel installed into a fresh venv, on both call paths (compiled, and
//! `INTEROP_PYTHON_CALLS=ctypes`) in both modes (`release-gil = false` and `true`).
//!
//! The count guard: every `def test_` of every file must pass on each path (parametrized cases
//! count once), every file must be named for a feature of the build and every feature of the build
//! must have its file.
//!
//! Adding a construct: a module and feature in tests/fixtures/conformance (an opt-in feature also
//! goes into [`FEATURES`]) and tests/python/constructs/test_<feature>.py; nothing else. A
//! construct that needs a build of its own gets its own Rust file, as [`super::strings`] does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{Calls, config, install_wheel, mypy, mypy_must_fail, run_pytest, wheel_in};
use interop_tests::{assert_success, generate, python, tests_dir};

/// The conformance fixture's opt-in constructs (cargo features) tested here, besides the default
/// ones.
pub(crate) const FEATURES: &str = "validation handles c_strings unicode_names returned_references accessors packed_by_value doc_controls arrays data_enums error_variants";

/// The construct files that also pass `mypy --strict` against the installed package: what they do
/// with the package type-checks through its stubs (the others predate this check).
const TYPED: [&str; 9] = [
    "test_c_strings.py",
    "test_unicode_names.py",
    "test_returned_references.py",
    "test_accessors.py",
    "test_packed_by_value.py",
    "test_doc_controls.py",
    "test_arrays.py",
    "test_data_enums.py",
    "test_error_variants.py",
];

/// The suites about the package as a whole, run with the constructs' files.
pub(crate) const PACKAGE_SUITES: [&str; 2] = ["test_package.py", "test_arguments.py"];

/// The directory of the per-construct files, under tests/python.
const DIR: &str = "constructs";

/// The fixture with its default features and [`FEATURES`].
pub(crate) fn generated(release_gil: bool) -> tempfile::TempDir {
    let mut args = vec![];
    if !FEATURES.is_empty() {
        args.extend(["--features", FEATURES]);
    }
    generate("conformance", &config(release_gil), &args)
}

/// The fixture's default features, from its Cargo.toml.
fn default_features() -> Vec<String> {
    let manifest = interop_tests::fixture_manifest("conformance");
    let text = std::fs::read_to_string(&manifest).expect("read the fixture's Cargo.toml");
    let line = text
        .lines()
        .find(|l| l.starts_with("default = ["))
        .expect("a `default = [...]` line in the fixture's Cargo.toml");
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The files of [`PACKAGE_SUITES`] and of [`DIR`], relative to tests/python, with the names of
/// their `def test_` functions.
fn suites() -> BTreeMap<String, BTreeSet<String>> {
    let python = tests_dir().join("python");
    let mut files: Vec<String> = PACKAGE_SUITES.iter().map(|s| s.to_string()).collect();
    for entry in std::fs::read_dir(python.join(DIR)).expect("read tests/python/constructs") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("test_") && name.ends_with(".py") {
            files.push(format!("{DIR}/{name}"));
        }
    }
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(python.join(&file)).expect("read a suite");
            let tests = text
                .lines()
                .filter_map(|l| l.strip_prefix("def "))
                .filter_map(|l| l.split('(').next())
                .filter(|name| name.starts_with("test_"))
                .map(str::to_string)
                .collect();
            (file, tests)
        })
        .collect()
}

/// Every construct file is named for a feature of the build, every feature has its file.
#[test]
fn every_feature_built_has_its_file_and_every_file_its_feature() {
    let mut built: BTreeSet<String> = default_features().into_iter().collect();
    built.extend(FEATURES.split_whitespace().map(str::to_string));
    let files: BTreeSet<String> = suites()
        .into_keys()
        .filter_map(|f| {
            f.strip_prefix(&format!("{DIR}/test_"))
                .and_then(|f| f.strip_suffix(".py"))
                .map(str::to_string)
        })
        .collect();
    assert_eq!(
        files, built,
        "tests/python/constructs/test_<feature>.py and the features built (default + FEATURES)"
    );
}

/// The functions that passed per file, from pytest's `-rA` summary (`PASSED <path>::<test>[…]`).
fn passed_per_file(report: &str) -> BTreeMap<String, BTreeSet<String>> {
    let python = tests_dir().join("python");
    let prefix = format!("{}/", python.display());
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in report.lines() {
        let Some(id) = line.strip_prefix("PASSED ") else {
            continue;
        };
        let Some((file, test)) = id.split_once("::") else {
            continue;
        };
        // pytest prints the path relative to its rootdir, or as given: keep what follows tests/python.
        let file = file.strip_prefix(&prefix).unwrap_or(file);
        let file = file
            .rsplit_once("python/")
            .map_or(file, |(_, rest)| rest)
            .to_string();
        let test = test.split('[').next().unwrap_or(test).trim().to_string();
        out.entry(file).or_default().insert(test);
    }
    out
}

/// pytest on every suite, on the call path `calls`; every test function of every file passed.
pub(crate) fn run_every_suite(venv_py: &Path, work: &Path, release_gil: bool, calls: Calls) {
    let expected = suites();
    let mut args: Vec<&str> = PACKAGE_SUITES.to_vec();
    args.push(DIR);
    let report = run_pytest(venv_py, work, release_gil, calls, &args, &["-rA"]);
    let passed = passed_per_file(&report);
    let mut problems = Vec::new();
    for (file, tests) in &expected {
        let ran = passed.get(file).cloned().unwrap_or_default();
        let missing: Vec<&String> = tests.difference(&ran).collect();
        if !missing.is_empty() || tests.is_empty() {
            problems.push(format!(
                "{file}: {} of {} test functions passed, not passed: {missing:?}",
                ran.len(),
                tests.len()
            ));
        }
    }
    let counts: Vec<String> = passed
        .iter()
        .map(|(file, tests)| format!("{file} {}", tests.len()))
        .collect();
    eprintln!(
        "{calls:?}, release-gil = {release_gil}: test functions passed per file: {}",
        counts.join(", ")
    );
    assert!(
        problems.is_empty() && report.contains(" passed") && !report.contains(" skipped"),
        "{calls:?}, release-gil = {release_gil}:\n{}\n{report}",
        problems.join("\n")
    );
}

fn constructs_pass(release_gil: bool) {
    let Some(py) = python() else { return };
    let dir = generated(release_gil);
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(
        &py,
        &wheel_in(&dir.path().join("py")),
        work.path(),
        "conformance",
    );
    for calls in Calls::BOTH {
        run_every_suite(&venv_py, work.path(), release_gil, calls);
    }
    if !release_gil {
        typed(&py, &venv_py, work.path(), &dir.path().join("py"));
    }
}

/// `mypy --strict` on the package (with every feature of the build) and on the [`TYPED`] files.
fn typed(py: &Path, venv_py: &Path, work: &Path, out: &Path) {
    let o = mypy(py, out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(
        &o,
        "mypy --strict -p conformance (default features + FEATURES)",
    );
    let files: Vec<std::path::PathBuf> = TYPED
        .iter()
        .map(|f| tests_dir().join("python").join(DIR).join(f))
        .collect();
    let mut args: Vec<&std::ffi::OsStr> = vec!["--python-executable".as_ref(), venv_py.as_ref()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let o = mypy(py, work, &args);
    assert_success(&o, &format!("mypy --strict {TYPED:?}"));
    // A field of another variant than the one caught is a type error (ADR 35).
    mypy_must_fail(
        py,
        work,
        venv_py,
        "typed_error_variants_bad.py",
        &["\"ParseFailureUnexpectedEnd\" has no attribute \"text\""],
        "the wrong-variant error",
    );
}

#[test]
fn every_construct_passes_on_both_call_paths() {
    constructs_pass(false);
}

#[test]
fn every_construct_passes_on_both_call_paths_with_release_gil() {
    constructs_pass(true);
}
