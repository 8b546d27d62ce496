//! The one diagnostics pass before generating (issue 8 §4): every item a configured language refuses,
//! with its Rust path and every language's support side by side, and every problem the backends' own
//! checks find, in one run, before any backend generates; nothing is written.
//!
//! Fixture: tests/fixtures/cli-diagnostics. The test-only `cargo-interop-toy` binary (tests/toy) is
//! cargo-interop with a third-party backend registered next to the built-in ones; its capability
//! table refuses `bool` parameters.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use interop_backends::common::capability::{Construct, Position, Support};
use interop_tests::fixture_manifest;

use super::{assert_error, assert_ok, files_in, s, stderr, temp_dir};

const BUILT_IN: &str = "[c]\nout-dir = \"out/c\"\n\n[csharp]\nout-dir = \"out/cs\"\n\n\
                        [python]\nout-dir = \"out/py\"\n";
const TOY: &str = "\n[toy]\nout-dir = \"out/toy\"\n";

/// The tests build cli-diagnostics with different features into the same target directory: one at a
/// time, so that a run never loads the library another test just rebuilt.
fn fixture_lock() -> MutexGuard<'static, ()> {
    static LOCK: Mutex<()> = Mutex::new(());
    LOCK.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The cargo-interop program with the Toy backend registered.
fn toy_binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_cargo-interop-toy"))
}

/// `<binary> interop <command> --manifest-path <cli-diagnostics> --config <dir>/Interop.toml
/// <extra…>`, with `config` written to that Interop.toml first.
fn run(binary: &Path, dir: &Path, command: &str, config: &str, extra: &[&str]) -> Output {
    let cfg = dir.join("Interop.toml");
    std::fs::write(&cfg, config).expect("write Interop.toml");
    let manifest = fixture_manifest("cli-diagnostics");
    std::process::Command::new(binary)
        .current_dir(dir)
        .args([
            "interop",
            command,
            "--manifest-path",
            s(&manifest),
            "--config",
            s(&cfg),
        ])
        .args(extra)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("spawn cargo-interop")
}

/// Every output file with its bytes and mtime.
fn state(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    files_in(dir)
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            let bytes = std::fs::read(&path).expect("read");
            let mtime = std::fs::metadata(&path).and_then(|m| m.modified());
            (rel, bytes, mtime.expect("mtime"))
        })
        .collect()
}

/// The block of the report that starts with `headline`, up to the next blank line.
#[track_caller]
fn block<'a>(err: &'a str, headline: &str) -> &'a str {
    let start = err
        .find(headline)
        .unwrap_or_else(|| panic!("no {headline:?} in the report:\n{err}"));
    let rest = &err[start..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

/// `block` has one verdict line per language, in configuration order, each starting with `verdicts`.
#[track_caller]
fn assert_verdicts(block: &str, verdicts: &[(&str, &str)]) {
    let lines: Vec<&str> = block.lines().skip(1).map(str::trim).collect();
    assert_eq!(lines.len(), verdicts.len(), "{block}");
    for (line, (language, verdict)) in lines.iter().zip(verdicts) {
        let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
        assert_eq!(name, *language, "{block}");
        assert!(
            rest.trim_start().starts_with(verdict),
            "{language}: {verdict:?}\n{block}"
        );
    }
}

/// No backend generated: no `Generating`/`Packaging` status line.
#[track_caller]
fn assert_nothing_generated(out: &Output) {
    let err = stderr(out);
    assert!(
        !err.contains("Generating") && !err.contains("Packaging"),
        "a backend generated before the report:\n{err}"
    );
    assert!(err.contains("nothing was generated"), "{err}");
}

#[test]
fn every_item_a_third_party_backend_refuses_is_listed_at_once_and_nothing_changes() {
    let _lock = fixture_lock();
    let dir = temp_dir("diagnostics-toy");
    let bool_params = ["--features", "bool-params"];
    let out_dir = dir.path().join("out");
    // Without Toy the crate builds: C, C# and Python take `bool` parameters.
    let out = run(toy_binary(), dir.path(), "build", BUILT_IN, &bool_params);
    assert_ok(&out);
    let before = state(&out_dir);
    assert!(!before.is_empty());

    let config = format!("{BUILT_IN}{TOY}");
    let out = run(toy_binary(), dir.path(), "build", &config, &bool_params);
    let err = stderr(&out);
    assert_error(
        &out,
        &["error: 2 problems in `cli-diagnostics` for C, C#, Python, Toy; nothing was generated"],
    );
    assert_nothing_generated(&out);
    let toy_refuses = [
        ("C", "supported"),
        ("C#", "supported"),
        ("Python", "supported"),
        (
            "Toy",
            "not supported: Toy has no booleans; take a `u8` (0 or 1)",
        ),
    ];
    // Both functions taking a `bool`, each with its Rust path, the parameter and the construct.
    assert_verdicts(
        block(
            &err,
            "`cli_diagnostics::DiagFlags::with_enabled`: parameter `enabled` is `bool` (`bool` as a parameter)",
        ),
        &toy_refuses,
    );
    assert_verdicts(
        block(
            &err,
            "`cli_diagnostics::diag_toggle`: parameter `on` is `bool` (`bool` as a parameter)",
        ),
        &toy_refuses,
    );
    // What Toy takes is not listed: a `bool` field, return, or behind a pointer.
    for fine in ["DiagFlags`:", "is_enabled", "diag_read"] {
        assert!(!err.contains(fine), "{fine} listed:\n{err}");
    }
    assert!(err.contains("= help: change the items above"), "{err}");
    // No language's output changed, and Toy's was not written.
    assert_eq!(state(&out_dir), before, "an output changed");

    // `check` runs the same pass (and never writes).
    let out = run(toy_binary(), dir.path(), "check", &config, &bool_params);
    assert_error(
        &out,
        &[
            "error: 2 problems in `cli-diagnostics` for C, C#, Python, Toy",
            "`cli_diagnostics::diag_toggle`: parameter `on` is `bool`",
        ],
    );
    assert_nothing_generated(&out);
    assert_eq!(state(&out_dir), before, "check changed an output");
}

/// A verdict line's text, as the report writes it.
fn verdict(support: Support) -> String {
    match support {
        Support::Yes => "supported".to_string(),
        Support::Partial(why) => format!("partly supported: {why}"),
        Support::No(why) => format!("not supported: {why}"),
    }
}

#[test]
fn a_construct_a_built_in_backend_refuses_is_listed_with_the_other_languages_support() {
    // A pointer to an array: the C# table refused it until the C# backend learnt arrays; the expected
    // report follows the built-in tables, so this test holds on either side of that change.
    let (construct, position) = (Construct::FixedArray, Position::Pointee);
    let tables = interop_backends::registry::builtin().capabilities();
    let _lock = fixture_lock();
    let dir = temp_dir("diagnostics-builtin");
    let out = run(
        interop_tests::cargo_interop(),
        dir.path(),
        "build",
        BUILT_IN,
        &["--features", "pointee-array"],
    );
    let refused = tables
        .iter()
        .any(|t| matches!(t.support(construct, position), Support::No(_)));
    if !refused {
        // No built-in backend refuses it: every language's bindings have the function.
        assert_ok(&out);
        let cs = std::fs::read_to_string(dir.path().join("out/cs/CliDiagnosticsLib.cs"))
            .expect("the C# source");
        assert!(cs.contains("DiagSum("), "{cs}");
        return;
    }
    let err = stderr(&out);
    assert_error(
        &out,
        &["error: 1 problem in `cli-diagnostics` for C, C#, Python; nothing was generated"],
    );
    assert_nothing_generated(&out);
    let expected: Vec<(&str, String)> = tables
        .iter()
        .map(|t| (t.language, verdict(t.support(construct, position))))
        .collect();
    let expected: Vec<(&str, &str)> = expected.iter().map(|(l, v)| (*l, v.as_str())).collect();
    assert_verdicts(
        block(
            &err,
            "`cli_diagnostics::diag_sum`: parameter `values` points to `[i32; 4]` (`[T; N]` behind a pointer)",
        ),
        &expected,
    );
    assert_eq!(files_in(&dir.path().join("out")), Vec::<PathBuf>::new());
}

#[test]
fn every_problem_a_backends_own_check_finds_is_reported_in_the_same_run() {
    let _lock = fixture_lock();
    let dir = temp_dir("diagnostics-check");
    let config = format!("[c]\nout-dir = \"out/c\"\n{TOY}");
    let out = run(
        toy_binary(),
        dir.path(),
        "build",
        &config,
        &["--features", "bool-params,c-collisions"],
    );
    let err = stderr(&out);
    assert_error(
        &out,
        &[
            "error: 4 problems in `cli-diagnostics` for C, Toy (2 uses of a construct a language \
             does not support, 2 problems found by the backends' own checks); nothing was generated",
            // Toy's refusals…
            "`cli_diagnostics::diag_toggle`: parameter `on` is `bool`",
            "`cli_diagnostics::DiagFlags::with_enabled`: parameter `enabled` is `bool`",
            // …and both C name collisions, each naming its Rust item.
            "`cli_diagnostics::make_point` (C): ",
            "`cli_diagnostics::CLI_DIAGNOSTICS_H` (C): ",
        ],
    );
    assert_nothing_generated(&out);
    let point = block(&err, "`cli_diagnostics::make_point` (C): ");
    assert!(point.contains("`DiagPoint`"), "{point}");
    let guard = block(&err, "`cli_diagnostics::CLI_DIAGNOSTICS_H` (C): ");
    assert!(guard.contains("include guard"), "{guard}");
    assert_eq!(files_in(&dir.path().join("out")), Vec::<PathBuf>::new());
}

#[test]
fn a_registered_backend_is_configured_and_generates_like_a_built_in_one() {
    let _lock = fixture_lock();
    let dir = temp_dir("diagnostics-plugin");
    let config = format!("[c]\nout-dir = \"out/c\"\n{TOY}");
    // The stock binary does not know `[toy]`…
    let out = run(
        interop_tests::cargo_interop(),
        dir.path(),
        "build",
        &config,
        &[],
    );
    assert_error(
        &out,
        &["Interop.toml:4:2: language `toy` is not supported; available: c, csharp, python"],
    );
    // …the one with Toy registered does, and lists it.
    let out = run(
        toy_binary(),
        dir.path(),
        "build",
        "[tooy]\nout-dir = \"x\"\n",
        &[],
    );
    assert_error(
        &out,
        &["language `tooy` is not supported; available: c, csharp, python, toy"],
    );
    // Its section's keys are checked with the file's position.
    let out = run(
        toy_binary(),
        dir.path(),
        "build",
        "[toy]\nout-dir = \"out/toy\"\nout-dri = \"x\"\n",
        &[],
    );
    assert_error(
        &out,
        &["Interop.toml:3:1: unknown field `out-dri`", "3 | out-dri"],
    );

    let out = run(toy_binary(), dir.path(), "build", &config, &[]);
    assert_ok(&out);
    let api = std::fs::read_to_string(dir.path().join("out/toy/api.toy")).expect("api.toy");
    let mut lines: Vec<&str> = api.lines().collect();
    lines.sort_unstable();
    assert_eq!(
        lines,
        [
            "fn cli_diagnostics::DiagFlags::is_enabled(self: &DiagFlags) -> bool",
            "fn cli_diagnostics::diag_read(flag: &bool) -> u8",
        ]
    );
    assert!(stderr(&out).contains("Generating Toy"), "{}", stderr(&out));
    assert!(dir.path().join("out/c/include/cli_diagnostics.h").is_file());
    // `check` knows it too.
    let out = run(toy_binary(), dir.path(), "check", &config, &[]);
    assert_ok(&out);
}

#[test]
fn an_ambiguous_callback_type_is_refused_naming_both() {
    let _lock = fixture_lock();
    let dir = temp_dir("diagnostics-callback-twins");
    let out = run(
        interop_tests::cargo_interop(),
        dir.path(),
        "build",
        BUILT_IN,
        &["--features", "callback-twins"],
    );
    assert_error(
        &out,
        &[
            "is inconsistent: parameter `on_size` of `cli_diagnostics::report_size` spells the \
             callback type `OnSize`, which could be `cli_diagnostics::counts::OnSize` and \
             `cli_diagnostics::sizes::OnSize`",
            "write its path in the signature (`crate::…::OnSize`), or rename one of the aliases",
        ],
    );
    assert!(!stderr(&out).contains("Generating"), "{}", stderr(&out));
    assert_eq!(files_in(&dir.path().join("out")), Vec::<PathBuf>::new());
}
