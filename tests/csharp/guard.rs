//! The version guard and layout checks (ADR 0017) from C#, on Mono and .NET 8: the bindings refuse a
//! library built from other sources (the fixture with the `strings` feature) at their first use,
//! naming both inventory hashes, and refuse a struct whose C# layout differs from the library's.

use std::path::Path;

use super::{mcs, tools};
use interop_tests as harness;
use interop_tests::csharp::{run_csharp, run_on_each_runtime};

const CONFIG: &str = r#"
[csharp]
out-dir = "out"
namespace = "Interop.Conformance"
class = "Conformance"
"#;

const PROGRAM: &str = r#"
public static class GuardProgram
{
    public static int Main()
    {
        try
        {
            global::Interop.Conformance.Vec2f32 zero = global::Interop.Conformance.Vec2f32.Zero();
            global::System.Console.WriteLine("loaded " + zero.X + " " + global::Interop.Conformance.ConformanceNative.InventoryHash);
            return 0;
        }
        catch (global::System.TypeInitializationException e)
        {
            global::System.Console.WriteLine(e.InnerException.GetType().Name + ": " + e.InnerException.Message);
            return 3;
        }
    }
}
"#;

/// Compile the guard program with `bindings` into `dir/name.exe`.
fn compile(mcs_path: &Path, dir: &Path, name: &str, bindings: &Path) -> std::path::PathBuf {
    let program = dir.join("GuardProgram.cs");
    std::fs::write(&program, PROGRAM).expect("write GuardProgram.cs");
    let exe = dir.join(format!("{name}.exe"));
    mcs(mcs_path, &exe, "exe", &[&program, bindings], &[]);
    exe
}

/// Run `exe` on every runtime; each must exit 3 and print a line containing every one of `needles`.
fn assert_refused(exe: &Path, needles: &[&str]) {
    let runs = run_on_each_runtime(exe, |cmd| {
        cmd.env_remove("LD_LIBRARY_PATH");
    });
    assert!(!runs.is_empty(), "no C# runtime");
    for (runtime, out) in runs {
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(3), "{runtime}: {stdout}");
        for n in needles {
            assert!(stdout.contains(n), "{runtime}: `{n}` not in {stdout}");
        }
    }
}

#[test]
fn the_bindings_refuse_another_library_and_a_tampered_layout() {
    let Some(t) = tools(&["mcs"]) else {
        return;
    };
    let dir = harness::generate("conformance", CONFIG, &[]);
    let out = dir.path().join("out");
    let bindings = out.join("Conformance.cs");
    let text = std::fs::read_to_string(&bindings).expect("Conformance.cs");

    // The library they were generated from loads.
    let exe = compile(&t[0], &out, "Guard", &bindings);
    let stdout = run_csharp(&exe, |cmd| {
        cmd.env_remove("LD_LIBRARY_PATH");
    });
    let hash = stdout
        .trim()
        .rsplit(' ')
        .next()
        .expect("a hash")
        .to_string();
    assert!(stdout.starts_with("loaded 0 "), "{stdout}");
    assert_eq!(hash.len(), 16);

    // The library built with another feature set is refused, naming both hashes.
    let other = super::strings::generated();
    let mismatched = dir.path().join("mismatched");
    std::fs::create_dir_all(&mismatched).expect("mkdir");
    std::fs::copy(
        other.path().join("out/libconformance.so"),
        mismatched.join("libconformance.so"),
    )
    .expect("copy the other library");
    let exe = compile(&t[0], &mismatched, "Guard", &bindings);
    assert_refused(
        &exe,
        &[
            "InvalidOperationException",
            "is not the build these bindings were generated from",
            &format!("expect inventory hash {hash}, the loaded library has "),
        ],
    );

    // A struct edited to another layout is refused with the library it was generated for.
    let tampered_dir = dir.path().join("tampered");
    std::fs::create_dir_all(&tampered_dir).expect("mkdir");
    std::fs::copy(
        out.join("libconformance.so"),
        tampered_dir.join("libconformance.so"),
    )
    .expect("copy the library");
    let field = "        /// The y coordinate.\n        /// </summary>\n        public float Y;";
    assert!(text.contains(field), "Vec2f32.Y is declared as expected");
    let tampered = tampered_dir.join("Conformance.cs");
    std::fs::write(
        &tampered,
        text.replacen(
            field,
            "        /// The y coordinate.\n        /// </summary>\n        public double Y;",
            1,
        ),
    )
    .expect("write the tampered bindings");
    let exe = compile(&t[0], &tampered_dir, "Guard", &tampered);
    assert_refused(
        &exe,
        &[
            "The struct Interop.Conformance.Vec2f32 has size 24 in the bindings and 12 in the library",
        ],
    );
}
