//! `cargo interop check`: regenerate in memory, compare with the disk, never write.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use interop_tests::run_cargo_interop;

use super::{assert_ok, s, stderr, stdout, temp_dir, write_inventory_crate};

/// Every file under `dir` with its bytes and mtime.
fn state(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    super::files_in(dir)
        .into_iter()
        .map(|rel| {
            let path = dir.join(&rel);
            let mtime = std::fs::metadata(&path).and_then(|m| m.modified());
            let bytes = std::fs::read(&path).expect("read");
            (rel, bytes, mtime.expect("mtime"))
        })
        .collect()
}

#[test]
fn check_is_0_after_a_build_and_1_after_a_change_and_never_writes() {
    let dir = temp_dir("check");
    write_inventory_crate(dir.path(), "");
    std::fs::write(
        dir.path().join("Interop.toml"),
        "[c]\nout-dir = \"out/c\"\n\n[python]\nout-dir = \"out/py\"\n",
    )
    .expect("write Interop.toml");
    let target = dir.path().join("target");
    let t = s(&target);
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--target-dir", t];
        args.extend_from_slice(extra);
        run_cargo_interop(dir.path(), &args)
    };

    // Nothing built yet: every file is missing.
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("missing  out/c/include/fp_lib.h"),
        "{}",
        stdout(&out)
    );
    assert!(!dir.path().join("out").exists(), "check wrote outputs");

    let out = run_cargo_interop(dir.path(), &["build", "--target-dir", t]);
    assert_ok(&out);
    let out = check(&[]);
    assert_ok(&out);
    assert!(
        stderr(&out).contains("Checked C, Python bindings for `fp-lib`:")
            && stderr(&out).contains("files up to date"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");

    // The library's source changes: the library (and its copies) differ.
    let outputs = state(&dir.path().join("out"));
    let records = state(&target.join("interop"));
    write_inventory_crate(
        dir.path(),
        "\n#[unsafe(no_mangle)]\npub extern \"C\" fn fp_checked() -> u32 {\n    7\n}\n",
    );
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let listed = stdout(&out);
    assert!(
        listed.contains("changed  out/c/lib/libfp_lib.so"),
        "{listed}"
    );
    assert!(
        listed.contains("changed  out/py/fp_lib/libfp_lib.so"),
        "{listed}"
    );
    assert!(
        !listed.contains("fp_lib.h"),
        "the header did not change:\n{listed}"
    );
    assert!(
        stderr(&out).contains("error: ") && stderr(&out).contains("run `cargo interop build`"),
        "{}",
        stderr(&out)
    );
    // Never writes: outputs, fingerprint and the record of outputs are untouched.
    assert_eq!(state(&dir.path().join("out")), outputs);
    assert_eq!(state(&target.join("interop")), records);

    // A build brings them up to date again.
    assert_ok(&run_cargo_interop(
        dir.path(),
        &["build", "--target-dir", t],
    ));
    assert_ok(&check(&[]));

    // An edited text file: listed, and with --diff a unified diff.
    let header = dir.path().join("out/c/include/fp_lib.h");
    let good = std::fs::read_to_string(&header).expect("header");
    let first = good.lines().next().expect("a first line").to_string();
    std::fs::write(&header, good.replacen(&first, "/* edited */", 1)).expect("edit");
    let out = check(&["--diff"]);
    assert_eq!(out.status.code(), Some(1));
    let diff = stdout(&out);
    assert!(
        diff.contains("--- a/out/c/include/fp_lib.h\n+++ b/out/c/include/fp_lib.h\n"),
        "{diff}"
    );
    assert!(
        diff.contains("\n-/* edited */\n") && diff.contains(&format!("\n+{first}\n")),
        "{diff}"
    );
    std::fs::write(&header, &good).expect("restore");

    // A file an earlier build wrote that a build would now remove: `stale`.
    std::fs::write(
        dir.path().join("Interop.toml"),
        "[c]\nout-dir = \"out/c\"\n",
    )
    .expect("edit");
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("stale    out/py/fp_lib/_raw.py"),
        "{}",
        stdout(&out)
    );
}
