//! Just enough ELF to find the glibc a shared library needs: the highest `GLIBC_2.N` version it
//! requires in `.gnu.version_r` (the version-needed section, `SHT_GNU_verneed`).

/// `SHT_GNU_verneed`.
const SHT_GNU_VERNEED: u32 = 0x6fff_fffe;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("cannot read the ELF file: {0}")]
pub struct ElfError(&'static str);

/// Random access to the file's bytes: a slice, or a file read piecewise (a shared library can be tens
/// of MB; only its headers and the version sections are needed).
trait Source {
    /// Fill `buf` from offset `at`; `false` when the data ends first.
    fn read_at(&self, at: u64, buf: &mut [u8]) -> bool;
}

impl Source for [u8] {
    fn read_at(&self, at: u64, buf: &mut [u8]) -> bool {
        let Ok(at) = usize::try_from(at) else {
            return false;
        };
        match at.checked_add(buf.len()).and_then(|end| self.get(at..end)) {
            Some(s) => {
                buf.copy_from_slice(s);
                true
            }
            None => false,
        }
    }
}

impl Source for std::cell::RefCell<std::fs::File> {
    fn read_at(&self, at: u64, buf: &mut [u8]) -> bool {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = self.borrow_mut();
        f.seek(SeekFrom::Start(at)).is_ok() && f.read_exact(buf).is_ok()
    }
}

struct Reader<'a, S: Source + ?Sized> {
    data: &'a S,
    is64: bool,
}

impl<S: Source + ?Sized> Reader<'_, S> {
    fn bytes<const N: usize>(&self, at: u64) -> Result<[u8; N], ElfError> {
        at.checked_add(N as u64)
            .ok_or(ElfError("offset out of range"))?;
        let mut out = [0u8; N];
        if self.data.read_at(at, &mut out) {
            Ok(out)
        } else {
            Err(ElfError("truncated file"))
        }
    }
    fn u16(&self, at: u64) -> Result<u16, ElfError> {
        Ok(u16::from_le_bytes(self.bytes(at)?))
    }
    fn u32(&self, at: u64) -> Result<u32, ElfError> {
        Ok(u32::from_le_bytes(self.bytes(at)?))
    }
    /// A word that is 8 bytes in ELF64 and 4 bytes in ELF32.
    fn word(&self, at: u64) -> Result<u64, ElfError> {
        if self.is64 {
            Ok(u64::from_le_bytes(self.bytes(at)?))
        } else {
            Ok(u64::from(self.u32(at)?))
        }
    }
    fn cstr(&self, at: u64) -> Result<String, ElfError> {
        let mut out = Vec::new();
        let mut pos = at;
        loop {
            let b: [u8; 1] = self
                .bytes(pos)
                .map_err(|_| ElfError("unterminated string"))?;
            if b[0] == 0 {
                break;
            }
            out.push(b[0]);
            pos = pos.checked_add(1).ok_or(ElfError("string out of range"))?;
        }
        String::from_utf8(out).map_err(|_| ElfError("non-UTF-8 version name"))
    }
}

struct Section {
    kind: u32,
    offset: u64,
    size: u64,
    link: u32,
    info: u32,
}

/// Every version name the file requires from its dependencies (`GLIBC_2.34`, `GCC_3.0` …).
/// Only little-endian ELF is supported (every platform a manylinux tag exists for except s390x/ppc64).
#[cfg(test)]
pub fn needed_versions(data: &[u8]) -> Result<Vec<String>, ElfError> {
    needed_versions_in(data)
}

/// [`needed_versions`] of a file, reading only the parts it needs.
pub fn needed_versions_of_file(path: &std::path::Path) -> Result<Vec<String>, ElfError> {
    let file = std::fs::File::open(path).map_err(|_| ElfError("cannot open the file"))?;
    needed_versions_in(&std::cell::RefCell::new(file))
}

fn needed_versions_in<S: Source + ?Sized>(data: &S) -> Result<Vec<String>, ElfError> {
    let mut ident = [0u8; 6];
    let have = data.read_at(0, &mut ident);
    if !have && !data.read_at(0, &mut ident[..4]) || ident[..4] != *b"\x7fELF" {
        return Err(ElfError("not an ELF file"));
    }
    let is64 = match have.then_some(ident[4]) {
        Some(1) => false,
        Some(2) => true,
        _ => return Err(ElfError("unknown ELF class")),
    };
    if ident[5] != 1 {
        return Err(ElfError("big-endian ELF is not supported"));
    }
    let r = Reader { data, is64 };
    let (shoff, shentsize, shnum) = if is64 {
        (r.word(0x28)?, r.u16(0x3a)?, r.u16(0x3c)?)
    } else {
        (r.word(0x20)?, r.u16(0x2e)?, r.u16(0x30)?)
    };
    let mut sections = Vec::with_capacity(usize::from(shnum));
    for i in 0..u64::from(shnum) {
        let base = shoff + i * u64::from(shentsize);
        let s = if is64 {
            Section {
                kind: r.u32(base + 4)?,
                offset: r.word(base + 0x18)?,
                size: r.word(base + 0x20)?,
                link: r.u32(base + 0x28)?,
                info: r.u32(base + 0x2c)?,
            }
        } else {
            Section {
                kind: r.u32(base + 4)?,
                offset: r.word(base + 0x10)?,
                size: r.word(base + 0x14)?,
                link: r.u32(base + 0x18)?,
                info: r.u32(base + 0x1c)?,
            }
        };
        sections.push(s);
    }
    let mut names = Vec::new();
    for s in sections.iter().filter(|s| s.kind == SHT_GNU_VERNEED) {
        let strtab = sections
            .get(s.link as usize)
            .ok_or(ElfError("bad string table index"))?;
        let end = s.offset.saturating_add(s.size);
        // Verneed: vn_version u16, vn_cnt u16, vn_file u32, vn_aux u32, vn_next u32.
        let mut need = s.offset;
        for _ in 0..s.info {
            if need >= end {
                return Err(ElfError("version-needed entry out of its section"));
            }
            let count = r.u16(need + 2)?;
            let mut aux = need + u64::from(r.u32(need + 8)?);
            // Vernaux: vna_hash u32, vna_flags u16, vna_other u16, vna_name u32, vna_next u32.
            for _ in 0..count {
                let name = r.cstr(strtab.offset + u64::from(r.u32(aux + 8)?))?;
                names.push(name);
                let next = r.u32(aux + 12)?;
                if next == 0 {
                    break;
                }
                aux += u64::from(next);
            }
            let next = r.u32(need + 12)?;
            if next == 0 {
                break;
            }
            need += u64::from(next);
        }
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// The highest `GLIBC_2.N` the file needs, as `(2, N)`; `None` when it needs no versioned glibc symbol.
#[cfg(test)]
pub fn max_glibc(data: &[u8]) -> Result<Option<(u32, u32)>, ElfError> {
    Ok(max_glibc_of(&needed_versions(data)?))
}

/// [`max_glibc`] of a file, reading only the parts it needs.
pub fn max_glibc_of_file(path: &std::path::Path) -> Result<Option<(u32, u32)>, ElfError> {
    Ok(max_glibc_of(&needed_versions_of_file(path)?))
}

fn max_glibc_of(names: &[String]) -> Option<(u32, u32)> {
    names
        .iter()
        .filter_map(|n| {
            let v = n.strip_prefix("GLIBC_")?;
            let mut parts = v.split('.');
            let major = parts.next()?.parse::<u32>().ok()?;
            let minor = parts.next()?.parse::<u32>().ok()?;
            Some((major, minor))
        })
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_non_elf_input() {
        assert_eq!(max_glibc(b"MZ\x90\x00"), Err(ElfError("not an ELF file")));
        assert_eq!(
            max_glibc(b"\x7fELF\x02\x01"),
            Err(ElfError("truncated file"))
        );
    }

    /// The test binary itself is a glibc ELF file on Linux: it needs some GLIBC_2.N.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn reads_the_running_executable() {
        let exe = std::env::current_exe().unwrap();
        let data = std::fs::read(&exe).unwrap();
        let names = needed_versions(&data).unwrap();
        assert!(names.iter().any(|n| n.starts_with("GLIBC_2.")), "{names:?}");
        let (major, minor) = max_glibc(&data).unwrap().unwrap();
        assert_eq!(major, 2);
        assert!(minor >= 2);
        // Reading the file piecewise finds the same.
        assert_eq!(needed_versions_of_file(&exe).unwrap(), names);
        assert_eq!(max_glibc_of_file(&exe).unwrap(), Some((major, minor)));
    }
}
