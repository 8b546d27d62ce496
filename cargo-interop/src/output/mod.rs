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
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
pub use interop_backends::Contents;

mod compare;
use compare::same_contents;

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
mod tests;
