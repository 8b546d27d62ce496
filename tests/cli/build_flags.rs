//! Build flags passed on to cargo, cargo-style status lines, and paths in Interop.toml resolved
//! against its directory.

use interop_tests::{fixture_manifest, run_cargo_interop};

use super::{assert_error, assert_ok, s, stderr, stdout, temp_dir};

#[test]
fn build_flags_reach_cargo() {
    // cli-no-inventory has no dependencies, so building it in any profile or target dir is cheap; the
    // library path in the (expected) missing-inventory error shows where cargo built it.
    let dir = temp_dir("flags");
    let manifest = fixture_manifest("cli-no-inventory");
    let m = s(&manifest);

    let out = run_cargo_interop(dir.path(), &["inspect", "--release", "--manifest-path", m]);
    assert_error(&out, &["release/libcli_no_inventory.so` does not export"]);

    let target_dir = dir.path().join("custom-target");
    let out = run_cargo_interop(
        dir.path(),
        &[
            "inspect",
            "--manifest-path",
            m,
            "--target-dir",
            s(&target_dir),
        ],
    );
    assert_error(
        &out,
        &["custom-target/debug/libcli_no_inventory.so` does not export"],
    );
    assert!(target_dir.join("debug/libcli_no_inventory.so").is_file());

    let out = run_cargo_interop(
        dir.path(),
        &[
            "inspect",
            "--manifest-path",
            m,
            "--features",
            "no-such-feature",
        ],
    );
    assert_error(
        &out,
        &[
            "no-such-feature",
            "`cargo build` failed for package `cli-no-inventory`",
        ],
    );
}

#[test]
fn status_lines_are_cargo_style() {
    let dir = temp_dir("status");
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, "[c]\nout-dir = \"out\"\n").expect("write Interop.toml");
    let manifest = fixture_manifest("cli-empty");
    let args = [
        "interop",
        "build",
        "--manifest-path",
        s(&manifest),
        "--config",
        s(&cfg),
    ];

    // Not a terminal: plain text, verb right-aligned in 12 columns.
    let out = run_cargo_interop(dir.path(), &args[1..]);
    assert_ok(&out);
    let err = stderr(&out);
    for line in [
        "  Generating C → out/include/cli_empty.h\n",
        "   Packaging ",
        "    Finished C bindings for `cli-empty`",
    ] {
        assert!(err.contains(line), "stderr lacks {line:?}:\n{err}");
    }
    assert!(
        !err.contains('\x1b'),
        "no colors when stderr is not a terminal:\n{err}"
    );

    // CARGO_TERM_COLOR=always: the verb is bold green, like cargo's (`--force`: the outputs are
    // up to date, and a fresh run would not print `Generating`).
    let out = std::process::Command::new(interop_tests::cargo_interop())
        .current_dir(dir.path())
        .args(args)
        .arg("--force")
        .env("CARGO_TERM_COLOR", "always")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run cargo-interop");
    assert_ok(&out);
    let err = stderr(&out);
    assert!(
        err.contains("\x1b[1;32m  Generating\x1b[0m C → out/include/cli_empty.h"),
        "{err:?}"
    );
}

#[test]
fn paths_inside_sections_are_relative_to_interop_toml_not_the_cwd() {
    // Interop.toml lives in `cfg/`; the command runs from elsewhere. The wheel's readme and
    // out-dir must both resolve against `cfg/`.
    let dir = temp_dir("relpaths");
    let cfg_dir = dir.path().join("cfg");
    let cwd = dir.path().join("elsewhere");
    std::fs::create_dir_all(&cfg_dir).expect("mkdir cfg");
    std::fs::create_dir_all(&cwd).expect("mkdir cwd");
    std::fs::write(
        cfg_dir.join("WHEEL-README.md"),
        "# Relative readme marker 7f3a\n",
    )
    .expect("write readme");
    let cfg = cfg_dir.join("Interop.toml");
    std::fs::write(
        &cfg,
        "[python]\nout-dir = \"out\"\n[python.wheel]\nreadme = \"WHEEL-README.md\"\n",
    )
    .expect("write Interop.toml");
    let manifest = fixture_manifest("conformance");
    let out = run_cargo_interop(
        &cwd,
        &[
            "build",
            "--manifest-path",
            s(&manifest),
            "--config",
            s(&cfg),
        ],
    );
    assert_ok(&out);
    let wheel = std::fs::read_dir(cfg_dir.join("out"))
        .expect("out-dir next to Interop.toml")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .expect("a wheel was written");
    // Read METADATA out of the (deflated) wheel with Python's zipfile.
    let metadata = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); \
             print(z.read([n for n in z.namelist() if n.endswith('.dist-info/METADATA')][0]).decode())",
        ])
        .arg(&wheel)
        .output()
        .expect("run python3");
    assert_ok(&metadata);
    assert!(
        stdout(&metadata).contains("Relative readme marker 7f3a"),
        "the wheel's METADATA should embed the readme from Interop.toml's directory:\n{}",
        stdout(&metadata)
    );
}
