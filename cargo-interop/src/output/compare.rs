//! Is an existing output already what a build would write? Sizes first, then the bytes, streamed.

use std::io::Read;
use std::path::Path;

use anyhow::{Context as _, Result};

use super::Contents;

/// True when `dest` exists with exactly `contents`: sizes first, then the bytes, streamed in chunks.
pub(super) fn same_contents(dest: &Path, contents: &Contents) -> Result<bool> {
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
