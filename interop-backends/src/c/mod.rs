//! C backend: one header plus a pkg-config file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Backend, BackendError, Context, OutputFile};

/// `[c]` in Interop.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Output directory (default `bindings/c`).
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
    /// Header file name (default `<lib_name>.h`).
    pub header: Option<String>,
    /// Prefix for type, enum-variant and constant names in the header (default none).
    #[serde(default)]
    pub prefix: String,
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/c")
}

pub struct CBackend {
    config: Config,
}

impl CBackend {
    pub fn new(config: Config) -> Self {
        Self { config }
    }
}

impl Backend for CBackend {
    fn language(&self) -> &str {
        "C"
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn generate(&self, _ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        Err(BackendError::Unsupported("the C backend is not written yet".into()))
    }
}
