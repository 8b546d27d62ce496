//! The NuGet package: compile the generated source into a netstandard2.0 assembly and write
//! `<Id>.<Version>.nupkg` (a deterministic zip: fixed timestamps, sorted entries). The metadata is
//! resolved in `nuget/metadata.rs`, the manifest, OPC parts and archive written in `nuget/parts.rs`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use askama::Template;

use super::NugetConfig;
use super::settings::Settings;
use crate::{BackendError, Contents, Context, MissingTool, OutputFile};

mod metadata;
mod parts;

use metadata::{Metadata, resolve};

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

    parts::write(ctx, &meta, entries, readme_name.as_deref())
}
