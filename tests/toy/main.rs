//! `cargo-interop-toy`: cargo-interop with a third-party backend plugged in through the registry, the
//! way a crate outside this repository would do it: register a factory next to the built-in ones and
//! hand the registry to `cargo_interop::main_with`. Test-only (tests/cli/diagnostics.rs runs it).
//!
//! The Toy "language" lists the library's functions in `<out-dir>/api.toy`. It has no booleans: its
//! capability table refuses `bool` parameters, so the diagnostics pass reports every function taking
//! one before anything is generated; its `generate` refuses them too (the last line of defence).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use interop_backends::common::capability::{Capabilities, Construct, Position, Support};
use interop_backends::model::{Primitive, TypeRef};
use interop_backends::registry::{self, BackendFactory, ConfigError, Configured, Section};
use interop_backends::{Backend, BackendError, Context, OutputFile};
use serde::Deserialize;

fn main() -> ExitCode {
    let mut backends = registry::builtin();
    backends.register(ToyFactory);
    cargo_interop::main_with(&backends)
}

const NO_BOOL: &str = "Toy has no booleans; take a `u8` (0 or 1)";

const CAPABILITIES: Capabilities = Capabilities {
    language: "Toy",
    support,
    spelling,
};

fn support(construct: Construct, position: Position) -> Support {
    match (construct, position) {
        (Construct::Bool, Position::Param) => Support::No(NO_BOOL),
        _ => Support::Yes,
    }
}

fn spelling(_: Construct) -> &'static str {
    "a line of api.toy"
}

/// `[toy]` in Interop.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ToyConfig {
    out_dir: PathBuf,
}

struct ToyFactory;

impl BackendFactory for ToyFactory {
    fn key(&self) -> &str {
        "toy"
    }

    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    fn create(&self, section: &Section<'_>) -> Result<Configured, ConfigError> {
        let config: ToyConfig = section.deserialize()?;
        Ok(Configured::new(ToyBackend { config }))
    }
}

struct ToyBackend {
    config: ToyConfig,
}

impl Backend for ToyBackend {
    fn language(&self) -> &str {
        CAPABILITIES.language
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        let inv = ctx.inventory;
        let mut out = String::new();
        for f in &inv.functions {
            let mut params = Vec::new();
            for p in &f.params {
                if matches!(
                    p.ty,
                    TypeRef::Primitive {
                        primitive: Primitive::Bool
                    }
                ) {
                    return Err(BackendError::Unsupported(format!(
                        "`{}`: parameter `{}`: {NO_BOOL}",
                        f.rust_path, p.name
                    )));
                }
                params.push(format!("{}: {}", p.name, inv.rust_spelling(&p.ty)));
            }
            let _ = writeln!(
                out,
                "fn {}({}) -> {}",
                f.rust_path,
                params.join(", "),
                inv.rust_spelling(&f.returns)
            );
        }
        Ok(vec![OutputFile::new("api.toy", out)])
    }
}
