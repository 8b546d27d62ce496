//! Python backend: a typed package and a wheel.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Backend, BackendError, Context, OutputFile};

/// `[python]` in Interop.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Output directory (default `bindings/python`).
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/python")
}

pub struct PythonBackend {
    config: Config,
}

impl PythonBackend {
    pub fn new(config: Config) -> Self {
        Self { config }
    }
}

impl Backend for PythonBackend {
    fn language(&self) -> &str {
        "Python"
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn generate(&self, _ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        Err(BackendError::Unsupported("the Python backend is not written yet".into()))
    }
}
