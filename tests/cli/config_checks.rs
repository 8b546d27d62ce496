//! What `cargo interop build` reports before compiling: every backend's configuration errors, and a
//! profile that aborts on panic.

use std::path::Path;

use super::{
    CDYLIB, assert_error, assert_ok, stderr, temp_dir, write_crate, write_inventory_crate,
};
use interop_tests::run_cargo_interop;

#[test]
fn backend_configuration_errors_come_before_cargo_build_all_together() {
    // The crate does not even compile: the configuration errors must be reported first (and alone).
    let dir = temp_dir("configfirst");
    write_crate(
        dir.path(),
        "configfirst",
        CDYLIB,
        "pub fn broken() -> u32 {\n    \"not a number\"\n}\n",
    );
    std::fs::write(
        dir.path().join("Interop.toml"),
        "[c]\nheader = \"include/x.h\"\n\n[csharp]\nnamespace = \"Not A Namespace\"\n\n\
         [csharp.nuget]\nversion = \"1.2\"\n\n[python]\npackage = \"not-valid\"\n",
    )
    .expect("write Interop.toml");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(
        &out,
        &[
            "Interop.toml: 3 configuration errors",
            "[c] header = \"include/x.h\" must be a plain file name",
            "`namespace = \"Not A Namespace\"` in [csharp] is not a valid C# namespace",
            "[python] package = \"not-valid\" is not a valid Python import name",
        ],
    );
    let err = stderr(&out);
    assert!(
        !err.contains("Compiling") && !err.contains("mismatched types"),
        "cargo build ran before the configuration was checked:\n{err}"
    );

    // The NuGet settings are checked too, once the namespace is fine.
    std::fs::write(
        dir.path().join("Interop.toml"),
        "[csharp]\nnamespace = \"Fine\"\n\n[csharp.nuget]\nversion = \"1.2\"\n",
    )
    .expect("write Interop.toml");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(&out, &["NuGet version `1.2` is not SemVer"]);
    assert!(!stderr(&out).contains("Compiling"), "{}", stderr(&out));

    std::fs::write(
        dir.path().join("Interop.toml"),
        "[csharp.nuget]\ncompiler = \"javac\"\n[csharp]\n",
    )
    .expect("write Interop.toml");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(&out, &["`compiler = \"javac\"` in [csharp.nuget]"]);
    assert!(!stderr(&out).contains("Compiling"), "{}", stderr(&out));
}

/// The inventory crate with extra lines in its Cargo.toml (profiles), and `[c]` configured.
fn write_profile_crate(dir: &Path, profiles: &str) {
    write_inventory_crate(dir, "");
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).expect("Cargo.toml");
    std::fs::write(&manifest, format!("{text}\n{profiles}")).expect("write Cargo.toml");
    std::fs::write(dir.join("Interop.toml"), "[c]\nout-dir = \"out\"\n").expect("Interop.toml");
}

#[test]
fn panic_abort_in_the_active_profile_is_a_warning_naming_it() {
    let dir = temp_dir("abort");
    write_profile_crate(
        dir.path(),
        "[profile.dev]\npanic = \"abort\"\n\n[profile.dist]\ninherits = \"release\"\n\n\
         [profile.release]\npanic = \"abort\"\n\n[profile.unwinding]\ninherits = \"release\"\npanic = \"unwind\"\n",
    );
    let build = |args: &[&str]| {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = run_cargo_interop(dir.path(), &all);
        assert_ok(&out);
        stderr(&out)
    };
    let err = build(&[]);
    assert!(
        err.contains("warning: profile `dev` has `panic = \"abort\"` (Cargo.toml)")
            && err.contains("RustPanicException")
            && err.contains("remove `panic = \"abort\"` from [profile.dev]"),
        "{err}"
    );
    let err = build(&["--profile", "dist"]);
    assert!(
        err.contains(
            "warning: profile `dist` has `panic = \"abort\"` (Cargo.toml, inherited from profile `release`)"
        ),
        "{err}"
    );
    let err = build(&["--profile", "unwinding"]);
    assert!(!err.contains("panic = \"abort\""), "{err}");
}

#[test]
fn panic_abort_from_the_environment_or_rustflags_is_a_warning_too() {
    let dir = temp_dir("abortenv");
    write_profile_crate(dir.path(), "");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_ok(&out);
    assert!(
        !stderr(&out).contains("panic = \"abort\""),
        "{}",
        stderr(&out)
    );
    let out = super::run_with_env(
        dir.path(),
        &["build", "--release"],
        &[("CARGO_PROFILE_RELEASE_PANIC", "abort".as_ref())],
    );
    assert_ok(&out);
    assert!(
        stderr(&out).contains(
            "warning: profile `release` has `panic = \"abort\"` (CARGO_PROFILE_RELEASE_PANIC)"
        ),
        "{}",
        stderr(&out)
    );
    // A cargo config file in the directory the command runs from.
    std::fs::create_dir_all(dir.path().join(".cargo")).expect("mkdir .cargo");
    std::fs::write(
        dir.path().join(".cargo/config.toml"),
        "[profile.dev]\npanic = \"abort\"\n",
    )
    .expect("write config.toml");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_ok(&out);
    assert!(
        stderr(&out)
            .contains("warning: profile `dev` has `panic = \"abort\"` (.cargo/config.toml)"),
        "{}",
        stderr(&out)
    );
}
