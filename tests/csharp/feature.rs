//! One fixture feature's C# program (tests/csharp/<Program>.cs) on Mono and .NET 8, with the
//! feature's bindings compared with their golden file.

use std::process::Command;

use super::{counts, mcs, tools};
use interop_tests as harness;
use interop_tests::csharp::run_csharp;

const CONFIG: &str = r#"
[csharp]
out-dir = "out"
namespace = "Interop.Conformance"
class = "Conformance"
"#;

/// The C# bindings (and library) of the fixture built with `features`.
pub fn generate(features: &str) -> tempfile::TempDir {
    harness::generate("conformance", CONFIG, &["--features", features])
}

/// Generate the bindings of the fixture built with `features`,
/// compare them with `tests/golden/csharp/Conformance-<name>.cs`, compile them as a library with XML
/// docs, then compile `tests/csharp/<program>.cs` with them and run it on Mono and .NET 8: it must
/// print `<expected> passed, 0 failed`.
pub fn feature_program_passes(name: &str, features: &str, program: &str, expected: u32) {
    let Some(t) = tools(&["mcs"]) else {
        return;
    };
    let dir = generate(features);
    let out = dir.path().join("out");
    let bindings = out.join("Conformance.cs");
    let source = std::fs::read(&bindings).expect("Conformance.cs generated");
    harness::assert_golden(&format!("csharp/Conformance-{name}.cs"), &source);

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

    let exe = out.join(format!("{program}.exe"));
    let test_source = harness::tests_dir().join(format!("csharp/{program}.cs"));
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
        (expected, 0),
        "expected {expected} passed:\n{stdout}"
    );
}
