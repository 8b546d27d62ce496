//! `-q/--quiet` and `-v/--verbose` on every command, as cargo has them.

use interop_tests::{fixture_manifest, run_cargo_interop};

use super::{assert_ok, s, stderr, stdout, temp_dir};

#[test]
fn quiet_and_verbose_on_every_command() {
    let dir = temp_dir("verbosity");
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, "[c]\nout-dir = \"out\"\n").expect("write Interop.toml");
    let manifest = fixture_manifest("cli-empty");
    let m = s(&manifest);
    let c = s(&cfg);
    let run = |args: &[&str]| {
        let out = run_cargo_interop(dir.path(), args);
        assert_ok(&out);
        out
    };

    // -q: nothing on stderr, neither ours (status, warnings) nor cargo's.
    for args in [
        &["build", "-q", "--manifest-path", m, "--config", c][..],
        &[
            "--quiet",
            "build",
            "--force",
            "--manifest-path",
            m,
            "--config",
            c,
        ],
        &["check", "-q", "--manifest-path", m, "--config", c],
    ] {
        let out = run(args);
        assert_eq!(stderr(&out), "", "{args:?}");
    }
    let out = run(&["inspect", "-q", "--manifest-path", m]);
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains("Functions (0)"),
        "the answer is still printed"
    );

    // -v: what happens to each file and why, and cargo's own verbose lines.
    let out = run(&["build", "-v", "--manifest-path", m, "--config", c]);
    let err = stderr(&out);
    assert!(err.contains("      Config "), "{err}");
    assert!(
        err.contains("       Fresh cli-empty"),
        "cargo -v lists fresh units:\n{err}"
    );
    let out = run(&[
        "-v",
        "build",
        "--force",
        "--manifest-path",
        m,
        "--config",
        c,
    ]);
    let err = stderr(&out);
    assert!(
        err.contains("   Unchanged ") && err.contains("out/include/cli_empty.h"),
        "{err}"
    );
    std::fs::remove_file(dir.path().join("out/include/cli_empty.h")).expect("delete header");
    let out = run(&["build", "-v", "--manifest-path", m, "--config", c]);
    let err = stderr(&out);
    assert!(
        err.contains("       Dirty `cli-empty` bindings: `"),
        "{err}"
    );
    assert!(
        err.contains("     Writing ") && err.contains("cli_empty.h"),
        "{err}"
    );
    let out = run(&["check", "-v", "--manifest-path", m, "--config", c]);
    assert!(stderr(&out).contains("   Unchanged "), "{}", stderr(&out));

    // init takes them too.
    let init_cfg = dir.path().join("init/Interop.toml");
    std::fs::create_dir_all(init_cfg.parent().unwrap()).expect("mkdir");
    let out = run(&["init", "-q", "--manifest-path", m, "--config", s(&init_cfg)]);
    assert_eq!(stderr(&out), "");
    assert!(init_cfg.is_file());

    // Both at once is a usage error, like cargo's.
    let out = run_cargo_interop(dir.path(), &["build", "-q", "-v"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
