//! Language backends for cargo-interop.
//!
//! A backend turns an [`Inventory`] into files. It is a plain trait: a third party can implement
//! [`Backend`] for another language and drive it with the same inventory. Each built-in backend lives
//! in its own module with its own askama templates under `templates/<language>/`, one per concept.

use std::borrow::Cow;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

pub use interop_core::model::{self, Inventory};

pub mod c;
pub mod common;
pub mod csharp;
pub mod python;
pub mod registry;

use common::capability::Capabilities;
use common::diagnostics::Diagnostic;

/// Metadata of the Rust package being bound, read from its Cargo.toml.
#[derive(Debug, Clone, Default)]
pub struct PackageInfo {
    /// Cargo package name (`hello-world`).
    pub name: String,
    /// Library target name (`hello_world`): the native library is `lib<lib_name>.so`.
    pub lib_name: String,
    pub version: String,
    pub authors: Vec<String>,
    pub description: Option<String>,
    /// SPDX license expression.
    pub license: Option<String>,
    pub repository: Option<String>,
    pub homepage: Option<String>,
    /// Path and contents of the package's readme, if it has one.
    pub readme: Option<(PathBuf, String)>,
}

impl PackageInfo {
    /// The readme a package should carry: `override_path` when Interop.toml names one (read now; an
    /// unreadable file is an error naming `key`), else the crate's own readme from Cargo.toml.
    pub fn readme_or(
        &self,
        override_path: Option<&Path>,
        key: &str,
    ) -> Result<Option<(PathBuf, String)>, BackendError> {
        match override_path {
            Some(path) => std::fs::read_to_string(path)
                .map(|text| Some((path.to_path_buf(), text)))
                .map_err(|e| {
                    BackendError::Other(format!("{key}: cannot read `{}`: {e}", path.display()))
                }),
            None => Ok(self.readme.clone()),
        }
    }
}

/// What a backend gets to work with.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    pub inventory: &'a Inventory,
    pub package: &'a PackageInfo,
    /// The built native library (`.../liblib_name.so`).
    pub native_library: &'a Path,
    /// Target triple the library was built for (`x86_64-unknown-linux-gnu`).
    pub target: &'a str,
    /// A private scratch directory, removed after the run (for compilers invoked while packaging).
    pub scratch_dir: &'a Path,
}

/// What an [`OutputFile`] holds: bytes in memory, or the name of an existing file to copy.
///
/// Large inputs that end up unchanged in the output (the native library) are named instead of
/// read, so nothing holds them in memory: the writer copies them, the zip writers stream them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    Bytes(Vec<u8>),
    /// Copy this file (read when the output is written or archived).
    CopyOf(PathBuf),
}

impl Contents {
    /// The bytes, when they are in memory.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Contents::Bytes(b) => Some(b),
            Contents::CopyOf(_) => None,
        }
    }

    /// The size in bytes (a `CopyOf` file's current size).
    pub fn len(&self) -> std::io::Result<u64> {
        match self {
            Contents::Bytes(b) => Ok(b.len() as u64),
            Contents::CopyOf(path) => std::fs::metadata(path)
                .map(|m| m.len())
                .map_err(|e| with_path(e, path)),
        }
    }

    /// True for empty in-memory contents or an empty file.
    pub fn is_empty(&self) -> std::io::Result<bool> {
        self.len().map(|n| n == 0)
    }

    /// A reader over the contents (a `CopyOf` file is opened, buffered).
    pub fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        match self {
            Contents::Bytes(b) => Ok(Box::new(b.as_slice())),
            Contents::CopyOf(path) => std::fs::File::open(path)
                .map(|f| Box::new(BufReader::with_capacity(1 << 16, f)) as Box<dyn Read>)
                .map_err(|e| with_path(e, path)),
        }
    }

    /// The whole contents in memory (borrowed when they already are). Meant for small files.
    pub fn read(&self) -> std::io::Result<Cow<'_, [u8]>> {
        match self {
            Contents::Bytes(b) => Ok(Cow::Borrowed(b)),
            Contents::CopyOf(path) => std::fs::read(path)
                .map(Cow::Owned)
                .map_err(|e| with_path(e, path)),
        }
    }
}

fn with_path(e: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("cannot read `{}`: {e}", path.display()))
}

/// A file produced by a backend, relative to the backend's output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Contents,
}

impl OutputFile {
    /// A file with the given bytes.
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            contents: Contents::Bytes(contents.into()),
        }
    }

    /// A copy of the existing file `source` (not read until the output is written).
    pub fn copy_of(path: impl Into<PathBuf>, source: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            contents: Contents::CopyOf(source.into()),
        }
    }

    /// A copy of the context's native library at `path`; fails now, with the library's path, when it
    /// is not a readable file.
    pub fn native_library(
        ctx: &Context<'_>,
        path: impl Into<PathBuf>,
    ) -> Result<Self, BackendError> {
        std::fs::File::open(ctx.native_library)
            .and_then(|f| f.metadata())
            .and_then(|m| {
                if m.is_file() {
                    Ok(())
                } else {
                    Err(std::io::Error::other("not a regular file"))
                }
            })
            .map_err(|e| {
                BackendError::Other(format!(
                    "cannot read the native library {}: {e}",
                    ctx.native_library.display()
                ))
            })?;
        Ok(Self::copy_of(path, ctx.native_library))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    #[error("rendering template failed: {0}")]
    Template(#[from] askama::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The inventory uses something this backend cannot express.
    #[error("{0}")]
    Unsupported(String),
    /// An external tool (compiler, packager) failed.
    #[error("{0}")]
    Tool(String),
    /// A package was not built because a tool it needs is not installed. `outputs` are what the
    /// package step built without it (e.g. the native library copy): `cargo interop build` writes
    /// them with the generated sources and warns, or fails with `--strict`.
    #[error("{missing}")]
    ToolMissing {
        missing: MissingTool,
        outputs: Vec<OutputFile>,
    },
    #[error("{0}")]
    Other(String),
}

/// A package that cannot be built on this machine because a tool it needs is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingTool {
    /// What is not built (`the NuGet package`).
    pub package: String,
    /// What is missing (`no C# compiler: none of ... is on PATH`).
    pub reason: String,
    /// What to install, or how to do without the package.
    pub help: String,
}

impl std::fmt::Display for MissingTool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "cannot build {}: {}; {}",
            self.package, self.reason, self.help
        )
    }
}

/// A triple for the machine this runs on, for configuration checks made before the library is built
/// (only its architecture and OS matter: they pick defaults such as the NuGet runtime identifier).
fn host_triple() -> &'static str {
    match (std::env::consts::ARCH, std::env::consts::OS) {
        ("aarch64", "linux") => "aarch64-unknown-linux-gnu",
        ("x86_64", "macos") => "x86_64-apple-darwin",
        ("aarch64", "macos") => "aarch64-apple-darwin",
        ("x86_64", "windows") => "x86_64-pc-windows-msvc",
        ("aarch64", "windows") => "aarch64-pc-windows-msvc",
        _ => "x86_64-unknown-linux-gnu",
    }
}

/// Run `f` with a [`Context`] that has only `package`: an empty inventory, no library, the host
/// target. Backends check their configuration through it with the same code `generate` and `package`
/// use, before anything is compiled.
pub(crate) fn with_package_context<R>(
    package: &PackageInfo,
    f: impl FnOnce(&Context<'_>) -> R,
) -> R {
    let inventory = Inventory::empty();
    let ctx = Context {
        inventory: &inventory,
        package,
        native_library: Path::new(""),
        target: host_triple(),
        scratch_dir: Path::new(""),
    };
    f(&ctx)
}

/// A language backend.
pub trait Backend {
    /// Human name of the language, used in status lines (`Generating C → …`).
    fn language(&self) -> &str;

    /// Directory the files go to (relative paths are relative to Interop.toml's directory).
    fn out_dir(&self) -> &Path;

    /// What this backend supports, construct by construct and position by position: checked against
    /// the inventory before anything is generated, and rendered as the docs' support matrix.
    fn capabilities(&self) -> Capabilities;

    /// Problems this backend finds in the inventory beyond its capability table (names the language
    /// cannot spell, two items sharing a name, …), all of them. Run before anything is generated;
    /// the default finds none.
    fn check(&self, _ctx: &Context<'_>) -> Vec<Diagnostic> {
        Vec::new()
    }

    /// Whether the backend binds a method returning data borrowed from its object as the view
    /// (`FunctionKind::BorrowedView`, C) rather than as its owned copy (`FunctionKind::OwnedCopy`,
    /// the default): the caller hands `check` and `generate` the inventory without the other
    /// variant ([`interop_core::model::Inventory::for_bindings`], ADR 31).
    fn binds_borrowed_views(&self) -> bool {
        false
    }

    /// Generate source files (bindings). Must be deterministic: same inventory, same bytes.
    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError>;

    /// Build distributable packages from the generated files (a .nupkg, a wheel, a .pc file …).
    /// The default builds nothing. A package whose tool is missing is reported as
    /// [`BackendError::ToolMissing`] with the outputs that could be built.
    fn package(
        &self,
        _ctx: &Context<'_>,
        _generated: &[OutputFile],
    ) -> Result<Vec<OutputFile>, BackendError> {
        Ok(Vec::new())
    }

    /// Check the configuration against the package before anything is compiled: every error
    /// `generate` and `package` would report about the configuration itself (names, ids, versions)
    /// is reported here first. Checks that need the inventory or the target come later. The default
    /// accepts everything.
    fn check_config(&self, _package: &PackageInfo) -> Result<(), BackendError> {
        Ok(())
    }

    /// The packages this configuration asks for that this machine cannot build (a tool is missing),
    /// as [`package`](Backend::package) would report them. The default: none.
    fn missing_tools(&self) -> Vec<MissingTool> {
        Vec::new()
    }
}
