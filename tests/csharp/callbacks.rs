//! Callbacks (the conformance fixture's `callbacks`, `callback_args` and `callback_fields` features) from C#: the bindings compile as a
//! library with XML docs, tests/csharp/CallbacksTests.cs (every function of the feature: lambdas,
//! kept delegates released when Rust drops them, 8 Rust threads x 100,000 calls, exceptions rethrown
//! or raised on `UnhandledCallbackException`, returned closures, function pointers, borrowed arguments,
//! closures returning `Result`, the `[UnmanagedCallersOnly]` entry points on CoreCLR: ADR 39) runs
//! on Mono and on .NET 8 with the same output, and the generated source matches its golden file;
//! tests/csharp/CallbackFieldsTests.cs (records of closures, ADR 30) runs from the same bindings.

use std::process::Command;

use super::{counts, mcs, tools};
use interop_tests as harness;
use interop_tests::csharp::run_csharp;

/// How many checks CallbacksTests.cs makes (with CallbackSlotsTests.cs and CallbackDirectTests.cs).
const EXPECTED_CHECKS: u32 = 153;

/// How many checks CallbackFieldsTests.cs makes.
const EXPECTED_FIELD_CHECKS: u32 = 42;

const CONFIG: &str = r#"
[csharp]
out-dir = "out"
namespace = "Interop.Conformance"
class = "Conformance"
"#;

#[test]
fn callbacks_pass_on_mono_and_dotnet8() {
    let Some(t) = tools(&["mcs"]) else {
        return;
    };
    let dir = harness::generate(
        "conformance",
        CONFIG,
        &["--features", "callbacks,callback_args,callback_fields"],
    );
    let out = dir.path().join("out");
    let bindings = out.join("Conformance.cs");
    let source = std::fs::read(&bindings).expect("Conformance.cs generated");
    harness::assert_golden("csharp/Conformance-callbacks.cs", &source);

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

    let exe = out.join("CallbacksTests.exe");
    let test_source = harness::tests_dir().join("csharp/CallbacksTests.cs");
    let slots_source = harness::tests_dir().join("csharp/CallbackSlotsTests.cs");
    let direct_source = harness::tests_dir().join("csharp/CallbackDirectTests.cs");
    mcs(
        &t[0],
        &exe,
        "exe",
        &[&test_source, &slots_source, &direct_source, &bindings],
        &[],
    );
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
    // Mono with preemptive suspend, where delegates of static methods get direct entries (ADR 65).
    let stdout = run_csharp(&exe, |cmd| {
        cmd.current_dir(dir.path())
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("RUST_BACKTRACE")
            .env("MONO_THREADS_SUSPEND", "preemptive");
    });
    let (passed, failed) = counts(&stdout).expect("a `N passed, M failed` line");
    assert_eq!(
        (passed, failed),
        (EXPECTED_CHECKS, 0),
        "expected {EXPECTED_CHECKS} passed with MONO_THREADS_SUSPEND=preemptive:\n{stdout}"
    );

    // Closures as record fields (ADR 30), from the same bindings.
    let exe = out.join("CallbackFieldsTests.exe");
    let test_source = harness::tests_dir().join("csharp/CallbackFieldsTests.cs");
    mcs(&t[0], &exe, "exe", &[&test_source, &bindings], &[]);
    let stdout = run_csharp(&exe, |cmd| {
        cmd.current_dir(dir.path())
            .env_remove("LD_LIBRARY_PATH")
            .env_remove("RUST_BACKTRACE");
    });
    print!("{stdout}");
    assert_eq!(
        counts(&stdout),
        Some((EXPECTED_FIELD_CHECKS, 0)),
        "CallbackFieldsTests: expected {EXPECTED_FIELD_CHECKS} passed:\n{stdout}"
    );
}
