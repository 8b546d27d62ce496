//! The package's configuration: two builds give the same bytes, the wheel can be switched off, a
//! package name that is not a Python import name is an error naming it.

use interop_tests::{generate, python};

use super::{config, text, tree};

#[test]
fn two_builds_are_byte_identical() {
    let Some(_) = python() else { return };
    let one = generate("conformance", &config(false), &[]);
    let two = generate("conformance", &config(false), &[]);
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
