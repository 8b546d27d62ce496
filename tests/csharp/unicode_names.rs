//! Non-ASCII names (the conformance fixture's `unicode_names` feature, built alone) from C#: the
//! bindings spell them as they are (C# identifiers are Unicode), compile as a library with XML docs,
//! and tests/csharp/UnicodeNamesTests.cs uses them on Mono and .NET 8.

use super::{CONFIG, counts, mcs, mcs_library_with_docs, tools};
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
    let dir = harness::generate(
        "conformance",
        CONFIG,
        &["--no-default-features", "--features", "unicode_names"],
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
    mcs_library_with_docs(&t[0], &bindings, dir.path());

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
