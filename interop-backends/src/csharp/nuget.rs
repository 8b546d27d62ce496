//! The NuGet package: compile the generated source into a netstandard2.0 assembly and write
//! `<Id>.<Version>.nupkg` (a deterministic zip: fixed timestamps, sorted entries).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use askama::Template;
use sha2::{Digest, Sha256};

use super::NugetConfig;
use super::docs::xml_escape;
use super::settings::Settings;
use crate::common::archive::DeterministicZip;
use crate::{BackendError, Contents, Context, MissingTool, OutputFile};

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

#[derive(Template)]
#[template(path = "csharp/package/csproj.xml", escape = "none")]
struct CsprojTemplate<'a> {
    assembly: &'a str,
    namespace: &'a str,
    source: &'a str,
}

#[derive(Template)]
#[template(path = "csharp/package/assembly_info.cs", escape = "none")]
struct AssemblyInfoTemplate<'a> {
    id: &'a str,
    version: &'a str,
    assembly_version: &'a str,
}

/// Resolved package metadata.
#[derive(Debug, Clone)]
struct Metadata {
    id: String,
    version: String,
    assembly_version: String,
    authors: String,
    description: String,
    license: Option<String>,
    project_url: Option<String>,
    repository_url: Option<String>,
    assembly: String,
    rid: String,
}

/// The kinds of compiler the package can be built with, in the order they are looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CompilerKind {
    Dotnet,
    Csc,
    Mcs,
}

const SEARCH_ORDER: [(&str, CompilerKind); 3] = [
    ("dotnet", CompilerKind::Dotnet),
    ("csc", CompilerKind::Csc),
    ("mcs", CompilerKind::Mcs),
];

fn tool_err(msg: impl Into<String>) -> BackendError {
    BackendError::Tool(msg.into())
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The kind of compiler `compiler = "…"` in [csharp.nuget] names (by its file stem).
fn compiler_kind(wanted: &str) -> Result<CompilerKind, BackendError> {
    let stem = Path::new(wanted)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    SEARCH_ORDER
        .iter()
        .find(|(n, _)| *n == stem)
        .map(|(_, k)| *k)
        .ok_or_else(|| {
            BackendError::Other(format!(
                "`compiler = \"{wanted}\"` in [csharp.nuget]: expected `dotnet`, `csc` or `mcs` \
                 (or a path to one of them)"
            ))
        })
}

/// True when `dotnet` has an SDK (`dotnet --list-sdks` lists one). A runtime-only `dotnet` (the
/// .NET runtime alone, as a NuGet or PyPI package installs it) cannot build anything.
fn has_sdk(dotnet: &Path) -> bool {
    Command::new(dotnet)
        .arg("--list-sdks")
        .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
        .env("DOTNET_NOLOGO", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success() && !String::from_utf8_lossy(&o.stdout).trim().is_empty())
}

fn missing(reason: String) -> BackendError {
    BackendError::ToolMissing {
        missing: MissingTool {
            package: "the NuGet package".to_string(),
            reason,
            help: "install the .NET SDK (https://dot.net) or Mono's C# compiler (Debian/Ubuntu: \
                   `apt-get install mono-devel`), or remove [csharp.nuget] from Interop.toml"
                .to_string(),
        },
        outputs: Vec::new(),
    }
}

/// The C# compiler for the package: the one `compiler` names, else the first of `dotnet` (only
/// with an SDK), `csc`, `mcs` on PATH. None installed is [`BackendError::ToolMissing`].
pub(super) fn find_compiler(config: &NugetConfig) -> Result<(PathBuf, CompilerKind), BackendError> {
    if let Some(wanted) = &config.compiler {
        let kind = compiler_kind(wanted)?;
        let path = Path::new(wanted);
        let found = if path.components().count() > 1 {
            path.is_file().then(|| path.to_path_buf())
        } else {
            which(wanted)
        };
        return match found {
            None => Err(missing(format!(
                "the C# compiler `{wanted}` set in [csharp.nuget] was not found"
            ))),
            Some(p) if kind == CompilerKind::Dotnet && !has_sdk(&p) => Err(missing(format!(
                "`{}` (set in [csharp.nuget]) has no .NET SDK (`dotnet --list-sdks` is empty)",
                p.display()
            ))),
            Some(p) => Ok((p, kind)),
        };
    }
    let mut runtime_only = None;
    for (name, kind) in SEARCH_ORDER {
        let Some(p) = which(name) else { continue };
        if kind == CompilerKind::Dotnet && !has_sdk(&p) {
            runtime_only = Some(p);
            continue;
        }
        return Ok((p, kind));
    }
    let dotnet_note = runtime_only
        .map(|p| {
            format!(
                " (`{}` is a .NET runtime without an SDK: `dotnet --list-sdks` is empty)",
                p.display()
            )
        })
        .unwrap_or_default();
    Err(missing(format!(
        "no C# compiler found: none of `dotnet` with an SDK, `csc`, `mcs` is on PATH{dotnet_note}"
    )))
}

/// The configuration checks of the package (id, version, assembly, runtime identifier, compiler
/// name), made before anything is built.
pub(super) fn check_config(
    ctx: &Context<'_>,
    settings: &Settings,
    config: &NugetConfig,
) -> Result<(), BackendError> {
    resolve(ctx, settings, config)?;
    if let Some(wanted) = &config.compiler {
        compiler_kind(wanted)?;
    }
    Ok(())
}

/// NuGet runtime identifier for a Rust target triple.
fn rid_for_target(target: &str) -> Option<&'static str> {
    let arch = target.split('-').next()?;
    let arch = match arch {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        "i686" | "i586" => "x86",
        "armv7" | "arm" => "arm",
        _ => return None,
    };
    let os = if target.contains("windows") {
        "win"
    } else if target.contains("apple-darwin") {
        "osx"
    } else if target.contains("linux-musl") {
        "linux-musl"
    } else if target.contains("linux") {
        "linux"
    } else {
        return None;
    };
    Some(match (os, arch) {
        ("linux", "x64") => "linux-x64",
        ("linux", "arm64") => "linux-arm64",
        ("linux", "x86") => "linux-x86",
        ("linux", "arm") => "linux-arm",
        ("linux-musl", "x64") => "linux-musl-x64",
        ("linux-musl", "arm64") => "linux-musl-arm64",
        ("win", "x64") => "win-x64",
        ("win", "arm64") => "win-arm64",
        ("win", "x86") => "win-x86",
        ("osx", "x64") => "osx-x64",
        ("osx", "arm64") => "osx-arm64",
        _ => return None,
    })
}

/// Checks a SemVer version (`1.2.3`, `1.2.3-beta.1`, `1.2.3+build`) and returns the numeric
/// `major.minor.patch.0` assembly version.
fn check_version(version: &str) -> Result<String, BackendError> {
    let bad = || {
        BackendError::Other(format!(
            "NuGet version `{version}` is not SemVer (`MAJOR.MINOR.PATCH[-prerelease][+build]`)"
        ))
    };
    let core_and_pre = version.split('+').next().unwrap_or(version);
    let (core, pre) = match core_and_pre.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (core_and_pre, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() != 3 {
        return Err(bad());
    }
    let mut nums = Vec::new();
    for p in parts {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        nums.push(p.parse::<u64>().map_err(|_| bad())?);
    }
    if let Some(pre) = pre
        && (pre.is_empty()
            || !pre.split('.').all(|s| {
                !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }))
    {
        return Err(bad());
    }
    if nums.iter().any(|n| *n > 65534) {
        return Err(BackendError::Other(format!(
            "NuGet version `{version}`: each of MAJOR, MINOR, PATCH must be at most 65534 \
             (an assembly version limit)"
        )));
    }
    Ok(format!("{}.{}.{}.0", nums[0], nums[1], nums[2]))
}

fn strip_email(author: &str) -> String {
    match author.find('<') {
        Some(i) => author[..i].trim().to_string(),
        None => author.trim().to_string(),
    }
}

fn resolve(
    ctx: &Context<'_>,
    settings: &Settings,
    config: &NugetConfig,
) -> Result<Metadata, BackendError> {
    let pkg = ctx.package;
    let id = config
        .id
        .clone()
        .unwrap_or_else(|| settings.namespace.clone());
    if id.is_empty()
        || id.len() > 100
        || !id.split('.').all(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
    {
        return Err(BackendError::Other(format!(
            "NuGet package id `{id}` is invalid (letters, digits, `_`, `-`, separated by dots; at \
             most 100 characters)"
        )));
    }
    let version = config
        .version
        .clone()
        .unwrap_or_else(|| pkg.version.clone());
    let assembly_version = check_version(&version)?;
    let authors: Vec<String> = config
        .authors
        .clone()
        .unwrap_or_else(|| pkg.authors.clone())
        .iter()
        .map(|a| strip_email(a))
        .filter(|a| !a.is_empty())
        .collect();
    let authors = if authors.is_empty() {
        pkg.name.clone()
    } else {
        authors.join(", ")
    };
    let description = config
        .description
        .clone()
        .or_else(|| pkg.description.clone())
        .unwrap_or_else(|| format!("C# bindings for the Rust library `{}`.", pkg.name));
    let license = config
        .license
        .clone()
        .or_else(|| pkg.license.clone())
        .map(|l| l.replace('/', " OR "));
    let assembly = config.assembly.clone().unwrap_or_else(|| id.clone());
    if assembly.is_empty() || assembly.contains(['/', '\\', '"', '<', '>', ':']) {
        return Err(BackendError::Other(format!(
            "assembly name `{assembly}` in [csharp.nuget] is not a valid file name"
        )));
    }
    let rid = match &config.rid {
        Some(r) => r.clone(),
        None => rid_for_target(ctx.target)
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "no NuGet runtime identifier is known for the target `{}`; set `rid` in \
                     [csharp.nuget]",
                    ctx.target
                ))
            })?
            .to_string(),
    };
    Ok(Metadata {
        id,
        version,
        assembly_version,
        authors,
        description,
        license,
        project_url: config.project_url.clone().or_else(|| pkg.homepage.clone()),
        repository_url: config
            .repository_url
            .clone()
            .or_else(|| pkg.repository.clone()),
        assembly,
        rid,
    })
}

/// Compile `source` into `<assembly>.dll` + `<assembly>.xml` in a scratch directory.
fn compile(
    ctx: &Context<'_>,
    settings: &Settings,
    meta: &Metadata,
    config: &NugetConfig,
    source: &[u8],
) -> Result<(Vec<u8>, Vec<u8>), BackendError> {
    let (compiler, kind) = find_compiler(config)?;
    let dir = ctx.scratch_dir.join("csharp-nuget");
    let out = dir.join("out");
    std::fs::create_dir_all(&out)?;
    let source_name = format!("{}.cs", settings.class);
    std::fs::write(dir.join(&source_name), source)?;
    let info = AssemblyInfoTemplate {
        id: &meta.id,
        version: &meta.version,
        assembly_version: &meta.assembly_version,
    }
    .render()?;
    std::fs::write(dir.join("AssemblyInfo.cs"), info)?;
    let dll = out.join(format!("{}.dll", meta.assembly));
    let xml = out.join(format!("{}.xml", meta.assembly));
    let mut cmd = Command::new(&compiler);
    cmd.current_dir(&dir);
    match kind {
        CompilerKind::Dotnet => {
            let csproj = CsprojTemplate {
                assembly: &meta.assembly,
                namespace: &settings.namespace,
                source: &source_name,
            }
            .render()?;
            let proj = dir.join(format!("{}.csproj", meta.assembly));
            std::fs::write(&proj, csproj)?;
            cmd.arg("build")
                .arg(&proj)
                .args(["-c", "Release", "-nologo", "-o"])
                .arg(&out)
                .env("DOTNET_CLI_TELEMETRY_OPTOUT", "1")
                .env("DOTNET_NOLOGO", "1");
        }
        CompilerKind::Csc | CompilerKind::Mcs => {
            cmd.args(["-target:library", "-unsafe", "-optimize+", "-warnaserror"]);
            if kind == CompilerKind::Csc {
                cmd.args(["-nologo", "-deterministic", "-langversion:7.3"]);
            } else {
                cmd.arg("-langversion:7.2");
            }
            cmd.arg(format!("-doc:{}", xml.display()))
                .arg(format!("-out:{}", dll.display()))
                .arg(&source_name)
                .arg("AssemblyInfo.cs");
        }
    }
    let output = cmd
        .output()
        .map_err(|e| tool_err(format!("cannot run `{}`: {e}", compiler.display())))?;
    if !output.status.success() {
        return Err(tool_err(format!(
            "compiling the C# bindings with `{}` failed ({}):\n{}{}",
            compiler.display(),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )));
    }
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| {
            tool_err(format!(
                "`{}` reported success but `{}` is unreadable: {e}",
                compiler.display(),
                p.display()
            ))
        })
    };
    Ok((read(&dll)?, read(&xml)?))
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

/// Build `<Id>.<Version>.nupkg`.
pub fn build(
    ctx: &Context<'_>,
    settings: &Settings,
    config: &NugetConfig,
    source: &[u8],
    lib_file: &str,
) -> Result<OutputFile, BackendError> {
    let meta = resolve(ctx, settings, config)?;

    // Native libraries: the one built now, plus the configured extra runtimes (streamed from their
    // files when the archive is written, never held in memory).
    let mut entries: BTreeMap<String, Contents> = BTreeMap::new();
    entries.insert(
        format!("runtimes/{}/native/{lib_file}", meta.rid),
        Contents::CopyOf(ctx.native_library.to_path_buf()),
    );
    for (rid, path) in &config.runtimes {
        if rid == &meta.rid {
            return Err(BackendError::Other(format!(
                "[csharp.nuget] runtimes lists `{rid}`, the runtime of the library being built"
            )));
        }
        if rid.is_empty()
            || !rid
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        {
            return Err(BackendError::Other(format!(
                "[csharp.nuget] runtimes: `{rid}` is not a runtime identifier"
            )));
        }
        std::fs::File::open(path).map_err(|e| {
            BackendError::Other(format!(
                "[csharp.nuget] runtimes: cannot read the `{rid}` library `{}`: {e}",
                path.display()
            ))
        })?;
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "[csharp.nuget] runtimes: `{}` has no file name",
                    path.display()
                ))
            })?;
        entries.insert(
            format!("runtimes/{rid}/native/{file}"),
            Contents::CopyOf(path.clone()),
        );
    }

    // Readme.
    let readme = ctx
        .package
        .readme_or(config.readme.as_deref(), "[csharp.nuget] readme")?;
    let readme_name = match &readme {
        Some((path, text)) => {
            let name = path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| "README.md".to_string());
            entries.insert(name.clone(), Contents::Bytes(text.clone().into_bytes()));
            Some(name)
        }
        None => None,
    };

    // The assembly and its documentation.
    let (dll, xml) = compile(ctx, settings, &meta, config, source)?;
    entries.insert(
        format!("lib/netstandard2.0/{}.dll", meta.assembly),
        Contents::Bytes(dll),
    );
    entries.insert(
        format!("lib/netstandard2.0/{}.xml", meta.assembly),
        Contents::Bytes(xml),
    );

    // Manifest.
    let esc = |s: &str| xml_escape(s);
    let nuspec = NuspecTemplate {
        id: esc(&meta.id),
        version: esc(&meta.version),
        authors: esc(&meta.authors),
        description: esc(&meta.description),
        license: meta.license.as_deref().map(esc),
        project_url: meta.project_url.as_deref().map(esc),
        readme: readme_name.as_deref().map(esc),
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
    fn versions() {
        assert_eq!(check_version("1.2.3").unwrap(), "1.2.3.0");
        assert_eq!(check_version("0.1.0-beta.1+git.abc").unwrap(), "0.1.0.0");
        assert!(check_version("1.2").is_err());
        assert!(check_version("1.2.x").is_err());
        assert!(check_version("1.2.3-").is_err());
        assert!(check_version("70000.0.0").is_err());
    }

    #[test]
    fn rids() {
        assert_eq!(
            rid_for_target("x86_64-unknown-linux-gnu"),
            Some("linux-x64")
        );
        assert_eq!(rid_for_target("aarch64-apple-darwin"), Some("osx-arm64"));
        assert_eq!(rid_for_target("x86_64-pc-windows-msvc"), Some("win-x64"));
        assert_eq!(
            rid_for_target("x86_64-unknown-linux-musl"),
            Some("linux-musl-x64")
        );
        assert_eq!(rid_for_target("wasm32-unknown-unknown"), None);
    }

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
