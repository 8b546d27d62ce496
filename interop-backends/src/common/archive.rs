//! Deterministic zip archives (NuGet packages, wheels): entries in the order given, fixed timestamps
//! and permissions, deflated; each entry's SHA-256 and length computed while it is streamed in.

use std::io::{Read, Seek, Write};

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::BackendError;

/// What [`DeterministicZip::add`] measured of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDigest {
    pub sha256: [u8; 32],
    pub len: u64,
}

/// A zip being written. Entries keep the order they are added in: sort them first for a canonical
/// archive.
pub struct DeterministicZip<W: Write + Seek> {
    zip: ZipWriter<W>,
    /// What the archive is, for error messages (`the wheel`, `the .nupkg`).
    what: &'static str,
}

impl<W: Write + Seek> DeterministicZip<W> {
    pub fn new(out: W, what: &'static str) -> Self {
        DeterministicZip {
            zip: ZipWriter::new(out),
            what,
        }
    }

    fn err(&self, e: zip::result::ZipError) -> BackendError {
        BackendError::Other(format!("writing {}: {e}", self.what))
    }

    /// Add `name` with the bytes `data` yields (streamed), mode 0755 when `executable`, else 0644.
    pub fn add(
        &mut self,
        name: &str,
        data: &mut dyn Read,
        executable: bool,
    ) -> Result<EntryDigest, BackendError> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::DEFAULT)
            .unix_permissions(if executable { 0o755 } else { 0o644 });
        self.zip
            .start_file(name, options)
            .map_err(|e| self.err(e))?;
        let mut hashing = Hashing {
            inner: &mut self.zip,
            hasher: Sha256::new(),
            len: 0,
        };
        std::io::copy(data, &mut hashing)?;
        Ok(EntryDigest {
            len: hashing.len,
            sha256: hashing.hasher.finalize().into(),
        })
    }

    /// Write the central directory and hand back the output.
    pub fn finish(self) -> Result<W, BackendError> {
        let what = self.what;
        self.zip
            .finish()
            .map_err(|e| BackendError::Other(format!("writing {what}: {e}")))
    }
}

/// A writer that hashes (SHA-256) and counts what goes through it.
struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    len: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    fn build() -> Vec<u8> {
        let mut z = DeterministicZip::new(Cursor::new(Vec::new()), "a test archive");
        let d = z.add("a.txt", &mut &b"hello"[..], false).unwrap();
        assert_eq!(d.len, 5);
        assert_eq!(d.sha256, <[u8; 32]>::from(Sha256::digest(b"hello")));
        z.add("lib/x.so", &mut &b"\x7fELF"[..], true).unwrap();
        z.finish().unwrap().into_inner()
    }

    #[test]
    fn same_entries_same_bytes() {
        assert_eq!(build(), build());
        let mut archive = zip::ZipArchive::new(Cursor::new(build())).unwrap();
        assert_eq!(archive.len(), 2);
        assert_eq!(archive.by_index(1).unwrap().unix_mode(), Some(0o100755));
    }
}
