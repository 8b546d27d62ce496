//! Fingerprints: a no-op build does nothing; every change regenerates.

use std::path::Path;

use interop_tests::run_cargo_interop;

use super::{assert_ok, s, stderr, stdout, temp_dir, write_inventory_crate};

// ---------------------------------------------------------------------------------------------
// Fingerprint: a no-op build does nothing; every change regenerates
// ---------------------------------------------------------------------------------------------

#[test]
fn noop_build_is_fresh_and_every_change_regenerates() {
    let dir = temp_dir("fingerprint");
    write_inventory_crate(dir.path(), "");
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, "[c]\nout-dir = \"out\"\n").expect("write Interop.toml");
    let target = dir.path().join("target");
    let header = dir.path().join("out/include/fp_lib.h");
    let library = dir.path().join("out/lib/libfp_lib.so");
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--target-dir", s(&target)];
        args.extend_from_slice(extra);
        let out = run_cargo_interop(dir.path(), &args);
        assert_ok(&out);
        stderr(&out)
    };
    #[track_caller]
    fn regenerated(err: &str) {
        assert!(
            err.contains("Generating C → out/include/fp_lib.h") && !err.contains("Fresh"),
            "expected a regeneration:\n{err}"
        );
    }
    #[track_caller]
    fn fresh(err: &str) {
        assert!(
            err.contains("       Fresh C bindings for `fp-lib` (3 files up to date)")
                && !err.contains("Generating")
                && !err.contains("Loaded"),
            "expected a fresh no-op:\n{err}"
        );
    }
    let mtime = |p: &Path| {
        std::fs::metadata(p)
            .expect("output")
            .modified()
            .expect("mtime")
    };

    // First build generates and stores the fingerprint under the target dir.
    regenerated(&build(&[]));
    let mut stored: Vec<_> = std::fs::read_dir(target.join("interop"))
        .expect("<target-dir>/interop")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    stored.sort();
    // The fingerprint, and the record of the outputs (for removing stale files later).
    assert!(
        stored.len() == 2
            && stored[0].starts_with("fp-lib-")
            && stored[0].ends_with(".json")
            && stored[1] == stored[0].replace(".json", ".outputs.json"),
        "{stored:?}"
    );

    // No-op: fresh, nothing touched.
    let before = (mtime(&header), mtime(&library));
    fresh(&build(&[]));
    assert_eq!((mtime(&header), mtime(&library)), before);

    // The library's source changes: cargo rebuilds it, the copy is rewritten.
    write_inventory_crate(
        dir.path(),
        "\n#[unsafe(no_mangle)]\npub extern \"C\" fn fp_extra() -> u32 {\n    7\n}\n",
    );
    let err = build(&[]);
    regenerated(&err);
    assert!(
        err.contains("1 written"),
        "the library copy changes:\n{err}"
    );
    assert_eq!(
        std::fs::read(&library).expect("copy"),
        std::fs::read(target.join("debug/libfp_lib.so")).expect("built library")
    );
    fresh(&build(&[]));

    // Interop.toml changes.
    std::fs::write(&cfg, "[c]\nout-dir = \"out\"\nprefix = \"fp_\"\n").expect("edit Interop.toml");
    regenerated(&build(&[]));
    fresh(&build(&[]));

    // An output is deleted: it is written again.
    std::fs::remove_file(&header).expect("delete header");
    regenerated(&build(&[]));
    assert!(header.is_file());
    fresh(&build(&[]));

    // An output is edited: it is restored.
    let good = std::fs::read(&header).expect("header");
    std::fs::write(&header, b"/* edited */\n").expect("edit header");
    let err = build(&[]);
    regenerated(&err);
    assert!(err.contains("1 written, 2 unchanged"), "{err}");
    assert_eq!(std::fs::read(&header).expect("header"), good);
    fresh(&build(&[]));

    // --force regenerates even though nothing changed (and rewrites nothing).
    let err = build(&["--force"]);
    regenerated(&err);
    assert!(err.contains("0 written, 3 unchanged"), "{err}");

    // Other cargo flags (another profile) regenerate; going back regenerates again.
    let err = build(&["--release"]);
    regenerated(&err);
    assert_eq!(
        std::fs::read(&library).expect("copy"),
        std::fs::read(target.join("release/libfp_lib.so")).expect("release library")
    );
    fresh(&build(&["--release"]));
    regenerated(&build(&[]));
    fresh(&build(&[]));
}

#[test]
fn force_is_accepted_and_documented() {
    let dir = temp_dir("force-help");
    let out = run_cargo_interop(dir.path(), &["build", "--help"]);
    assert_ok(&out);
    assert!(stdout(&out).contains("--force"), "{}", stdout(&out));
}
