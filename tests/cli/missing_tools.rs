//! A machine with only Rust: packages whose tool is missing are skipped with a warning (an error with
//! `--strict`), everything else is written; a runtime-only `dotnet` is never taken for a compiler;
//! `init` writes a configuration that builds on the machine it runs on.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use interop_tests::{csharp, fixture_manifest, rust_only_path};

use super::{CDYLIB, assert_error, assert_ok, build_with, s, stderr, temp_dir, write_crate};

/// examples/hello_world with a copy of its own Interop.toml in `dir` (outputs land in `dir`).
fn hello_world_args(dir: &Path) -> (PathBuf, PathBuf) {
    let root = interop_tests::workspace_root().join("examples/hello_world");
    let cfg = dir.join("Interop.toml");
    std::fs::copy(root.join("Interop.toml"), &cfg).expect("copy Interop.toml");
    (root.join("Cargo.toml"), cfg)
}

/// A PATH with only cargo, rustc and cc, plus the runtime-only .NET 8 `dotnet` when it is installed
/// (the harder case: a `dotnet` that is on PATH but cannot compile).
fn rust_only() -> (tempfile::TempDir, OsString) {
    match csharp::dotnet() {
        Some(dotnet) => rust_only_path(&[("dotnet", &dotnet)]),
        None => rust_only_path(&[]),
    }
}

fn files_under(dir: &Path) -> Vec<String> {
    super::files_in(dir)
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn without_a_csharp_compiler_the_readme_command_writes_everything_else_and_warns() {
    let (_bin, path) = rust_only();
    let dir = temp_dir("rustonly");
    let (manifest, cfg) = hello_world_args(dir.path());
    let out = build_with(dir.path(), &manifest, &cfg, &[], &[("PATH", &path)]);
    assert_ok(&out);
    let err = stderr(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "one warning per skipped package:\n{err}");
    for needle in [
        "skipped the NuGet package",
        "no C# compiler found",
        ".NET SDK",
        "mono-devel",
        "--strict",
    ] {
        assert!(err.contains(needle), "stderr lacks {needle:?}:\n{err}");
    }
    let files = files_under(&dir.path().join("bindings"));
    for expected in [
        "c/include/hello_world.h",
        "c/lib/pkgconfig/hello_world.pc",
        "csharp/InteropClass.cs",
        "csharp/libhello_world.so",
        "python/hello_world/__init__.py",
    ] {
        assert!(
            files.iter().any(|f| f == expected),
            "{expected} not written: {files:?}"
        );
    }
    assert!(files.iter().any(|f| f.ends_with(".whl")), "{files:?}");
    assert!(!files.iter().any(|f| f.ends_with(".nupkg")), "{files:?}");
    // The next build is not "fresh": the package it skipped may be buildable by then.
    let out = build_with(dir.path(), &manifest, &cfg, &[], &[("PATH", &path)]);
    assert_ok(&out);
    assert!(
        stderr(&out).contains("skipped the NuGet package"),
        "{}",
        stderr(&out)
    );

    // --strict: the same situation is an error, before anything is compiled or written.
    let strict_dir = temp_dir("strict");
    let (manifest, cfg) = hello_world_args(strict_dir.path());
    let out = build_with(
        strict_dir.path(),
        &manifest,
        &cfg,
        &["--strict"],
        &[("PATH", &path)],
    );
    assert_error(
        &out,
        &["--strict", "the NuGet package", "no C# compiler found"],
    );
    assert!(!strict_dir.path().join("bindings").exists());
}

#[test]
fn a_runtime_only_dotnet_on_path_is_not_taken_for_a_compiler() {
    let (Some(dotnet), Some(_mcs)) = (csharp::dotnet(), interop_tests::require_tool("mcs")) else {
        return;
    };
    // `dotnet` (runtime only, first on PATH) must be skipped in favour of mcs.
    let bin = temp_dir("dotnet-first");
    std::os::unix::fs::symlink(&dotnet, bin.path().join("dotnet")).expect("symlink dotnet");
    let mut path = OsString::from(bin.path());
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    let dir = temp_dir("runtime-only");
    let (manifest, cfg) = hello_world_args(dir.path());
    let out = build_with(
        dir.path(),
        &manifest,
        &cfg,
        &["--strict"],
        &[("PATH", &path)],
    );
    assert_ok(&out);
    assert!(
        dir.path()
            .join("bindings/csharp/My.Company.HelloWorld.0.1.0.nupkg")
            .is_file(),
        "{}",
        stderr(&out)
    );
    // Named explicitly, a runtime-only dotnet is a missing compiler, said so.
    std::fs::write(
        &cfg,
        format!(
            "[csharp]\nout-dir = \"cs\"\n[csharp.nuget]\ncompiler = \"{}\"\n",
            dotnet.display()
        ),
    )
    .expect("write Interop.toml");
    let out = build_with(dir.path(), &manifest, &cfg, &[], &[("PATH", &path)]);
    assert_ok(&out);
    assert!(stderr(&out).contains("has no .NET SDK"), "{}", stderr(&out));
}

#[test]
fn init_writes_a_config_that_builds_on_the_machine_it_runs_on() {
    let (_bin, path) = rust_only();
    let dir = temp_dir("init-rustonly");
    let cfg = dir.path().join("Interop.toml");
    let manifest = fixture_manifest("cli-empty");
    let out = super::run_with_env(
        dir.path(),
        &["init", "--manifest-path", s(&manifest), "--config", s(&cfg)],
        &[("PATH", &path)],
    );
    assert_ok(&out);
    let text = std::fs::read_to_string(&cfg).expect("Interop.toml written");
    assert!(text.contains("\n# [csharp.nuget]\n"), "{text}");
    assert!(text.contains("no C# compiler found"), "{text}");
    assert!(!text.contains("\n[csharp.nuget]"), "{text}");
    assert!(
        stderr(&out).contains("warning: left the NuGet package off"),
        "{}",
        stderr(&out)
    );
    // It builds here, with --strict, without any warning but the empty inventory's.
    let out = super::run_with_env(
        dir.path(),
        &[
            "build",
            "--strict",
            "--manifest-path",
            s(&manifest),
            "--config",
            s(&cfg),
        ],
        &[("PATH", &path)],
    );
    assert_ok(&out);
    assert!(!stderr(&out).contains("NuGet"), "{}", stderr(&out));

    // With a C# compiler the package is on.
    if interop_tests::require_tool("mcs").is_some() {
        let dir = temp_dir("init-mcs");
        write_crate(dir.path(), "init-mcs", CDYLIB, "");
        let out = super::run_with_env(dir.path(), &["init"], &[]);
        assert_ok(&out);
        let text = std::fs::read_to_string(dir.path().join("Interop.toml")).expect("written");
        assert!(text.contains("\n[csharp.nuget]\n"), "{text}");
    }
}
