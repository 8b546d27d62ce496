//! C# backend: bindings source and a NuGet package.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Backend, BackendError, Context, OutputFile};

/// `[csharp]` in Interop.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Output directory (default `bindings/csharp`).
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/csharp")
}

pub struct CSharpBackend {
    config: Config,
}

impl CSharpBackend {
    pub fn new(config: Config) -> Self {
        Self { config }
    }
}

impl Backend for CSharpBackend {
    fn language(&self) -> &str {
        "C#"
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn generate(&self, _ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        Err(BackendError::Unsupported("the C# backend is not written yet".into()))
    }
}
