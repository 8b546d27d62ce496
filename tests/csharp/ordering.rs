//! `core::cmp::Ordering` (the conformance fixture's `ordering` feature, ADR 57) from C#: the
//! bindings compile as a library with XML docs, tests/csharp/OrderingTests.cs (comparators as
//! `Func<T, T, int>` lambdas, a `Comparison<T>`, `IComparer<T>.Compare`; any int read by its sign;
//! a returned comparator; `int?`, `int[]` and a record field) runs on Mono and on .NET 8 with the
//! same output, and the generated source matches its golden file.

use std::process::Command;

use super::{counts, mcs, tools};
use interop_tests as harness;
use interop_tests::csharp::run_csharp;

/// How many checks OrderingTests.cs makes.
const EXPECTED_CHECKS: u32 = 38;

const CONFIG: &str = r#"
[csharp]
out-dir = "out"
namespace = "Interop.Conformance"
class = "Conformance"
"#;

#[test]
fn ordering_passes_on_mono_and_dotnet8() {
    let Some(t) = tools(&["mcs"]) else {
        return;
    };
    let dir = harness::generate("conformance", CONFIG, &["--features", "ordering"]);
    let out = dir.path().join("out");
    let bindings = out.join("Conformance.cs");
    let source = std::fs::read(&bindings).expect("Conformance.cs generated");
    harness::assert_golden("csharp/Conformance-ordering.cs", &source);

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

    let exe = out.join("OrderingTests.exe");
    let test_source = harness::tests_dir().join("csharp/OrderingTests.cs");
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
