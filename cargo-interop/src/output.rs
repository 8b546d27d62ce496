//! Writing outputs all-or-nothing: every file goes to a temporary file in its destination directory
//! first; only when all of them were written are they renamed into place. A failure before the renames
//! leaves every previous output untouched.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};
pub use interop_backends::Contents;

/// A file to write at an absolute destination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedFile {
    pub dest: PathBuf,
    /// Bytes to write, or a file to copy (streamed, never read whole).
    pub contents: Contents,
}

/// What [`write_all`] did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or replaced.
    pub written: Vec<PathBuf>,
    /// Files whose existing contents were already identical (left alone, so their mtime is kept).
    pub unchanged: Vec<PathBuf>,
}

/// Check that no two outputs target the same path.
pub fn check_unique(files: &[PlannedFile]) -> Result<()> {
    let mut seen = BTreeMap::new();
    for f in files {
        if seen.insert(&f.dest, ()).is_some() {
            bail!(
                "two outputs would be written to `{}`\n  = help: give each language its own `out-dir` in Interop.toml",
                f.dest.display()
            );
        }
    }
    Ok(())
}

/// Write every file atomically (see the module docs).
pub fn write_all(files: &[PlannedFile]) -> Result<WriteReport> {
    check_unique(files)?;
    let mut report = WriteReport::default();
    let mut staged: Vec<(tempfile::NamedTempFile, &Path)> = Vec::new();
    for f in files {
        if same_contents(&f.dest, &f.contents)? {
            report.unchanged.push(f.dest.clone());
            continue;
        }
        // On error, `staged` is dropped and every temporary file removed: nothing was replaced yet.
        staged.push((stage(f)?, &f.dest));
    }
    for (tmp, dest) in staged {
        tmp.persist(dest)
            .map_err(|e| e.error)
            .with_context(|| format!("cannot write `{}`", dest.display()))?;
        report.written.push(dest.to_path_buf());
    }
    Ok(report)
}

fn stage(f: &PlannedFile) -> Result<tempfile::NamedTempFile> {
    let dir = f.dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create directory `{}`", dir.display()))?;
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
        let r = write_all(std::slice::from_ref(&copy)).unwrap();
        assert_eq!(r.written, vec![dest.clone()]);
        assert_eq!(std::fs::read(&dest).unwrap(), big);
        // Same size and bytes: left alone.
        let r = write_all(std::slice::from_ref(&copy)).unwrap();
        assert_eq!(r.unchanged, vec![dest.clone()]);
        // Same size, one byte different near the end: rewritten.
        let mut edited = big.clone();
        edited[199_990] ^= 1;
        std::fs::write(&src, &edited).unwrap();
        let r = write_all(std::slice::from_ref(&copy)).unwrap();
        assert_eq!(r.written, vec![dest.clone()]);
        assert_eq!(std::fs::read(&dest).unwrap(), edited);
        // A missing source is an error naming it, and leaves the output alone.
        std::fs::remove_file(&src).unwrap();
        let e = write_all(&[copy]).unwrap_err();
        assert!(format!("{e:#}").contains("src.bin"), "{e:#}");
        assert_eq!(std::fs::read(&dest).unwrap(), edited);
    }

    #[test]
    fn writes_and_skips_identical() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("x/a.txt");
        let r = write_all(&[planned(a.clone(), "one")]).unwrap();
        assert_eq!(r.written, vec![a.clone()]);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "one");
        let r = write_all(&[planned(a.clone(), "one")]).unwrap();
        assert_eq!(r.unchanged, vec![a.clone()]);
        let r = write_all(&[planned(a.clone(), "two")]).unwrap();
        assert_eq!(r.written, vec![a.clone()]);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "two");
    }

    #[test]
    fn a_failure_leaves_previous_outputs_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("out/a.txt");
        write_all(&[planned(a.clone(), "old")]).unwrap();
        // `blocker` is a file, so `blocker/b.txt` cannot be created: the whole write must fail.
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let b = dir.path().join("blocker/b.txt");
        let e = write_all(&[planned(a.clone(), "new"), planned(b, "b")]).unwrap_err();
        assert!(format!("{e:#}").contains("blocker"), "{e:#}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "old");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("a.txt")]);
    }

    #[test]
    fn duplicate_destinations_are_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        assert!(write_all(&[planned(a.clone(), "1"), planned(a.clone(), "2")]).is_err());
        assert!(!a.exists());
    }
}
