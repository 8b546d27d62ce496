//! Writing outputs all-or-nothing, across every language of a run.
//!
//! 1. *Stage*: every new or changed file is written to a temporary file in its destination directory
//!    (directories are created as needed). A failure here removes the temporary files and the
//!    directories created, and nothing else was touched.
//! 2. *Commit*: each existing destination is kept under a backup name (a hard link, or a rename where
//!    links are not possible), then the temporary file is renamed over it; files an earlier run wrote
//!    and this run no longer produces are moved to backup names too. If any step fails (a name too
//!    long for the file system, a disk error …), everything done so far is undone in reverse order:
//!    every output directory is exactly as before.
//! 3. *Clean up*: the backups are deleted, and directories left empty by removed files.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
pub use interop_backends::Contents;

/// Test hook: when set, committing the output whose file name equals its value fails, as if the
/// file system had refused the rename (the per-language rollback tests use it).
pub const FAIL_WRITE_ENV: &str = "__CARGO_INTEROP_TEST_FAIL_WRITE";

/// A file to write at an absolute destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub dest: PathBuf,
    /// Bytes to write, or a file to copy (streamed, never read whole).
    pub contents: Contents,
}

/// A file an earlier run wrote that this run no longer produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleFile {
    pub path: PathBuf,
    /// Empty parent directories are removed up to (not including) this directory.
    pub root: PathBuf,
}

/// What [`write_all`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced.
    pub written: Vec<PathBuf>,
    /// Files whose existing contents were already identical (left alone, so their mtime is kept).
    pub unchanged: Vec<PathBuf>,
    /// Stale files removed.
    pub removed: Vec<PathBuf>,
}

/// Check that no two outputs target the same path.
pub fn check_unique(files: &[PlannedFile]) -> Result<()> {
    let mut seen = BTreeSet::new();
    for f in files {
        if !seen.insert(&f.dest) {
            bail!(
                "two outputs would be written to `{}`\n  = help: give each language its own `out-dir` in Interop.toml",
                f.dest.display()
            );
        }
    }
    Ok(())
}

/// True when `dest` already holds exactly `contents` (it would be left alone).
pub fn is_unchanged(dest: &Path, contents: &Contents) -> Result<bool> {
    same_contents(dest, contents)
}

/// One step of the commit, remembered so that it can be undone.
enum Done {
    /// `dest` was created (there was no file before).
    Created(PathBuf),
    /// `dest` was replaced; the old file is at `backup`.
    Replaced {
        dest: PathBuf,
        backup: tempfile::TempPath,
    },
    /// A stale file was moved to `backup`.
    Removed {
        path: PathBuf,
        backup: tempfile::TempPath,
    },
}

/// Write every file and remove every stale file, all-or-nothing (see the module docs).
pub fn write_all(files: &[PlannedFile], stale: &[StaleFile]) -> Result<WriteReport> {
    check_unique(files)?;
    let mut report = WriteReport::default();
    let mut created_dirs: Vec<PathBuf> = Vec::new();
    let mut staged: Vec<(tempfile::NamedTempFile, &Path)> = Vec::new();
    for f in files {
        let outcome = same_contents(&f.dest, &f.contents).and_then(|same| {
            if same {
                report.unchanged.push(f.dest.clone());
                Ok(())
            } else {
                stage(f, &mut created_dirs).map(|tmp| staged.push((tmp, &f.dest)))
            }
        });
        if let Err(e) = outcome {
            // Dropping `staged` removes the temporary files; nothing was replaced yet.
            drop(staged);
            remove_empty_dirs(&created_dirs);
            return Err(e);
        }
    }
    let fail_on = std::env::var_os(FAIL_WRITE_ENV);
    let mut done: Vec<Done> = Vec::new();
    let mut result = Ok(());
    for s in stale {
        if let Err(e) = remove_stale(&s.path, &mut done) {
            result = Err(e);
            break;
        }
    }
    if result.is_ok() {
        for (tmp, dest) in staged {
            if let Err(e) = commit_file(tmp, dest, fail_on.as_deref(), &mut done) {
                result = Err(e);
                break;
            }
        }
    }
    if let Err(e) = result {
        let undo_errors = rollback(done);
        remove_empty_dirs(&created_dirs);
        if undo_errors.is_empty() {
            return Err(e.context("nothing was written: every output is as it was before"));
        }
        return Err(e.context(format!(
            "restoring the previous outputs also failed: {}",
            undo_errors.join("; ")
        )));
    }
    // Committed: forget the backups (deleted when dropped) and prune emptied directories.
    for step in done {
        match step {
            Done::Created(dest) | Done::Replaced { dest, .. } => report.written.push(dest),
            Done::Removed { path, .. } => report.removed.push(path),
        }
    }
    for s in stale {
        if report.removed.contains(&s.path) {
            prune_parents(&s.path, &s.root);
        }
    }
    Ok(report)
}

/// Move `tmp` to `dest`, keeping the previous `dest` as a backup.
fn commit_file(
    tmp: tempfile::NamedTempFile,
    dest: &Path,
    fail_on: Option<&std::ffi::OsStr>,
    done: &mut Vec<Done>,
) -> Result<()> {
    let backup = if dest.exists() {
        Some(backup_of(dest)?)
    } else {
        None
    };
    let injected = fail_on.is_some_and(|name| dest.file_name() == Some(name));
    let persisted = if injected {
        Err(std::io::Error::other(format!(
            "injected failure ({FAIL_WRITE_ENV})"
        )))
    } else {
        tmp.persist(dest).map(drop).map_err(|e| e.error)
    };
    match (persisted, backup) {
        (Ok(()), Some(backup)) => done.push(Done::Replaced {
            dest: dest.to_path_buf(),
            backup,
        }),
        (Ok(()), None) => done.push(Done::Created(dest.to_path_buf())),
        (Err(e), backup) => {
            // The previous file is still at `dest` (a link was made) or must be moved back.
            if let Some(backup) = backup
                && !dest.exists()
            {
                let _ = std::fs::rename(&backup, dest);
            }
            return Err(e).with_context(|| format!("cannot write `{}`", dest.display()));
        }
    }
    Ok(())
}

/// A backup of `dest` under a fresh name in its directory: a hard link (so `dest` never disappears),
/// else a rename.
fn backup_of(dest: &Path) -> Result<tempfile::TempPath> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let backup = tempfile::Builder::new()
        .prefix(".interop-old-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a backup file in `{}`", dir.display()))?
        .into_temp_path();
    std::fs::remove_file(&backup)
        .and_then(|()| std::fs::hard_link(dest, &backup))
        .or_else(|_| std::fs::rename(dest, &backup))
        .with_context(|| format!("cannot keep a backup of `{}`", dest.display()))?;
    Ok(backup)
}

/// Move a stale file to a backup name (deleted on commit, moved back on rollback).
fn remove_stale(path: &Path, done: &mut Vec<Done>) -> Result<()> {
    if !path.is_file() {
        return Ok(());
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    let backup = tempfile::Builder::new()
        .prefix(".interop-old-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot remove `{}`", path.display()))?
        .into_temp_path();
    std::fs::rename(path, &backup)
        .with_context(|| format!("cannot remove `{}`", path.display()))?;
    done.push(Done::Removed {
        path: path.to_path_buf(),
        backup,
    });
    Ok(())
}

/// Undo committed steps in reverse order; the errors of steps that could not be undone.
fn rollback(done: Vec<Done>) -> Vec<String> {
    let mut errors = Vec::new();
    for step in done.into_iter().rev() {
        let (what, r) = match step {
            Done::Created(dest) => (dest.clone(), std::fs::remove_file(&dest)),
            Done::Replaced { dest, backup } => (dest.clone(), std::fs::rename(&backup, &dest)),
            Done::Removed { path, backup } => (path.clone(), std::fs::rename(&backup, &path)),
        };
        if let Err(e) = r {
            errors.push(format!("`{}`: {e}", what.display()));
        }
    }
    errors
}

/// Remove directories this run created, deepest first, when they are empty.
fn remove_empty_dirs(created: &[PathBuf]) {
    for dir in created.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// Remove the parents of a removed file that are now empty, below `root`.
fn prune_parents(file: &Path, root: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == root || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Create `dir` and its missing parents, recording the ones created (outermost first).
fn create_dirs(dir: &Path, created: &mut Vec<PathBuf>) -> Result<()> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.exists()).collect();
    for d in missing.into_iter().rev() {
        match std::fs::create_dir(d) {
            Ok(()) => created.push(d.to_path_buf()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot create directory `{}`", d.display()));
            }
        }
    }
    if !dir.is_dir() {
        return Err(anyhow!(
            "cannot create directory `{}`: a file is in the way",
            dir.display()
        ));
    }
    Ok(())
}

fn stage(f: &PlannedFile, created: &mut Vec<PathBuf>) -> Result<tempfile::NamedTempFile> {
    let dir = f.dest.parent().unwrap_or(Path::new("."));
    create_dirs(dir, created)?;
    if f.dest.is_dir() {
        bail!(
            "cannot write `{}`: a directory is in the way",
            f.dest.display()
        );
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".interop-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in `{}`", dir.display()))?;
    match &f.contents {
        Contents::Bytes(bytes) => tmp
            .write_all(bytes)
            .and_then(|()| tmp.flush())
            .with_context(|| format!("cannot write a temporary file in `{}`", dir.display()))?,
        Contents::CopyOf(source) => {
            let mut from = std::fs::File::open(source)
                .with_context(|| format!("cannot read `{}`", source.display()))?;
            std::io::copy(&mut from, tmp.as_file_mut())
                .and_then(|_| tmp.flush())
                .with_context(|| {
                    format!(
                        "cannot copy `{}` to a temporary file in `{}`",
                        source.display(),
                        dir.display()
                    )
                })?;
        }
    }
    set_mode(tmp.as_file(), &f.dest)?;
    Ok(tmp)
}

/// True when `dest` exists with exactly `contents`: sizes first, then the bytes, streamed in chunks.
fn same_contents(dest: &Path, contents: &Contents) -> Result<bool> {
    let Ok(meta) = std::fs::metadata(dest) else {
        return Ok(false);
    };
    if !meta.is_file() {
        return Ok(false);
    }
    let len = contents.len().context("cannot read an output's source")?;
    if meta.len() != len {
        return Ok(false);
    }
    let Ok(old) = std::fs::File::open(dest) else {
        return Ok(false);
    };
    let new = contents.open().context("cannot read an output's source")?;
    Ok(same_stream(std::io::BufReader::new(old), new).unwrap_or(false))
}

/// Compare two readers chunk by chunk.
fn same_stream(mut a: impl Read, mut b: impl Read) -> std::io::Result<bool> {
    let mut buf_a = vec![0u8; 1 << 16];
    let mut buf_b = vec![0u8; 1 << 16];
    loop {
        let n = read_full(&mut a, &mut buf_a)?;
        let m = read_full(&mut b, &mut buf_b)?;
        if n != m || buf_a[..n] != buf_b[..m] {
            return Ok(false);
        }
        if n == 0 {
            return Ok(true);
        }
    }
}

/// Read until `buf` is full or the reader ends; the number of bytes read.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(unix)]
fn set_mode(file: &std::fs::File, dest: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // Temporary files are created 0600; outputs get the usual modes (shared libraries executable).
    let shared_lib = dest
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with(".so") || n.contains(".so.") || n.ends_with(".dylib"));
    let mode = if shared_lib { 0o755 } else { 0o644 };
    file.set_permissions(std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("cannot set the permissions of `{}`", dest.display()))
}

#[cfg(not(unix))]
fn set_mode(_file: &std::fs::File, _dest: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
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
}
