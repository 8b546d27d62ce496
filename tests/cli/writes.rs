//! Writing outputs: all-or-nothing across every language, and removal of the files an earlier build
//! wrote that this one no longer produces (and only those).

use std::path::{Path, PathBuf};

use interop_tests::fixture_manifest;

use super::{assert_error, assert_ok, build_with, stderr, temp_dir};

// ---------------------------------------------------------------------------------------------
// Writing outputs
// ---------------------------------------------------------------------------------------------

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    super::files_in(dir)
        .into_iter()
        .map(|rel| {
            let bytes = std::fs::read(dir.join(&rel)).expect("read output");
            (rel, bytes)
        })
        .collect()
}

#[test]
fn failed_run_leaves_previous_output_untouched() {
    let dir = temp_dir("atomic");
    let cfg = dir.path().join("Interop.toml");
    let manifest = fixture_manifest("cli-empty");
    let build = |config: &str| {
        std::fs::write(&cfg, config).expect("write Interop.toml");
        build_with(dir.path(), &manifest, &cfg, &[], &[])
    };

    let out = build("[c]\nout-dir = \"out/c\"\n");
    assert_ok(&out);
    let before = snapshot(&dir.path().join("out"));
    assert!(
        before
            .iter()
            .any(|(p, _)| p.ends_with("include/cli_empty.h")),
        "{before:?}"
    );

    // Second run: the C output would change (another header name), but the Python output directory
    // is a regular file, so the run must fail as a whole and write nothing.
    std::fs::write(dir.path().join("blocker"), "not a directory").expect("write blocker");
    let out = build(
        "[c]\nout-dir = \"out/c\"\nheader = \"renamed.h\"\n\n[python]\nout-dir = \"blocker\"\n",
    );
    assert_error(&out, &[]);
    assert_eq!(snapshot(&dir.path().join("out")), before);
    assert_eq!(
        std::fs::read(dir.path().join("blocker")).expect("blocker"),
        b"not a directory"
    );

    // A successful rerun with the original config rewrites nothing.
    let out = build("[c]\nout-dir = \"out/c\"\n");
    assert_ok(&out);
    assert_eq!(snapshot(&dir.path().join("out")), before);
    assert!(stderr(&out).contains("0 written"), "{}", stderr(&out));
}

/// Build `fixture` with `config` (written to `<dir>/Interop.toml`), with extra environment.
fn build_fixture(
    dir: &Path,
    fixture: &str,
    config: &str,
    extra: &[&str],
    env: &[(&str, &std::ffi::OsStr)],
) -> std::process::Output {
    let cfg = dir.join("Interop.toml");
    std::fs::write(&cfg, config).expect("write Interop.toml");
    build_with(dir, &fixture_manifest(fixture), &cfg, extra, env)
}

const THREE_LANGUAGES: &str = "[c]\nout-dir = \"out/c\"\n\n[csharp]\nout-dir = \"out/cs\"\n\n\
                               [python]\nout-dir = \"out/py\"\n";

/// The same three languages, each configured so that its files change.
const THREE_CHANGED: &str = "[c]\nout-dir = \"out/c\"\nprefix = \"Cf\"\n\n[csharp]\nout-dir = \
                             \"out/cs\"\nexception = \"ConformanceBoom\"\n\n[python]\nout-dir = \
                             \"out/py\"\nrelease-gil = true\n";

#[test]
fn a_failure_while_writing_any_language_leaves_every_output_directory_as_before() {
    let dir = temp_dir("rollback");
    let out = build_fixture(dir.path(), "conformance", THREE_LANGUAGES, &[], &[]);
    assert_ok(&out);
    let before = snapshot(&dir.path().join("out"));
    let wheel = before
        .iter()
        .find_map(|(p, _)| p.extension().is_some_and(|e| e == "whl").then(|| p.clone()))
        .expect("a wheel");
    let wheel_name = wheel.file_name().expect("name").to_owned();
    // The failure is injected when committing a file of each language in turn: the C header (after
    // the Python files this configuration no longer produces were removed), the C# source (after the
    // C header was replaced), the wheel (the last file of the run, after C, C# and the rest of
    // Python). Each time every file already replaced or removed must be restored, and no temporary
    // or backup file may be left.
    for (language, file) in [
        ("C", std::ffi::OsStr::new("conformance.h")),
        ("C#", std::ffi::OsStr::new("ConformanceLib.cs")),
        ("Python", wheel_name.as_os_str()),
    ] {
        let out = build_fixture(
            dir.path(),
            "conformance",
            THREE_CHANGED,
            &["--force"],
            &[("__CARGO_INTEROP_TEST_FAIL_WRITE", file)],
        );
        assert_error(&out, &["injected failure", "nothing was written"]);
        assert_eq!(
            snapshot(&dir.path().join("out")),
            before,
            "a failure in the {language} files changed the outputs"
        );
    }
    // Without the failure the same build replaces the files of every language.
    let out = build_fixture(dir.path(), "conformance", THREE_CHANGED, &[], &[]);
    assert_ok(&out);
    let after = snapshot(&dir.path().join("out"));
    for file in [
        "c/include/conformance.h",
        "cs/ConformanceLib.cs",
        "py/conformance/_raw.py",
    ] {
        let old = before.iter().find(|(p, _)| p.ends_with(file));
        let new = after.iter().find(|(p, _)| p.ends_with(file));
        assert!(
            old.is_some() && new.is_some() && old != new,
            "{file} did not change"
        );
    }
}

#[test]
fn a_name_too_long_for_the_file_system_fails_the_run_without_writing_anything() {
    let dir = temp_dir("toolong");
    let out = build_fixture(dir.path(), "conformance", THREE_LANGUAGES, &[], &[]);
    assert_ok(&out);
    let before = snapshot(&dir.path().join("out"));
    // A valid C# class name, but `<class>.cs` is longer than a file name may be: writing fails after
    // the C header (changed by the prefix) was already in place.
    let config = format!(
        "[c]\nout-dir = \"out/c\"\nprefix = \"Cf\"\n\n[csharp]\nout-dir = \"out/cs\"\nclass = \"{}\"\n\n\
         [python]\nout-dir = \"out/py\"\n",
        "C".repeat(300)
    );
    let out = build_fixture(dir.path(), "conformance", &config, &[], &[]);
    assert!(!out.status.success(), "{}", stderr(&out));
    assert_eq!(
        snapshot(&dir.path().join("out")),
        before,
        "the C header was left updated:\n{}",
        stderr(&out)
    );
    assert_error(&out, &["cannot write", "nothing was written"]);
}

#[test]
fn files_an_earlier_build_wrote_and_this_one_no_longer_produces_are_removed() {
    let dir = temp_dir("stale");
    let config = THREE_LANGUAGES;
    let py = dir.path().join("out/py/cli_modules");
    // With the `extra` feature the library has an `extra` module: Python gets extra.py / extra.pyi.
    let out = build_fixture(
        dir.path(),
        "cli-modules",
        config,
        &["--features", "extra"],
        &[],
    );
    assert_ok(&out);
    assert!(py.join("extra.py").is_file() && py.join("extra.pyi").is_file());
    // Files that are not the build's own are never touched.
    std::fs::write(py.join("NOTES.md"), "mine").expect("write a user file");
    std::fs::write(dir.path().join("out/c/include/extra.h"), "mine").expect("write a user file");

    // The module is gone: its files are removed, and only those.
    let out = build_fixture(dir.path(), "cli-modules", config, &[], &[]);
    assert_ok(&out);
    assert!(
        !py.join("extra.py").exists() && !py.join("extra.pyi").exists(),
        "the removed module's files are still there"
    );
    assert!(stderr(&out).contains("2 removed"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(py.join("NOTES.md")).unwrap(),
        "mine"
    );
    assert!(dir.path().join("out/c/include/extra.h").is_file());
    assert!(py.join("__init__.py").is_file() && py.join("_raw.py").is_file());

    // A file the earlier build wrote but the user changed since is left alone, with a warning.
    let out = build_fixture(
        dir.path(),
        "cli-modules",
        config,
        &["--features", "extra"],
        &[],
    );
    assert_ok(&out);
    std::fs::write(py.join("extra.py"), "# edited by hand\n").expect("edit");
    let out = build_fixture(dir.path(), "cli-modules", config, &[], &[]);
    assert_ok(&out);
    assert!(
        stderr(&out).contains("warning: left `") && stderr(&out).contains("extra.py"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(py.join("extra.py")).unwrap(),
        "# edited by hand\n"
    );
    assert!(!py.join("extra.pyi").exists());

    // A whole language removed from Interop.toml: its files go, its directory's other files stay.
    let out = build_fixture(
        dir.path(),
        "cli-modules",
        "[c]\nout-dir = \"out/c\"\n",
        &[],
        &[],
    );
    assert_ok(&out);
    assert!(!dir.path().join("out/cs/CliModulesLib.cs").exists());
    assert!(!py.join("_raw.py").exists());
    assert_eq!(
        std::fs::read_to_string(py.join("NOTES.md")).unwrap(),
        "mine"
    );
}
