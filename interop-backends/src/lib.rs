//! Language backends for cargo-interop.
//!
//! A backend turns an [`Inventory`] into files. It is a plain trait: a third party can implement
//! [`Backend`] for another language and drive it with the same inventory. Each built-in backend lives
//! in its own module with its own askama templates under `templates/<language>/`, one per concept.

use std::path::{Path, PathBuf};

pub use interop_core::model::{self, Inventory};

pub mod c;
pub mod csharp;
pub mod python;

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

/// A file produced by a backend, relative to the backend's output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            contents: contents.into(),
        }
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
    /// An external tool (compiler, packager) is missing or failed.
    #[error("{0}")]
    Tool(String),
    #[error("{0}")]
    Other(String),
}

/// A language backend.
pub trait Backend {
    /// Human name of the language, used in status lines (`Generating C → …`).
    fn language(&self) -> &str;

    /// Directory the files go to (relative paths are relative to Interop.toml's directory).
    fn out_dir(&self) -> &Path;

    /// Generate source files (bindings). Must be deterministic: same inventory, same bytes.
    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError>;

    /// Build distributable packages from the generated files (a .nupkg, a wheel, a .pc file …).
    /// The default builds nothing.
    fn package(
        &self,
        _ctx: &Context<'_>,
        _generated: &[OutputFile],
    ) -> Result<Vec<OutputFile>, BackendError> {
        Ok(Vec::new())
    }
}
