//! C# end to end: the conformance fixture through `cargo interop build`, compiled with Mono's `mcs`
//! (`-langversion:7.2 -unsafe -warnaserror`) and run on Mono and on .NET 8 (the same exe, the same
//! output): one test per construct ([`constructs`], tests/csharp/constructs/<Construct>Tests.cs);
//! the NuGet package installed with Debian's `nuget` and consumed by a separate program on both
//! runtimes; golden output; determinism.

use std::path::{Path, PathBuf};
use std::process::Command;

use interop_tests as harness;

mod callback_alias_refs;
mod callback_data_returns;
mod callback_optional_refs;
mod callback_refs;
mod callback_returned_owned;
mod callback_returned_refs;
mod callback_returns;
mod callback_slice_refs;
mod callback_twins;
mod callbacks;
mod constructs;
mod data_enums;
mod feature;
mod generics;
mod guard;
mod optional_views;
mod options_results;
mod ordering;
mod strings;
mod unicode_names;
use interop_tests::csharp::{run_csharp, run_on_each_runtime};

/// The Interop.toml every test here uses.
const CONFIG: &str = r#"
[csharp]
out-dir = "out"
namespace = "Interop.Conformance"
class = "Conformance"

[csharp.nuget]
description = "Conformance fixture bindings & <tests>"
"#;

const PACKAGE: &str = "Interop.Conformance.1.2.3.nupkg";

fn tools(names: &[&str]) -> Option<Vec<PathBuf>> {
    names.iter().map(|n| harness::require_tool(n)).collect()
}

/// Compile C# sources with mcs into `out`.
fn mcs(mcs: &Path, out: &Path, target: &str, sources: &[&Path], refs: &[&Path]) {
    let mut cmd = Command::new(mcs);
    cmd.args(["-langversion:7.2", "-unsafe", "-warnaserror", "-optimize+"])
        .arg(format!("-target:{target}"))
        .arg(format!("-out:{}", out.display()));
    for r in refs {
        cmd.arg(format!("-reference:{}", r.display()));
    }
    cmd.args(sources);
    harness::assert_success(&harness::run(&mut cmd), "mcs");
}

/// The bindings alone compile as a library with the strictest settings, XML docs included (`-doc`);
/// the library and its docs go into `dir`.
fn mcs_library_with_docs(mcs: &Path, bindings: &Path, dir: &Path) {
    let mut cmd = Command::new(mcs);
    cmd.args([
        "-langversion:7.2",
        "-unsafe",
        "-warnaserror",
        "-target:library",
    ])
    .arg(format!("-doc:{}", dir.join("Bindings.xml").display()))
    .arg(format!("-out:{}", dir.join("Bindings.dll").display()))
    .arg(bindings);
    harness::assert_success(&harness::run(&mut cmd), "mcs (bindings as a library)");
}

/// Parse the closing "N passed, M failed" line.
fn counts(stdout: &str) -> Option<(u32, u32)> {
    let line = stdout.lines().rev().find(|l| l.contains(" passed, "))?;
    let mut it = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
}

#[test]
fn nuget_package_installs_and_runs_on_mono_and_dotnet8() {
    let Some(t) = tools(&["mcs", "nuget"]) else {
        return;
    };
    let dir = harness::generate("conformance", CONFIG, &[]);
    let nupkg = dir.path().join("out").join(PACKAGE);
    let bytes = std::fs::read(&nupkg).expect("the .nupkg is written");
    // Entry names are stored uncompressed in the zip: check the layout directly.
    let text = String::from_utf8_lossy(&bytes);
    for entry in [
        "[Content_Types].xml",
        "_rels/.rels",
        "Interop.Conformance.nuspec",
        "lib/netstandard2.0/Interop.Conformance.dll",
        "lib/netstandard2.0/Interop.Conformance.xml",
        "runtimes/linux-x64/native/libconformance.so",
        "package/services/metadata/core-properties/",
    ] {
        assert!(text.contains(entry), "{PACKAGE} lacks `{entry}`");
    }

    // A local feed with only this package; install it like a user would (no cache: the same
    // version may have been installed by an earlier run).
    let feed = dir.path().join("feed");
    std::fs::create_dir_all(&feed).unwrap();
    std::fs::copy(&nupkg, feed.join(PACKAGE)).unwrap();
    let packages = dir.path().join("packages");
    let install = harness::run(
        Command::new(&t[1])
            .args(["install", "Interop.Conformance", "-Source"])
            .arg(&feed)
            .arg("-OutputDirectory")
            .arg(&packages)
            .args(["-NonInteractive", "-NoCache"])
            .stdin(std::process::Stdio::null()),
    );
    harness::assert_success(&install, "nuget install");
    let installed = packages.join("Interop.Conformance.1.2.3");
    let assembly = installed.join("lib/netstandard2.0/Interop.Conformance.dll");
    let xml_doc = installed.join("lib/netstandard2.0/Interop.Conformance.xml");
    let native = installed.join("runtimes/linux-x64/native/libconformance.so");
    for f in [&assembly, &xml_doc, &native] {
        assert!(f.is_file(), "nuget install did not produce {}", f.display());
    }
    let docs = std::fs::read_to_string(&xml_doc).unwrap();
    assert!(
        docs.contains("M:Interop.Conformance.Conformance.MyGameFunction"),
        "the XML documentation describes the API"
    );

    // A consumer compiled against the installed assembly only; the native library is copied from
    // runtimes/linux-x64/native next to the program, as .NET does on publish. Run on Mono and .NET 8.
    let app = dir.path().join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::copy(&assembly, app.join("Interop.Conformance.dll")).unwrap();
    std::fs::copy(&native, app.join("libconformance.so")).unwrap();
    let exe = app.join("Consumer.exe");
    let consumer = harness::tests_dir().join("csharp/Consumer.cs");
    mcs(&t[0], &exe, "exe", &[&consumer], &[&assembly]);
    let stdout = run_csharp(&exe, |cmd| {
        cmd.current_dir(dir.path()).env_remove("LD_LIBRARY_PATH");
    });
    let expected = "my_game_function: (3, 4, 6)\n\
                    my_game_function(null): (2, 4, 6)\n\
                    counter: 42\n\
                    panic: panic in `panic_if`: boom: requested panic\n\
                    max players: 16\n";
    assert_eq!(stdout, expected);

    // Third lookup path: the native library is NOT next to the program but in the installed
    // package's runtimes folder, named by LD_LIBRARY_PATH (Mono and .NET fall back to dlopen).
    let bare = dir.path().join("app-ld-library-path");
    std::fs::create_dir_all(&bare).unwrap();
    std::fs::copy(&assembly, bare.join("Interop.Conformance.dll")).unwrap();
    std::fs::copy(&exe, bare.join("Consumer.exe")).unwrap();
    let bare_exe = bare.join("Consumer.exe");
    for (runtime, without) in run_on_each_runtime(&bare_exe, |cmd| {
        cmd.current_dir(dir.path()).env_remove("LD_LIBRARY_PATH");
    }) {
        assert!(
            !without.status.success(),
            "on {runtime}, without the .so next to it nor LD_LIBRARY_PATH the consumer must not \
             find the library"
        );
        let stderr = String::from_utf8_lossy(&without.stderr);
        assert!(
            stderr.contains("DllNotFoundException"),
            "on {runtime} the failure is the missing library:\n{stderr}"
        );
    }
    let with = run_csharp(&bare_exe, |cmd| {
        cmd.current_dir(dir.path())
            .env("LD_LIBRARY_PATH", native.parent().unwrap());
    });
    assert_eq!(with, expected);
}

#[test]
fn output_is_deterministic() {
    if harness::require_tool("mcs").is_none() {
        return;
    }
    let a = harness::generate("conformance", CONFIG, &[]);
    let b = harness::generate("conformance", CONFIG, &[]);
    for file in ["Conformance.cs", PACKAGE] {
        let x = std::fs::read(a.path().join("out").join(file)).unwrap();
        let y = std::fs::read(b.path().join("out").join(file)).unwrap();
        assert!(x == y, "{file} differs between two builds");
    }
}

#[test]
fn idiomatic_and_rust_naming_and_internal_access_compile() {
    let Some(t) = tools(&["mcs"]) else {
        return;
    };
    let config = r#"
[csharp]
out-dir = "cs"
naming = "rust"
access = "internal"
exception = "ConformancePanic"
"#;
    let dir = harness::generate("conformance", config, &[]);
    // Defaults: namespace from the library name, class = namespace + "Lib".
    let bindings = dir.path().join("cs/ConformanceLib.cs");
    let text = std::fs::read_to_string(&bindings).expect("ConformanceLib.cs generated");
    assert!(text.contains("namespace Conformance\n"));
    assert!(text.contains("internal static unsafe class ConformanceLib"));
    assert!(text.contains("public static uint panic_if(bool should)"));
    assert!(text.contains("internal sealed class ConformancePanic"));
    assert!(
        text.contains("int @class"),
        "keywords are escaped in rust naming too"
    );
    let lib = dir.path().join("Rust.dll");
    let mut cmd = Command::new(&t[0]);
    cmd.args([
        "-langversion:7.2",
        "-unsafe",
        "-warnaserror",
        "-target:library",
    ])
    .arg(format!("-out:{}", lib.display()))
    .arg(&bindings);
    harness::assert_success(&harness::run(&mut cmd), "mcs (rust naming, internal)");
}

#[test]
fn bad_configuration_is_a_clear_error() {
    let config = r#"
[csharp]
out-dir = "cs"
namespace = "Not A Namespace"
"#;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("Interop.toml"), config).unwrap();
    let manifest = harness::fixture_manifest("conformance");
    let out = harness::run_cargo_interop(
        dir.path(),
        &[
            "build",
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--config",
            dir.path().join("Interop.toml").to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("`namespace = \"Not A Namespace\"` in [csharp] is not a valid C# namespace"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn extra_runtimes_and_metadata_go_into_the_package() {
    if harness::require_tool("mcs").is_none() {
        return;
    }
    // Any file stands in for a library built elsewhere: packaging only copies it.
    let stand_in = harness::tests_dir().join("csharp/Consumer.cs");
    let config = format!(
        r#"
[csharp]
out-dir = "out"
namespace = "Interop.Conformance"
class = "Conformance"

[csharp.nuget]
id = "Acme.Conformance"
version = "2.0.0-beta1"
authors = ["Jane Doe <jane@example.com>"]
[csharp.nuget.runtimes]
"win-x64" = "{}"
"#,
        stand_in.display()
    );
    let dir = harness::generate("conformance", &config, &[]);
    let nupkg = dir.path().join("out/Acme.Conformance.2.0.0-beta1.nupkg");
    let bytes = std::fs::read(&nupkg).expect("the .nupkg is named <Id>.<Version>.nupkg");
    let text = String::from_utf8_lossy(&bytes);
    for entry in [
        "Acme.Conformance.nuspec",
        "lib/netstandard2.0/Acme.Conformance.dll",
        "runtimes/linux-x64/native/libconformance.so",
        "runtimes/win-x64/native/Consumer.cs",
    ] {
        assert!(text.contains(entry), "the package lacks `{entry}`");
    }
    if let Some(nuget) = harness::require_tool("nuget") {
        let feed = dir.path().join("feed");
        std::fs::create_dir_all(&feed).unwrap();
        std::fs::copy(&nupkg, feed.join("Acme.Conformance.2.0.0-beta1.nupkg")).unwrap();
        let packages = dir.path().join("packages");
        let install = harness::run(
            Command::new(nuget)
                .args(["install", "Acme.Conformance", "-Prerelease", "-Source"])
                .arg(&feed)
                .arg("-OutputDirectory")
                .arg(&packages)
                .args(["-NonInteractive", "-NoCache"])
                .stdin(std::process::Stdio::null()),
        );
        harness::assert_success(&install, "nuget install (prerelease)");
        let installed = packages.join("Acme.Conformance.2.0.0-beta1");
        assert_eq!(
            std::fs::read(installed.join("runtimes/win-x64/native/Consumer.cs")).unwrap(),
            std::fs::read(&stand_in).unwrap()
        );
        assert!(
            installed
                .join("lib/netstandard2.0/Acme.Conformance.dll")
                .is_file()
        );
    }
}
