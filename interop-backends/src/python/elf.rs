//! Just enough ELF to find the glibc a shared library needs: the highest `GLIBC_2.N` version it
//! requires in `.gnu.version_r` (the version-needed section, `SHT_GNU_verneed`).

/// `SHT_GNU_verneed`.
const SHT_GNU_VERNEED: u32 = 0x6fff_fffe;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("cannot read the ELF file: {0}")]
pub struct ElfError(&'static str);

struct Reader<'a> {
    data: &'a [u8],
    is64: bool,
}

impl Reader<'_> {
    fn bytes<const N: usize>(&self, at: u64) -> Result<[u8; N], ElfError> {
        let at = usize::try_from(at).map_err(|_| ElfError("offset out of range"))?;
        let end = at.checked_add(N).ok_or(ElfError("offset out of range"))?;
        let s = self.data.get(at..end).ok_or(ElfError("truncated file"))?;
        let mut out = [0u8; N];
        out.copy_from_slice(s);
        Ok(out)
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
    fn cstr(&self, at: u64) -> Result<&str, ElfError> {
        let at = usize::try_from(at).map_err(|_| ElfError("offset out of range"))?;
        let rest = self.data.get(at..).ok_or(ElfError("string out of range"))?;
        let len = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or(ElfError("unterminated string"))?;
        std::str::from_utf8(&rest[..len]).map_err(|_| ElfError("non-UTF-8 version name"))
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
pub fn needed_versions(data: &[u8]) -> Result<Vec<String>, ElfError> {
    if data.get(..4) != Some(b"\x7fELF".as_slice()) {
        return Err(ElfError("not an ELF file"));
    }
    let is64 = match data.get(4) {
        Some(1) => false,
        Some(2) => true,
        _ => return Err(ElfError("unknown ELF class")),
    };
    if data.get(5) != Some(&1) {
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
                names.push(name.to_string());
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
pub fn max_glibc(data: &[u8]) -> Result<Option<(u32, u32)>, ElfError> {
    Ok(needed_versions(data)?
        .iter()
        .filter_map(|n| {
            let v = n.strip_prefix("GLIBC_")?;
            let mut parts = v.split('.');
            let major = parts.next()?.parse::<u32>().ok()?;
            let minor = parts.next()?.parse::<u32>().ok()?;
            Some((major, minor))
        })
        .max())
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
        let data = std::fs::read(exe).unwrap();
        let names = needed_versions(&data).unwrap();
        assert!(names.iter().any(|n| n.starts_with("GLIBC_2.")), "{names:?}");
        let (major, minor) = max_glibc(&data).unwrap().unwrap();
        assert_eq!(major, 2);
        assert!(minor >= 2);
    }
}
