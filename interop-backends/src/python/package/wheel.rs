//! The wheel (PEP 427): a zip with the package, the native library and `<dist>-<version>.dist-info`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{Seek, Write};
use std::path::Path;

use askama::Template;
use base64::Engine;

use super::{elf, pep440};
use crate::common::archive::DeterministicZip;
use crate::python::WheelConfig;
use crate::{BackendError, Contents, OutputFile, PackageInfo};

/// The metadata that goes into `METADATA`.
#[derive(Debug, Clone, Template)]
#[template(path = "python/package/metadata.txt", escape = "none")]
pub struct Metadata {
    /// Distribution name as given (`Name:`).
    pub name: String,
    pub version: String,
    pub summary: Option<String>,
    pub license: Option<String>,
    /// `Author:` (names without an email address).
    pub author: Option<String>,
    /// `Author-email:` (`Name <address>` entries).
    pub author_email: Option<String>,
    pub requires_python: String,
    pub project_urls: BTreeMap<String, String>,
    /// `(content type, text)` of the long description.
    pub description: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "python/package/wheel.txt", escape = "none")]
struct WheelFile<'a> {
    generator_version: &'a str,
    tag: &'a str,
}

/// A header value on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Metadata {
    pub fn from_config(cfg: &WheelConfig, pkg: &PackageInfo) -> Result<Self, BackendError> {
        let name = cfg.name.clone().unwrap_or_else(|| pkg.name.clone());
        if !valid_dist_name(&name) {
            return Err(BackendError::Unsupported(format!(
                "`{name}` is not a valid Python distribution name (PEP 508: letters, digits, `-`, `_`, `.`, \
                 starting and ending with a letter or digit); set [python.wheel] name"
            )));
        }
        let version = pep440::wheel_version(cfg, &pkg.version)?;
        let requires_python = pep440::requires_python(&cfg.requires_python)?;
        let mut project_urls = cfg.project_urls.clone();
        if project_urls.is_empty() {
            if let Some(h) = &pkg.homepage {
                project_urls.insert("Homepage".into(), h.clone());
            }
            if let Some(r) = &pkg.repository {
                project_urls.insert("Repository".into(), r.clone());
            }
        }
        let readme = pkg.readme_or(cfg.readme.as_deref(), "[python.wheel] readme")?;
        let description = readme.map(|(path, text)| {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_ascii_lowercase();
            let content_type = match ext.as_str() {
                "md" | "markdown" => "text/markdown; charset=UTF-8",
                "rst" => "text/x-rst; charset=UTF-8",
                _ => "text/plain; charset=UTF-8",
            };
            (content_type.to_string(), text.trim_end().to_string())
        });
        Ok(Self {
            name: one_line(&name),
            version: one_line(&version),
            summary: cfg
                .summary
                .clone()
                .or_else(|| pkg.description.clone())
                .map(|s| one_line(&s)),
            license: cfg
                .license
                .clone()
                .or_else(|| pkg.license.clone())
                .map(|s| one_line(&s)),
            author: join_nonempty(pkg.authors.iter().filter(|a| !a.contains('<'))),
            author_email: join_nonempty(pkg.authors.iter().filter(|a| a.contains('<'))),
            requires_python,
            project_urls: project_urls
                .into_iter()
                .map(|(k, v)| (one_line(&k), one_line(&v)))
                .collect(),
            description,
        })
    }
}

fn join_nonempty<'a>(items: impl Iterator<Item = &'a String>) -> Option<String> {
    let items: Vec<String> = items.map(|a| one_line(a)).collect();
    (!items.is_empty()).then(|| items.join(", "))
}

/// PEP 508 distribution name.
fn valid_dist_name(name: &str) -> bool {
    let ok_end = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    ok_end(name.chars().next())
        && ok_end(name.chars().last())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The distribution name as it appears in file names (PEP 427 / PEP 503): runs of `-_.` become
/// one `_`, lower case.
pub fn file_name_dist(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
        } else {
            if sep && !out.is_empty() {
                out.push('_');
            }
            sep = false;
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// The platform tag for a library built for `target`: `manylinux_2_N_<arch>` where `GLIBC_2.N` is the
/// highest glibc symbol version the library needs, `linux_<arch>` when it needs none (or is not glibc).
#[cfg(test)]
pub fn platform_tag(target: &str, library: &[u8]) -> Result<String, BackendError> {
    platform_tag_with(target, || elf::max_glibc(library))
}

/// [`platform_tag`] of the library file at `library`, reading only its ELF headers and version
/// sections (not the whole file).
pub fn platform_tag_of_file(target: &str, library: &Path) -> Result<String, BackendError> {
    platform_tag_with(target, || elf::max_glibc_of_file(library))
}

fn platform_tag_with(
    target: &str,
    max_glibc: impl FnOnce() -> Result<Option<(u32, u32)>, elf::ElfError>,
) -> Result<String, BackendError> {
    let mut parts = target.split('-');
    let arch = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    if !rest.contains(&"linux") {
        return Err(BackendError::Unsupported(format!(
            "wheels are only built for Linux targets, not `{target}`; set [python.wheel] build = false"
        )));
    }
    let arch = match arch {
        "x86_64" | "aarch64" | "i686" | "armv7l" | "ppc64le" | "s390x" | "riscv64" => arch,
        "i586" | "i386" => "i686",
        "armv7" => "armv7l",
        "powerpc64le" => "ppc64le",
        "riscv64gc" => "riscv64",
        other => {
            return Err(BackendError::Unsupported(format!(
                "no wheel platform tag for architecture `{other}` (target `{target}`)"
            )));
        }
    };
    let gnu = rest.iter().any(|p| p.starts_with("gnu"));
    let glibc = if gnu {
        max_glibc().map_err(|e| BackendError::Other(format!("native library: {e}")))?
    } else {
        None
    };
    Ok(match glibc {
        Some((major, minor)) => format!("manylinux_{major}_{minor}_{arch}"),
        None => format!("linux_{arch}"),
    })
}

/// askama drops a template's final newline; metadata files end with one.
fn with_newline(mut s: String) -> String {
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// A RECORD hash: `sha256=` and the digest in urlsafe base64 without padding.
fn record_hash(sha256: &[u8; 32]) -> String {
    format!(
        "sha256={}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha256)
    )
}

/// Build the wheel into `out`: returns its file name. `files` are paths inside the wheel (the
/// package directory) with contents; files named by path are streamed, never read whole (RECORD's
/// hashes are computed while streaming). Deterministic: sorted entries, fixed timestamps and modes.
pub fn build<W: Write + Seek>(
    meta: &Metadata,
    platform: &str,
    files: &[&OutputFile],
    out: W,
) -> Result<(String, W), BackendError> {
    let dist = file_name_dist(&meta.name);
    // PEP 427: the version in file names has `-` replaced by `_`.
    let version = meta.version.replace('-', "_");
    let tag = format!("py3-none-{platform}");
    let dist_info = format!("{dist}-{version}.dist-info");

    let mut entries: Vec<(String, Cow<'_, Contents>, bool)> = Vec::new();
    for f in files {
        let path = f
            .path
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        let executable = path.ends_with(".so") || path.contains(".so.");
        entries.push((path, Cow::Borrowed(&f.contents), executable));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.push((
        format!("{dist_info}/METADATA"),
        Cow::Owned(Contents::Bytes(with_newline(meta.render()?).into_bytes())),
        false,
    ));
    let wheel_file = WheelFile {
        generator_version: env!("CARGO_PKG_VERSION"),
        tag: &tag,
    }
    .render()?;
    entries.push((
        format!("{dist_info}/WHEEL"),
        Cow::Owned(Contents::Bytes(with_newline(wheel_file).into_bytes())),
        false,
    ));

    let mut zip = DeterministicZip::new(out, "the wheel");
    let mut record = String::new();
    for (path, data, executable) in &entries {
        let digest = zip.add(path, &mut data.open()?, *executable)?;
        record.push_str(&format!(
            "{path},{},{}\n",
            record_hash(&digest.sha256),
            digest.len
        ));
    }
    record.push_str(&format!("{dist_info}/RECORD,,\n"));
    zip.add(
        &format!("{dist_info}/RECORD"),
        &mut record.as_bytes(),
        false,
    )?;
    let out = zip.finish()?;
    Ok((format!("{dist}-{version}-{tag}.whl"), out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest;
    use std::io::Cursor;

    #[test]
    fn names() {
        assert_eq!(file_name_dist("Hello-World"), "hello_world");
        assert_eq!(file_name_dist("a.-_b"), "a_b");
        assert!(valid_dist_name("hello-world.py"));
        assert!(!valid_dist_name("-x"));
        assert!(!valid_dist_name("a b"));
    }

    #[test]
    fn platform_tags() {
        let err = platform_tag("x86_64-pc-windows-msvc", b"").unwrap_err();
        assert!(err.to_string().contains("only built for Linux"), "{err}");
        assert_eq!(
            platform_tag("x86_64-unknown-linux-musl", b"").unwrap(),
            "linux_x86_64"
        );
        assert!(platform_tag("x86_64-unknown-linux-gnu", b"not elf").is_err());
    }

    #[test]
    fn record_hash_is_urlsafe_unpadded_sha256() {
        // sha256("") = e3b0c442…; its urlsafe base64 without padding:
        assert_eq!(
            record_hash(&sha2::Sha256::digest(b"").into()),
            "sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"
        );
    }

    /// Streaming a library from its file gives the same wheel, byte for byte, as the same bytes in memory.
    #[test]
    fn streamed_library_gives_the_same_wheel_as_bytes() {
        let meta = Metadata {
            name: "lib".into(),
            version: "1.0.0".into(),
            summary: None,
            license: None,
            author: None,
            author_email: None,
            requires_python: ">=3.8".into(),
            project_urls: BTreeMap::new(),
            description: None,
        };
        let dir = tempfile::tempdir().unwrap();
        let so = dir.path().join("liblib.so");
        let data: Vec<u8> = (0..3_000_000u32)
            .map(|i| {
                (i.wrapping_mul(2_654_435_761) >> 13) as u8 & if i % 7 == 0 { 0xff } else { 0x0f }
            })
            .collect();
        std::fs::write(&so, &data).unwrap();
        let py = OutputFile::new("lib/__init__.py", "x = 1\n");
        let in_memory = OutputFile::new("lib/liblib.so", data);
        let streamed = OutputFile::copy_of("lib/liblib.so", &so);
        let (_, a) = build(
            &meta,
            "linux_x86_64",
            &[&py, &in_memory],
            Cursor::new(Vec::new()),
        )
        .unwrap();
        let (_, b) = build(
            &meta,
            "linux_x86_64",
            &[&py, &streamed],
            Cursor::new(Vec::new()),
        )
        .unwrap();
        assert!(a.get_ref() == b.get_ref());
    }

    #[test]
    fn wheel_is_deterministic_and_records_every_file() {
        let meta = Metadata {
            name: "My-Lib".into(),
            version: "1.0.0".into(),
            summary: Some("A library".into()),
            license: Some("MIT".into()),
            author: None,
            author_email: None,
            requires_python: ">=3.8".into(),
            project_urls: BTreeMap::new(),
            description: Some(("text/markdown; charset=UTF-8".into(), "# Hi".into())),
        };
        let a = OutputFile::new("my_lib/__init__.py", "x = 1\n");
        let b = OutputFile::new("my_lib/libmy_lib.so", vec![0u8; 10]);
        let (name, one) = build(&meta, "linux_x86_64", &[&b, &a], Cursor::new(Vec::new())).unwrap();
        let (_, two) = build(&meta, "linux_x86_64", &[&a, &b], Cursor::new(Vec::new())).unwrap();
        let (one, two) = (one.into_inner(), two.into_inner());
        assert_eq!(name, "my_lib-1.0.0-py3-none-linux_x86_64.whl");
        assert_eq!(one, two);
        let mut archive = zip::ZipArchive::new(Cursor::new(one)).unwrap();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect();
        assert_eq!(
            names,
            [
                "my_lib/__init__.py",
                "my_lib/libmy_lib.so",
                "my_lib-1.0.0.dist-info/METADATA",
                "my_lib-1.0.0.dist-info/WHEEL",
                "my_lib-1.0.0.dist-info/RECORD"
            ]
        );
        let mut record = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("my_lib-1.0.0.dist-info/RECORD").unwrap(),
            &mut record,
        )
        .unwrap();
        assert!(record.contains(&format!(
            "my_lib/__init__.py,{},6\n",
            record_hash(&sha2::Sha256::digest(b"x = 1\n").into())
        )));
        assert!(record.ends_with("my_lib-1.0.0.dist-info/RECORD,,\n"));
        let mut wheel = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("my_lib-1.0.0.dist-info/WHEEL").unwrap(),
            &mut wheel,
        )
        .unwrap();
        assert!(wheel.contains("Root-Is-Purelib: false\nTag: py3-none-linux_x86_64\n"));
    }
}
