//! Closures taking `&T` of records owning data (the conformance fixture's `callback_refs` feature,
//! ADR 58) from C#: the bindings compile as a library with XML docs, tests/csharp/CallbackRefsTests.cs
//! (a visitor, a comparator whose order comes back, a kept closure on a Rust thread, a service
//! method, a record holding records; non-ASCII and empty strings; exceptions rethrown; RSS flat over
//! 120,000 calls) runs on Mono and on .NET 8 with the same output, and the generated source matches
//! its golden file.

use std::process::Command;

use super::{counts, mcs, tools};
use interop_tests as harness;
use interop_tests::csharp::run_csharp;

/// How many checks CallbackRefsTests.cs makes.
const EXPECTED_CHECKS: u32 = 24;

const CONFIG: &str = r#"
[csharp]
out-dir = "out"
namespace = "Interop.Conformance"
class = "Conformance"
"#;

#[test]
fn callback_refs_pass_on_mono_and_dotnet8() {
    let Some(t) = tools(&["mcs"]) else {
        return;
    };
    let dir = harness::generate("conformance", CONFIG, &["--features", "callback_refs"]);
    let out = dir.path().join("out");
    let bindings = out.join("Conformance.cs");
    let source = std::fs::read(&bindings).expect("Conformance.cs generated");
    harness::assert_golden("csharp/Conformance-callback-refs.cs", &source);

    let lib = dir.path().join("Bindings.dll");
    let doc = dir.path().join("Bindings.xml");
    let mut cmd = Command::new(&t[0]);
    cmd.args([
        "-langversion:7.2",
        "-unsafe",
        "-warnaserror",
        "-target:library",
    ])
    .arg(format!("-doc:{}", doc.display()))
    .arg(format!("-out:{}", lib.display()))
    .arg(&bindings);
    harness::assert_success(&harness::run(&mut cmd), "mcs (bindings as a library)");

    let exe = out.join("CallbackRefsTests.exe");
    let test_source = harness::tests_dir().join("csharp/CallbackRefsTests.cs");
    mcs(&t[0], &exe, "exe", &[&test_source, &bindings], &[]);
    let stdout = run_csharp(&exe, |cmd| {
        cmd.current_dir(dir.path())
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("RUST_BACKTRACE");
    });
    print!("{stdout}");
    let (passed, failed) = counts(&stdout).expect("a `N passed, M failed` line");
    assert_eq!(
        (passed, failed),
        (EXPECTED_CHECKS, 0),
        "expected {EXPECTED_CHECKS} passed:\n{stdout}"
    );
}
