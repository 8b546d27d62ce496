//! Building and loading the library: cargo's errors, a library without an inventory, of another
//! schema, that cannot be loaded, or that exports nothing; `init`.

use interop_tests::{fixture_manifest, run_cargo_interop};

use super::{
    CDYLIB, assert_error, assert_ok, build_with, s, stderr, stdout, temp_dir, write_crate,
};

// ---------------------------------------------------------------------------------------------
// Building and loading the library
// ---------------------------------------------------------------------------------------------

#[test]
fn cargo_build_failure_shows_cargo_diagnostics_then_our_error() {
    let dir = temp_dir("buildfail");
    write_crate(
        dir.path(),
        "broken",
        CDYLIB,
        "pub fn broken() -> u32 {\n    \"not a number\"\n}\n",
    );
    std::fs::write(dir.path().join("Interop.toml"), "[c]\n").expect("write Interop.toml");
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(
        &out,
        &[
            // rustc's own diagnostic, rendered by cargo on our stderr
            "error[E0308]: mismatched types",
            "src/lib.rs:2:5",
            // then our one-line summary
            "error: `cargo build` failed for package `broken`",
        ],
    );
    let err = stderr(&out);
    let rustc = err.find("mismatched types").expect("rustc diagnostic");
    let ours = err.find("`cargo build` failed").expect("our error");
    assert!(rustc < ours, "cargo's diagnostics must come first:\n{err}");
    // Nothing was generated.
    assert!(!dir.path().join("bindings").exists());
}

#[test]
fn library_without_inventory_symbol_suggests_a_dependency_that_resolves() {
    let dir = temp_dir("noinv");
    std::fs::write(dir.path().join("Interop.toml"), "[c]\n").expect("write Interop.toml");
    let manifest = fixture_manifest("cli-no-inventory");
    let cfg = dir.path().join("Interop.toml");
    let out = build_with(dir.path(), &manifest, &cfg, &[], &[]);
    assert_error(
        &out,
        &[
            "libcli_no_inventory.so` does not export `interop_inventory`",
            "depend on interop-core",
            "#[ffi]",
        ],
    );
    // interop-core is not on crates.io: a bare version requirement would not resolve.
    let err = stderr(&out);
    assert!(!err.contains("interop-core = \"0."), "{err}");
    let line = err
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("interop-core = {"))
        .unwrap_or_else(|| panic!("no dependency line to copy:\n{err}"));
    // The suggested line, pasted into a crate, resolves (offline: nothing is downloaded).
    let user = temp_dir("noinv-user");
    write_crate(
        user.path(),
        "user-crate",
        &format!("{CDYLIB}\n\n[dependencies]\n{line}"),
        "",
    );
    let resolved = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--offline",
            "--format-version",
            "1",
            "--manifest-path",
        ])
        .arg(user.path().join("Cargo.toml"))
        .output()
        .expect("run cargo metadata");
    assert!(
        resolved.status.success(),
        "`{line}` does not resolve:\n{}",
        String::from_utf8_lossy(&resolved.stderr)
    );
    assert!(String::from_utf8_lossy(&resolved.stdout).contains("\"name\":\"interop-core\""));
}

#[test]
fn schema_version_mismatch_names_both_versions_and_the_fix() {
    let dir = temp_dir("schema");
    let manifest = fixture_manifest("cli-schema-mismatch");
    let out = run_cargo_interop(dir.path(), &["inspect", "--manifest-path", s(&manifest)]);
    let ours = interop_core::model::SCHEMA_VERSION.to_string();
    assert_error(
        &out,
        &[
            "uses inventory schema version 999",
            &format!("this cargo-interop reads schema version {ours}"),
            "update cargo-interop",
        ],
    );
}

#[test]
fn library_that_fails_to_load_reports_the_loader_message() {
    let dir = temp_dir("loadfail");
    // The library links (undefined symbols are allowed in a shared library) but dlopen resolves data
    // relocations eagerly, so loading it fails.
    write_crate(
        dir.path(),
        "loadfail",
        CDYLIB,
        "unsafe extern \"C\" {\n    static interop_cli_test_missing_static: u32;\n}\n\n\
         #[unsafe(no_mangle)]\npub extern \"C\" fn read_missing() -> u32 {\n    \
         unsafe { interop_cli_test_missing_static }\n}\n",
    );
    let out = run_cargo_interop(dir.path(), &["inspect"]);
    assert_error(
        &out,
        &[
            "cannot load `",
            "libloadfail.so",
            "undefined symbol: interop_cli_test_missing_static",
        ],
    );
}

#[test]
fn empty_inventory_is_a_warning() {
    let dir = temp_dir("empty");
    let manifest = fixture_manifest("cli-empty");
    let out = run_cargo_interop(dir.path(), &["inspect", "--manifest-path", s(&manifest)]);
    assert_ok(&out);
    let err = stderr(&out);
    assert!(
        err.contains("warning: ") && err.contains("exports no #[ffi] items"),
        "{err}"
    );
    let table = stdout(&out);
    assert!(table.contains("Functions (0)"), "{table}");

    let out = run_cargo_interop(
        dir.path(),
        &["inspect", "--json", "--manifest-path", s(&manifest)],
    );
    assert_ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("inspect --json");
    assert_eq!(
        json["schema_version"],
        serde_json::json!(interop_core::model::SCHEMA_VERSION)
    );
    assert_eq!(json["functions"], serde_json::json!([]));
}

// ---------------------------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------------------------

#[test]
fn init_writes_a_config_and_refuses_to_overwrite_it() {
    let dir = temp_dir("init");
    write_crate(dir.path(), "hello-init", CDYLIB, "");
    let out = run_cargo_interop(dir.path(), &["init"]);
    assert_ok(&out);
    let path = dir.path().join("Interop.toml");
    let text = std::fs::read_to_string(&path).expect("Interop.toml written");
    for needle in ["[c]", "[csharp]", "[python]", "hello_init.h", "# "] {
        assert!(
            text.contains(needle),
            "Interop.toml lacks {needle:?}:\n{text}"
        );
    }

    std::fs::write(&path, "[c]\n# mine\n").expect("edit");
    let out = run_cargo_interop(dir.path(), &["init"]);
    assert_error(&out, &["Interop.toml already exists; not overwriting it"]);
    assert_eq!(
        std::fs::read_to_string(&path).expect("still there"),
        "[c]\n# mine\n"
    );
}

#[test]
fn init_output_is_a_valid_config() {
    // The config written by init must be accepted by `build` (it gets past config parsing to the
    // package check, which fails here because the crate has no cdylib; init warned about that).
    let dir = temp_dir("initvalid");
    write_crate(
        dir.path(),
        "initvalid",
        "[lib]\ncrate-type = [\"rlib\"]",
        "",
    );
    let out = run_cargo_interop(dir.path(), &["init"]);
    assert_ok(&out);
    assert!(
        stderr(&out).contains("warning: package `initvalid` does not build a C dynamic library"),
        "{}",
        stderr(&out)
    );
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(&out, &["does not build a C dynamic library"]);
    assert!(!stderr(&out).contains("Interop.toml:"), "{}", stderr(&out));
}
