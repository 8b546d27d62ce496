//! Unit tests of the all-or-nothing writer.

use super::*;

fn planned(dest: PathBuf, contents: &str) -> PlannedFile {
    PlannedFile {
        dest,
        contents: Contents::Bytes(contents.as_bytes().to_vec()),
    }
}

#[test]
fn copies_files_and_compares_them_with_the_existing_output() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src.bin");
    let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&src, &big).unwrap();
    let dest = dir.path().join("out/lib/copy.bin");
    let copy = PlannedFile {
        dest: dest.clone(),
        contents: Contents::CopyOf(src.clone()),
    };
    let r = write_all(std::slice::from_ref(&copy), &[]).unwrap();
    assert_eq!(r.written, vec![dest.clone()]);
    assert_eq!(std::fs::read(&dest).unwrap(), big);
    // Same size and bytes: left alone.
    let r = write_all(std::slice::from_ref(&copy), &[]).unwrap();
    assert_eq!(r.unchanged, vec![dest.clone()]);
    // Same size, one byte different near the end: rewritten.
    let mut edited = big.clone();
    edited[199_990] ^= 1;
    std::fs::write(&src, &edited).unwrap();
    let r = write_all(std::slice::from_ref(&copy), &[]).unwrap();
    assert_eq!(r.written, vec![dest.clone()]);
    assert_eq!(std::fs::read(&dest).unwrap(), edited);
    // A missing source is an error naming it, and leaves the output alone.
    std::fs::remove_file(&src).unwrap();
    let e = write_all(&[copy], &[]).unwrap_err();
    assert!(format!("{e:#}").contains("src.bin"), "{e:#}");
    assert_eq!(std::fs::read(&dest).unwrap(), edited);
}

#[test]
fn writes_and_skips_identical() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("x/a.txt");
    let r = write_all(&[planned(a.clone(), "one")], &[]).unwrap();
    assert_eq!(r.written, vec![a.clone()]);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
    let r = write_all(&[planned(a.clone(), "one")], &[]).unwrap();
    assert_eq!(r.unchanged, vec![a.clone()]);
    let r = write_all(&[planned(a.clone(), "two")], &[]).unwrap();
    assert_eq!(r.written, vec![a.clone()]);
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "two");
}

#[test]
fn a_failure_leaves_previous_outputs_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("out/a.txt");
    write_all(&[planned(a.clone(), "old")], &[]).unwrap();
    // `blocker` is a file, so `blocker/b.txt` cannot be created: the whole write must fail.
    std::fs::write(dir.path().join("blocker"), "").unwrap();
    let b = dir.path().join("blocker/b.txt");
    let e = write_all(&[planned(a.clone(), "new"), planned(b, "b")], &[]).unwrap_err();
    assert!(format!("{e:#}").contains("blocker"), "{e:#}");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("a.txt")]);
}

#[test]
fn a_failed_rename_undoes_every_file_already_committed() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("c/a.h");
    let b = dir.path().join("cs/b.cs");
    write_all(
        &[planned(a.clone(), "old a"), planned(b.clone(), "old b")],
        &[],
    )
    .unwrap();
    // A name longer than any file system allows fails at the rename, after `a` and `b` were
    // already replaced and `new/c.txt` created.
    let c = dir.path().join("new/c.txt");
    let long = dir.path().join("py").join("x".repeat(300));
    let e = write_all(
        &[
            planned(a.clone(), "new a"),
            planned(b.clone(), "new b"),
            planned(c.clone(), "c"),
            planned(long, "long"),
        ],
        &[],
    )
    .unwrap_err();
    assert!(format!("{e:#}").contains("nothing was written"), "{e:#}");
    assert_eq!(std::fs::read_to_string(&a).unwrap(), "old a");
    assert_eq!(std::fs::read_to_string(&b).unwrap(), "old b");
    assert!(!c.exists() && !dir.path().join("new").exists());
    assert!(
        !dir.path().join("py").exists(),
        "created directories are removed"
    );
    for sub in ["c", "cs"] {
        let names: Vec<_> = std::fs::read_dir(dir.path().join(sub))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "no temporary or backup file is left: {names:?}"
        );
    }
}

#[test]
fn stale_files_are_removed_with_their_empty_directories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("out");
    let keep = root.join("pkg/__init__.py");
    let gone = root.join("pkg/sub/extra.py");
    let mine = root.join("pkg/NOTES.txt");
    write_all(
        &[planned(keep.clone(), "k"), planned(gone.clone(), "g")],
        &[],
    )
    .unwrap();
    std::fs::write(&mine, "user file").unwrap();
    let stale = StaleFile {
        path: gone.clone(),
        root: root.clone(),
    };
    // A failure after the removal (a name too long to create) puts the stale file back.
    let e = write_all(
        &[
            planned(keep.clone(), "k2"),
            planned(root.join("y".repeat(300)), "x"),
        ],
        std::slice::from_ref(&stale),
    );
    assert!(e.is_err());
    assert_eq!(std::fs::read_to_string(&gone).unwrap(), "g");
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "k");
    // Success: removed, `sub/` pruned, `pkg/` (not empty) and the user's file kept.
    let r = write_all(&[planned(keep.clone(), "k2")], &[stale]).unwrap();
    assert_eq!(r.removed, vec![gone.clone()]);
    assert!(!gone.exists() && !root.join("pkg/sub").exists());
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "user file");
    assert_eq!(std::fs::read_to_string(&keep).unwrap(), "k2");
}

#[test]
fn duplicate_destinations_are_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    assert!(write_all(&[planned(a.clone(), "1"), planned(a.clone(), "2")], &[]).is_err());
    assert!(!a.exists());
}
