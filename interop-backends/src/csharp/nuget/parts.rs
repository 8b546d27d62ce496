//! The parts of the package besides the assembly and the native libraries: the `.nuspec` manifest, the
//! OPC core properties, relationships and content types, and the deterministic zip.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use askama::Template;
use sha2::{Digest, Sha256};

use super::metadata::Metadata;
use crate::common::archive::DeterministicZip;
use crate::csharp::docs::xml_escape;
use crate::{BackendError, Contents, Context, OutputFile};

#[derive(Template)]
#[template(path = "csharp/package/nuspec.xml", escape = "none")]
struct NuspecTemplate {
    id: String,
    version: String,
    authors: String,
    description: String,
    license: Option<String>,
    project_url: Option<String>,
    readme: Option<String>,
    repository_url: Option<String>,
}

#[derive(Template)]
#[template(path = "csharp/package/content_types.xml", escape = "none")]
struct ContentTypesTemplate {
    defaults: Vec<(String, String)>,
    overrides: Vec<String>,
}

#[derive(Template)]
#[template(path = "csharp/package/rels.xml", escape = "none")]
struct RelsTemplate<'a> {
    nuspec: &'a str,
    psmdcp: &'a str,
    manifest_rel: &'a str,
    core_rel: &'a str,
}

#[derive(Template)]
#[template(path = "csharp/package/psmdcp.xml", escape = "none")]
struct CorePropertiesTemplate<'a> {
    id: &'a str,
    version: &'a str,
    authors: &'a str,
    description: &'a str,
}

/// Write the entries into a deterministic zip (sorted names, fixed timestamps and permissions).
/// Entries that name a file are streamed from it, never read whole.
fn write_zip<W: Write + std::io::Seek>(
    entries: &BTreeMap<String, Contents>,
    out: W,
) -> Result<W, BackendError> {
    let mut zip = DeterministicZip::new(out, "the .nupkg");
    for (name, data) in entries {
        zip.add(name, &mut data.open()?, false)?;
    }
    zip.finish()
}

/// `[Content_Types].xml`: OPC readers (NuGet 2.x) ignore parts whose content type is not declared,
/// so every extension in the package gets a `Default` and extensionless files an `Override`.
fn content_types<'a>(names: impl Iterator<Item = &'a String>) -> Result<String, BackendError> {
    let mut exts = BTreeSet::new();
    let mut overrides = Vec::new();
    for name in names {
        let file = name.rsplit('/').next().unwrap_or(name);
        match file.rsplit_once('.') {
            Some((_, ext)) if !ext.is_empty() => {
                exts.insert(ext.to_string());
            }
            _ => overrides.push(xml_escape(name)),
        }
    }
    let defaults = exts
        .into_iter()
        .map(|ext| {
            let ty = match ext.as_str() {
                "rels" => "application/vnd.openxmlformats-package.relationships+xml",
                "psmdcp" => "application/vnd.openxmlformats-package.core-properties+xml",
                _ => "application/octet",
            };
            (xml_escape(&ext), ty.to_string())
        })
        .collect();
    Ok(ContentTypesTemplate {
        defaults,
        overrides,
    }
    .render()?)
}

/// Add the manifest, the core properties, the relationships and the content types to `entries`,
/// and write `<Id>.<Version>.nupkg` into the scratch directory.
pub(super) fn write(
    ctx: &Context<'_>,
    meta: &Metadata,
    mut entries: BTreeMap<String, Contents>,
    readme_name: Option<&str>,
) -> Result<OutputFile, BackendError> {
    // Manifest.
    let esc = |s: &str| xml_escape(s);
    let nuspec = NuspecTemplate {
        id: esc(&meta.id),
        version: esc(&meta.version),
        authors: esc(&meta.authors),
        description: esc(&meta.description),
        license: meta.license.as_deref().map(esc),
        project_url: meta.project_url.as_deref().map(esc),
        readme: readme_name.map(esc),
        repository_url: meta.repository_url.as_deref().map(esc),
    }
    .render()?;
    let nuspec_name = format!("{}.nuspec", meta.id);
    let digest = Sha256::digest(nuspec.as_bytes());
    let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let psmdcp_name = format!(
        "package/services/metadata/core-properties/{}.psmdcp",
        &hash[..32]
    );
    let core = CorePropertiesTemplate {
        id: &esc(&meta.id),
        version: &esc(&meta.version),
        authors: &esc(&meta.authors),
        description: &esc(&meta.description),
    }
    .render()?;
    entries.insert(nuspec_name.clone(), Contents::Bytes(nuspec.into_bytes()));
    entries.insert(psmdcp_name.clone(), Contents::Bytes(core.into_bytes()));
    let rels = RelsTemplate {
        nuspec: &nuspec_name,
        psmdcp: &psmdcp_name,
        manifest_rel: &hash[32..48].to_uppercase(),
        core_rel: &hash[48..64].to_uppercase(),
    }
    .render()?;
    entries.insert(
        "_rels/.rels".to_string(),
        Contents::Bytes(rels.into_bytes()),
    );

    let content_types = content_types(entries.keys())?;
    entries.insert(
        "[Content_Types].xml".to_string(),
        Contents::Bytes(content_types.into_bytes()),
    );

    // The archive goes to a scratch file (copied into place by the writer), so neither the library
    // nor its compressed copy is held in memory.
    let name = format!("{}.{}.nupkg", meta.id, meta.version);
    let dir = ctx.scratch_dir.join("csharp-nupkg");
    std::fs::create_dir_all(&dir)?;
    let archive = dir.join(&name);
    let file = std::fs::File::create(&archive)
        .map_err(|e| BackendError::Other(format!("cannot create `{}`: {e}", archive.display())))?;
    let mut file = write_zip(&entries, std::io::BufWriter::new(file))?;
    file.flush()?;
    Ok(OutputFile::copy_of(name, archive))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_cover_every_part() {
        let names: Vec<String> = [
            "_rels/.rels",
            "a.nuspec",
            "lib/netstandard2.0/A.dll",
            "package/services/metadata/core-properties/x.psmdcp",
            "runtimes/osx-arm64/native/libfoo",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let xml = content_types(names.iter()).unwrap();
        assert!(xml.contains(
            r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />"#
        ));
        assert!(xml.contains(r#"<Default Extension="dll" ContentType="application/octet" />"#));
        assert!(xml.contains(r#"<Override PartName="/runtimes/osx-arm64/native/libfoo" ContentType="application/octet" />"#));
        assert!(!xml.contains("_rels"));
    }

    #[test]
    fn zip_is_deterministic() {
        let mut e = BTreeMap::new();
        e.insert("b.txt".to_string(), Contents::Bytes(b"bbb".to_vec()));
        e.insert("a/x.dll".to_string(), Contents::Bytes(vec![0u8; 100]));
        let zip = |e: &BTreeMap<String, Contents>| {
            write_zip(e, std::io::Cursor::new(Vec::new()))
                .unwrap()
                .into_inner()
        };
        assert_eq!(zip(&e), zip(&e));
    }
}
