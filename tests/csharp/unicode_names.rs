//! Non-ASCII names (the conformance fixture's `unicode_names` feature, built alone) from C#: the
//! bindings spell them as they are (C# identifiers are Unicode), compile as a library with XML docs,
//! and tests/csharp/UnicodeNamesTests.cs uses them on Mono and .NET 8.

use std::process::Command;

use super::{CONFIG, counts, mcs, tools};
use interop_tests as harness;
use interop_tests::csharp::run_csharp;

/// How many checks UnicodeNamesTests.cs makes.
const EXPECTED_CHECKS: u32 = 8;

#[test]
fn unicode_names_pass_on_mono_and_dotnet8() {
    let Some(t) = tools(&["mcs"]) else {
        return;
    };
    // The same build as the C test of the feature (tests/c/unicode_names.rs).
    let target_dir = harness::workspace_root().join("target/conformance-unicode");
    let dir = harness::generate(
        "conformance",
        CONFIG,
        &[
            "--no-default-features",
            "--features",
            "unicode_names",
            "--target-dir",
            target_dir.to_str().expect("utf-8 path"),
        ],
    );
    let out = dir.path().join("out");
    let bindings = out.join("Conformance.cs");
    let text = std::fs::read_to_string(&bindings).expect("Conformance.cs generated");
    for spelled in [
        "public unsafe partial struct Größe",
        "public uint Länge;",
        "Rückwärts = 2,",
        "public static uint Grüße(Größe größe, Richtung richtung)",
    ] {
        assert!(text.contains(spelled), "{spelled}\n{text}");
    }
    let mut cmd = Command::new(&t[0]);
    cmd.args([
        "-langversion:7.2",
        "-unsafe",
        "-warnaserror",
        "-target:library",
    ])
    .arg(format!(
        "-doc:{}",
        dir.path().join("Bindings.xml").display()
    ))
    .arg(format!(
        "-out:{}",
        dir.path().join("Bindings.dll").display()
    ))
    .arg(&bindings);
    harness::assert_success(&harness::run(&mut cmd), "mcs (bindings as a library)");

    let exe = out.join("UnicodeNamesTests.exe");
    let test_source = harness::tests_dir().join("csharp/UnicodeNamesTests.cs");
    mcs(&t[0], &exe, "exe", &[&test_source, &bindings], &[]);
    let stdout = run_csharp(&exe, |cmd| {
        cmd.current_dir(dir.path())
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("RUST_BACKTRACE");
    });
    assert_eq!(
        counts(&stdout),
        Some((EXPECTED_CHECKS, 0)),
        "expected {EXPECTED_CHECKS} passed:\n{stdout}"
    );
}
