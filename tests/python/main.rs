//! Python end to end: `cargo interop build` of the conformance fixture, then the generated wheel is
//! installed into a fresh venv and exercised by pytest (tests/python/test_conformance.py), checked
//! by `wheel unpack` (RECORD hashes), `twine check --strict`, and `mypy --strict` on a typed script.
//!
//! The fresh venv is made without pip (`python -m venv --without-pip`, fast and offline); the test
//! venv's pip installs the wheel into it (`pip --python <venv> install --no-index`), and a `.pth`
//! file appends the test venv's site-packages so that pytest is importable without any download.
//! The wheel is the only thing installed into the fresh venv; the suite asserts that it imports the
//! package from there.

use std::path::{Path, PathBuf};
use std::process::Command;

use interop_tests::{assert_golden, assert_success, generate, python, run, tests_dir};

fn config() -> String {
    let readme = tests_dir().join("python/fixture-readme.md");
    format!(
        r#"[python]
out-dir = "py"

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

fn text(out: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn conformance_wheel_installs_and_passes_pytest_mypy_twine() {
    let Some(py) = python() else { return };
    let dir = generate("conformance", &config(), &[]);
    let out = dir.path().join("py");
    let pkg = out.join("conformance");

    // The package directory: generated sources (golden) and the native library inside.
    for name in ["__init__.py", "_raw.py", "_types.py", "math.py"] {
        let bytes = std::fs::read(pkg.join(name)).unwrap();
        assert_golden(&format!("python/conformance/{name}"), &bytes);
    }
    assert!(pkg.join("py.typed").is_file());
    assert!(pkg.join("libconformance.so").is_file());

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

    // twine validates the metadata and renders the readme; --strict turns warnings into errors.
    let o = run(Command::new(&py)
        .args(["-m", "twine", "check", "--strict"])
        .arg(&wheel));
    assert_success(&o, "twine check --strict");
    assert!(text(&o).contains("PASSED"), "{}", text(&o));

    // A fresh venv with only the wheel installed (see the module docs).
    let work = tempfile::tempdir().unwrap();
    let venv = work.path().join("venv");
    let o = run(Command::new(&py)
        .args(["-m", "venv", "--without-pip"])
        .arg(&venv));
    assert_success(&o, "python -m venv");
    let venv_py = venv.join("bin/python");
    let o = run(Command::new(&py)
        .args(["-m", "pip", "--disable-pip-version-check", "--python"])
        .arg(&venv_py)
        .args(["install", "--no-index", "--no-deps", "--quiet"])
        .arg(&wheel));
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
    assert!(fresh_site.join("conformance/libconformance.so").is_file());
    std::fs::write(
        fresh_site.join("_interop_test_tools.pth"),
        format!("{}\n", site(&py).display()),
    )
    .unwrap();

    // pytest, from a directory that does not contain the package.
    let suite = tests_dir().join("python/test_conformance.py");
    let expected = std::fs::read_to_string(&suite)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("def test_"))
        .count();
    let o = run(Command::new(&venv_py)
        .current_dir(work.path())
        .env("RUST_BACKTRACE", "0")
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(&suite));
    let report = text(&o);
    assert_success(&o, "pytest");
    let summary = report
        .lines()
        .rev()
        .find(|l| l.contains(" passed"))
        .unwrap_or_else(|| panic!("no pytest summary:\n{report}"));
    assert!(
        summary.contains(&format!("{expected} passed")) && !summary.contains("failed"),
        "expected {expected} passed and none failed, got `{summary}`\n{report}"
    );

    // mypy --strict: the typed usage script against the installed package (it ships py.typed).
    let usage = tests_dir().join("python/typed_usage.py");
    let o = run(Command::new(&py)
        .current_dir(work.path())
        .args([
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
        ])
        .arg(&venv_py)
        .arg(&usage));
    assert_success(&o, "mypy --strict typed_usage.py");
    // … and the script runs and checks its own results.
    let o = run(Command::new(&venv_py).current_dir(work.path()).arg(&usage));
    assert_success(&o, "python typed_usage.py");
    assert!(text(&o).contains("typed usage ok"), "{}", text(&o));

    // mypy --strict on the generated package itself.
    let o = run(Command::new(&py).current_dir(&out).args([
        "-m",
        "mypy",
        "--strict",
        "--no-incremental",
        "-p",
        "conformance",
    ]));
    assert_success(&o, "mypy --strict -p conformance");
}

#[test]
fn two_builds_are_byte_identical() {
    let Some(_) = python() else { return };
    let one = generate("conformance", &config(), &[]);
    let two = generate("conformance", &config(), &[]);
    let a = tree(&one.path().join("py"));
    let b = tree(&two.path().join("py"));
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{} differs between two builds", path.display());
    }
    assert!(
        a.iter()
            .any(|(p, _)| p.extension().is_some_and(|e| e == "whl"))
    );
}

#[test]
fn wheel_can_be_switched_off_and_bad_package_names_are_errors() {
    let dir = generate(
        "conformance",
        "[python]\nout-dir = \"py\"\npackage = \"conf_py\"\n\n[python.wheel]\nbuild = false\n",
        &[],
    );
    let out = dir.path().join("py");
    assert!(out.join("conf_py/__init__.py").is_file());
    assert!(out.join("conf_py/libconformance.so").is_file());
    assert!(
        std::fs::read_dir(&out).unwrap().all(|e| e
            .unwrap()
            .path()
            .extension()
            .is_none_or(|e| e != "whl"))
    );

    let bad = tempfile::tempdir().unwrap();
    let cfg = bad.path().join("Interop.toml");
    std::fs::write(&cfg, "[python]\npackage = \"not-valid\"\n").unwrap();
    let manifest = interop_tests::fixture_manifest("conformance");
    let o = interop_tests::run_cargo_interop(
        bad.path(),
        &[
            "build",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--config",
            cfg.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    let t = text(&o);
    assert!(
        t.contains("package = \"not-valid\" is not a valid Python import name"),
        "{t}"
    );
    assert!(!t.contains("panicked"), "{t}");
}
