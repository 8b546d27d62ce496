//! `[python]` and `[python.wheel]` in Interop.toml.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// `[python]` in Interop.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Output directory (default `bindings/python`).
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
    /// Import name of the package (default: the crate's library name, e.g. `hello_world`).
    pub package: Option<String>,
    /// Release the GIL during calls (default false). `false`: `ctypes.PyDLL`, the GIL stays held and
    /// a panic is raised by the ctypes call itself (public functions are the ctypes function objects,
    /// as cheap as a hand-written ctypes call). `true`: `ctypes.CDLL`, other Python threads run while
    /// Rust computes, and every function is a `def` that checks the pending-panic counter.
    #[serde(default)]
    pub release_gil: bool,
    /// `[python.wheel]`: the wheel and its metadata.
    #[serde(default)]
    pub wheel: WheelConfig,
}

/// `[python.wheel]` in Interop.toml. Every field defaults from Cargo.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct WheelConfig {
    /// Build the wheel (default true). With `false` only the package directory is written.
    #[serde(default = "default_true")]
    pub build: bool,
    /// Distribution name (default: the Cargo package name).
    pub name: Option<String>,
    /// Version, PEP 440 (default: the Cargo version, `1.0.0-rc.1` becoming `1.0.0rc1`).
    pub version: Option<String>,
    /// One-line summary (default: the Cargo description).
    pub summary: Option<String>,
    /// License expression (default: the Cargo license).
    pub license: Option<String>,
    /// `Requires-Python` (default `>=3.8`).
    #[serde(default = "default_requires_python")]
    pub requires_python: String,
    /// `Project-URL`s, label → URL (default: Cargo's `homepage` and `repository`).
    #[serde(default)]
    pub project_urls: BTreeMap<String, String>,
    /// Readme for the long description (default: Cargo's readme). A relative path is resolved
    /// against the directory given to [`Config::resolve_paths`] (Interop.toml's directory).
    pub readme: Option<PathBuf>,
}

impl Default for WheelConfig {
    fn default() -> Self {
        Self {
            build: true,
            name: None,
            version: None,
            summary: None,
            license: None,
            requires_python: default_requires_python(),
            project_urls: BTreeMap::new(),
            readme: None,
        }
    }
}

impl Config {
    /// Make relative paths other than `out-dir` (the readme) relative to `base`, Interop.toml's directory.
    pub fn resolve_paths(&mut self, base: &Path) {
        if let Some(readme) = &mut self.wheel.readme
            && readme.is_relative()
        {
            *readme = base.join(&*readme);
        }
    }
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/python")
}

fn default_true() -> bool {
    true
}

fn default_requires_python() -> String {
    ">=3.8".to_string()
}
