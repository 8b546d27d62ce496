//! Python end to end: `cargo interop build` of the conformance fixture, then the generated wheel is
//! checked against its golden files, by `wheel unpack` (RECORD hashes), `twine check --strict`, and
//! `mypy --strict` (the package, and a typed script using it from a fresh venv). [`constructs`]
//! runs one pytest file per construct of the fixture (tests/python/constructs/test_<feature>.py)
//! and the package-wide suites (test_package.py, test_arguments.py) against its installed wheel.
//!
//! Every suite runs on both call paths (the compiled one, `INTEROP_PYTHON_CALLS=compiled`, and the
//! ctypes fallback, `INTEROP_PYTHON_CALLS=ctypes`) in both modes (`release-gil = false` and
//! `true`). [`interpreters`] installs one wheel into venvs of CPython 3.9, 3.11 and 3.13 (compiled)
//! and PyPy (the fallback, chosen by itself). [`cases`] does the same for the Python-specific
//! fixture (tests/fixtures/python-cases, tests/python/test_cases.py) and checks the configuration
//! errors of the Python backend.
//!
//! The fresh venv is made without pip (`python -m venv --without-pip`, fast and offline); the test
//! venv's pip installs the wheel into it (`pip --python <venv> install --no-index`), and a `.pth`
//! file appends the test venv's site-packages so that pytest is importable without any download.
//! The wheel is the only thing installed into the fresh venv; the suite asserts that it imports the
//! package from there.

use std::path::{Path, PathBuf};
use std::process::Command;

mod callback_alias_refs;
mod callback_data_returns;
mod callback_optional_refs;
mod callback_refs;
mod callback_returned_owned;
mod callback_returned_refs;
mod callback_returns;
mod callback_slice_refs;
mod callback_twins;
mod callbacks;
mod cases;
mod constructs;
mod generics;
mod guard;
mod interpreters;
mod optional_views;
mod options_results;
mod ordering;
mod package_config;
mod services;
mod strings;

use interop_tests::{assert_golden, assert_success, generate, python, run, tests_dir};

fn config(release_gil: bool) -> String {
    let readme = tests_dir().join("python/fixture-readme.md");
    format!(
        r#"[python]
out-dir = "py"
release-gil = {release_gil}

[python.wheel]
summary = "Conformance fixture bindings"
readme = "{}"
project-urls = {{ Repository = "https://github.com/cargo-interop/cargo-interop" }}
"#,
        readme.display()
    )
}

/// Files of a directory tree, relative path → contents, sorted.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_path_buf();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn wheel_in(out: &Path) -> PathBuf {
    let wheels: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "whl"))
        .collect();
    assert_eq!(wheels.len(), 1, "exactly one wheel in {}", out.display());
    wheels[0].clone()
}

/// How many tests the pytest files `suites` of tests/python define (`def test_` lines).
fn tests_in(suites: &[&str]) -> usize {
    suites
        .iter()
        .map(|suite| {
            std::fs::read_to_string(tests_dir().join("python").join(suite))
                .unwrap_or_else(|e| panic!("read {suite}: {e}"))
                .lines()
                .filter(|l| l.starts_with("def test_"))
                .count()
        })
        .sum()
}

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The generated sources of the conformance package (both modes).
const PACKAGE_FILES: [&str; 7] = [
    "__init__.py",
    "__init__.pyi",
    "_native.py",
    "_raw.py",
    "_types.py",
    "math.py",
    "math.pyi",
];

/// The generated sources of the package against their golden files; the exact set of files.
fn check_package_files(pkg: &Path, golden_dir: &str, sources: &[&str]) {
    for name in sources {
        let bytes = std::fs::read(pkg.join(name)).unwrap();
        assert_golden(&format!("python/{golden_dir}/{name}"), &bytes);
    }
    let mut expected: Vec<&str> = sources.to_vec();
    expected.extend(["py.typed", "libconformance.so"]);
    expected.sort();
    let actual: Vec<String> = tree(pkg)
        .into_iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(actual, expected, "files of {}", pkg.display());
}

/// A fresh venv with only the wheel of `package` installed (see the module docs). Returns its
/// interpreter.
fn install_wheel(py: &Path, wheel: &Path, work: &Path, package: &str) -> PathBuf {
    install_wheel_with(py, py, wheel, work, package)
}

/// A fresh venv of `interpreter` (a venv with pytest: the `.pth` makes its packages importable)
/// with only the wheel installed, by `py`'s pip. Returns the fresh venv's interpreter.
fn install_wheel_with(
    py: &Path,
    interpreter: &Path,
    wheel: &Path,
    work: &Path,
    package: &str,
) -> PathBuf {
    let venv = work.join("venv");
    let o = run(Command::new(interpreter)
        .args(["-m", "venv", "--without-pip"])
        .arg(&venv));
    assert_success(&o, "python -m venv");
    let venv_py = venv.join("bin/python");
    let o = run(Command::new(py)
        .args(["-m", "pip", "--disable-pip-version-check", "--python"])
        .arg(&venv_py)
        .args(["install", "--no-index", "--no-deps", "--quiet"])
        .arg(wheel));
    assert_success(&o, "pip install --no-index <wheel>");
    let site = |p: &Path| -> PathBuf {
        let o = run(Command::new(p).args([
            "-c",
            "import sysconfig; print(sysconfig.get_paths()['purelib'])",
        ]));
        assert_success(&o, "python -c sysconfig");
        PathBuf::from(String::from_utf8_lossy(&o.stdout).trim())
    };
    let fresh_site = site(&venv_py);
    assert!(fresh_site.join(package).join("__init__.py").is_file());
    std::fs::write(
        fresh_site.join("_interop_test_tools.pth"),
        format!("{}\n", site(interpreter).display()),
    )
    .unwrap();
    venv_py
}

/// Which call path a pytest run forces and expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Calls {
    /// `INTEROP_PYTHON_CALLS=compiled`: the import fails rather than falling back.
    Compiled,
    /// `INTEROP_PYTHON_CALLS=ctypes`: the fallback, forced.
    Ctypes,
    /// Nothing forced: the package chooses; the suite expects the given path (the runs on the
    /// other interpreters, with the long loops scaled down: `INTEROP_TEST_SCALE`).
    Auto(&'static str),
}

impl Calls {
    /// Both forced paths.
    pub const BOTH: [Calls; 2] = [Calls::Compiled, Calls::Ctypes];

    fn expected(self) -> &'static str {
        match self {
            Calls::Compiled => "compiled",
            Calls::Ctypes => "ctypes",
            Calls::Auto(expected) => expected,
        }
    }
}

/// pytest on `suites` (files or directories of tests/python), from a directory that does not
/// contain the package, on the call path `calls`, with `extra` arguments; it must succeed. Returns
/// what pytest printed.
fn run_pytest(
    venv_py: &Path,
    work: &Path,
    release_gil: bool,
    calls: Calls,
    suites: &[&str],
    extra: &[&str],
) -> String {
    let mut cmd = Command::new(venv_py);
    cmd.current_dir(work)
        .env("RUST_BACKTRACE", "0")
        .env(
            "INTEROP_EXPECT_RELEASE_GIL",
            if release_gil { "1" } else { "0" },
        )
        .env("INTEROP_EXPECT_CALLS", calls.expected())
        .env_remove("INTEROP_PYTHON_CALLS")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .args(extra);
    match calls {
        // The same wheel on another interpreter (tests/python/interpreters.rs): the long loops
        // (8 Rust threads x 100,000 callbacks, the RSS round trips) at a tenth of their counts;
        // the full counts run on the main interpreter on both forced paths.
        Calls::Auto(_) => {
            cmd.env("INTEROP_TEST_SCALE", "0.1");
        }
        Calls::Compiled | Calls::Ctypes => {
            cmd.env("INTEROP_PYTHON_CALLS", calls.expected())
                .env_remove("INTEROP_TEST_SCALE");
        }
    }
    for suite in suites {
        cmd.arg(tests_dir().join("python").join(suite));
    }
    let o = run(&mut cmd);
    let report = text(&o);
    assert_success(&o, &format!("pytest ({calls:?})"));
    report
}

/// pytest on `suites` (files of tests/python), from a directory that does not contain the
/// package, on the call path `calls`; at least `expected` tests must pass, and none fail.
fn pytest(
    venv_py: &Path,
    work: &Path,
    release_gil: bool,
    calls: Calls,
    suites: &[&str],
    expected: usize,
) {
    let report = run_pytest(venv_py, work, release_gil, calls, suites, &[]);
    let summary = report
        .lines()
        .rev()
        .find(|l| l.contains(" passed"))
        .unwrap_or_else(|| panic!("no pytest summary:\n{report}"));
    let passed: usize = summary
        .split_whitespace()
        .zip(summary.split_whitespace().skip(1))
        .find(|(_, word)| word.trim_end_matches(',') == "passed")
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or(0);
    assert!(
        passed >= expected && !summary.contains("failed") && !summary.contains("skipped"),
        "{calls:?}: expected at least {expected} passed and none failed or skipped, got `{summary}`\n{report}"
    );
}

fn mypy(py: &Path, dir: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    run(Command::new(py)
        .current_dir(dir)
        .args(["-m", "mypy", "--strict", "--no-incremental"])
        .args(args))
}

/// `mypy --strict` on `tests/python/<file>` against the package installed for `venv_py` must fail
/// with exactly the errors `expected` (each a substring of mypy's report) and no other:
/// `what` says which, for the message.
fn mypy_must_fail(
    py: &Path,
    work: &Path,
    venv_py: &Path,
    file: &str,
    expected: &[&str],
    what: &str,
) {
    let bad = tests_dir().join("python").join(file);
    let o = mypy(
        py,
        work,
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            bad.as_ref(),
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    let count = match expected.len() {
        1 => "Found 1 error in 1 file".to_string(),
        n => format!("Found {n} errors in 1 file"),
    };
    assert!(
        !o.status.success() && expected.iter().all(|e| out.contains(e)) && out.contains(&count),
        "mypy --strict {file} must fail with exactly {what}:\n{out}"
    );
}

/// mypy --strict on the typed usage script against the installed package (it ships py.typed), then
/// the script runs and checks its own results; mypy --strict on the generated package itself.
fn typed_usage_and_package_mypy(py: &Path, venv_py: &Path, work: &Path, out: &Path) {
    let usage = tests_dir().join("python/typed_usage.py");
    let o = mypy(
        py,
        work,
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            usage.as_ref(),
        ],
    );
    assert_success(&o, "mypy --strict typed_usage.py");
    let o = run(Command::new(venv_py).current_dir(work).arg(&usage));
    assert_success(&o, "python typed_usage.py");
    assert!(text(&o).contains("typed usage ok"), "{}", text(&o));

    let o = mypy(py, out, &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(&o, "mypy --strict -p conformance");
}

#[test]
fn conformance_wheel_installs_and_passes_mypy_twine() {
    let Some(py) = python() else { return };
    let dir = generate("conformance", &config(false), &[]);
    let out = dir.path().join("py");
    let pkg = out.join("conformance");

    // The package directory: generated sources (golden), stubs, and the native library inside.
    check_package_files(&pkg, "conformance", &PACKAGE_FILES);

    // The wheel name: normalized dist name, PEP 440 version, an honest manylinux tag.
    let wheel = wheel_in(&out);
    let wheel_name = wheel.file_name().unwrap().to_str().unwrap().to_string();
    let tag = wheel_name
        .strip_prefix("conformance-1.2.3-py3-none-")
        .and_then(|t| t.strip_suffix(".whl"))
        .unwrap_or_else(|| panic!("unexpected wheel name {wheel_name}"));
    let glibc_minor: u32 = tag
        .strip_prefix("manylinux_2_")
        .and_then(|t| t.strip_suffix("_x86_64"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("not a manylinux_2_N_x86_64 tag: {tag}"));
    assert!(glibc_minor >= 17, "{tag}");

    // `wheel unpack` verifies every RECORD hash and size.
    let unpacked = tempfile::tempdir().unwrap();
    let o = run(Command::new(&py)
        .args(["-m", "wheel", "unpack", "-d"])
        .arg(unpacked.path())
        .arg(&wheel));
    assert_success(&o, "python -m wheel unpack");
    assert!(
        unpacked
            .path()
            .join("conformance-1.2.3/conformance/__init__.pyi")
            .is_file(),
        "the stubs are in the wheel"
    );

    // twine validates the metadata and renders the readme; --strict turns warnings into errors.
    let o = run(Command::new(&py)
        .args(["-m", "twine", "check", "--strict"])
        .arg(&wheel));
    assert_success(&o, "twine check --strict");
    assert!(text(&o).contains("PASSED"), "{}", text(&o));

    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(&py, &wheel, work.path(), "conformance");
    typed_usage_and_package_mypy(&py, &venv_py, work.path(), &out);

    // With the stubs, mypy checks the stubs; the modules must type-check on their own too.
    let bare = tempfile::tempdir().unwrap();
    std::fs::create_dir(bare.path().join("conformance")).unwrap();
    for (rel, bytes) in tree(&pkg) {
        if rel.extension().is_some_and(|e| e == "py" || e == "typed") {
            std::fs::write(bare.path().join("conformance").join(rel), bytes).unwrap();
        }
    }
    let o = mypy(&py, bare.path(), &["-p".as_ref(), "conformance".as_ref()]);
    assert_success(
        &o,
        "mypy --strict -p conformance (the .py files without the stubs)",
    );

    // The stubs keep the parameter names: keywords type-check, a keyword the function does not
    // have is a type error (a TypeError at run time on both paths; test_arguments.py checks that).
    let keywords = work.path().join("keywords.py");
    std::fs::write(
        &keywords,
        "import conformance\n\nassert conformance.add_u64(a=1, b=2) == 3\n",
    )
    .unwrap();
    let o = mypy(
        &py,
        work.path(),
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            keywords.as_ref(),
        ],
    );
    assert_success(&o, "mypy --strict on keyword arguments");
    let misuse = work.path().join("misuse.py");
    std::fs::write(
        &misuse,
        "import conformance\n\nconformance.add_u64(x=1, b=2)\n",
    )
    .unwrap();
    let o = mypy(
        &py,
        work.path(),
        &[
            "--python-executable".as_ref(),
            venv_py.as_ref(),
            misuse.as_ref(),
        ],
    );
    assert!(
        !o.status.success(),
        "mypy accepted a wrong keyword:\n{}",
        text(&o)
    );
    assert!(
        text(&o).contains(r#"Unexpected keyword argument "x" for "add_u64""#),
        "{}",
        text(&o)
    );
}

#[test]
fn release_gil_mode_matches_golden_and_passes_mypy() {
    let Some(py) = python() else { return };
    let dir = generate("conformance", &config(true), &[]);
    let out = dir.path().join("py");
    let pkg = out.join("conformance");
    check_package_files(&pkg, "conformance-release-gil", &PACKAGE_FILES);
    let work = tempfile::tempdir().unwrap();
    let venv_py = install_wheel(&py, &wheel_in(&out), work.path(), "conformance");
    typed_usage_and_package_mypy(&py, &venv_py, work.path(), &out);
}
