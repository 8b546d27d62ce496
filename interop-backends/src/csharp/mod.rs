//! C# backend: bindings source and a NuGet package.
//!
//! The generated file has two layers:
//! - a raw layer (`internal static unsafe class <Class>Native`) of blittable `[DllImport]` declarations,
//!   one per exported symbol, with exactly the C ABI types (`byte` for `bool`, `UIntPtr` for `usize`,
//!   typed pointers, `IntPtr` for opaque pointers);
//! - an idiomatic public layer on top: PascalCase names, `bool`/`ulong`/`long` instead of the raw
//!   types, `ref`/by-value/nullable parameters instead of pointers, methods on the types, and a panic
//!   check after every call that throws the library's `RustPanicException`.
//!
//! The code follows the data: `settings.rs` resolves `[csharp]`; `types/` maps every model type to its
//! family once (`types/mod.rs`) and each family answers the raw type, the public type per position and
//! the conversions; `items/` renders the file from those answers (methods, structs, enums, handles,
//! static classes, constants, the raw layer) and records every problem with its Rust item path
//! (`problems.rs`), which is also what [`Backend::check`] reports; `names.rs` is the one place that knows
//! C# keywords and reserved names; `nuget.rs` builds the package.
//!
//! `docs/csharp.md` documents every mapping.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::common::diagnostics::Diagnostic;
use crate::{Backend, BackendError, Context, OutputFile};
use settings::Settings;

pub mod capabilities;
mod docs;
mod items;
mod literals;
mod names;
mod nuget;
mod problems;
mod settings;
mod templates;
#[cfg(test)]
mod tests;
mod types;

/// `[csharp]` in Interop.toml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Output directory (default `bindings/csharp`).
    #[serde(default = "default_out_dir")]
    pub out_dir: PathBuf,
    /// Namespace of every generated type (default: the library name in PascalCase, `hello_world` →
    /// `HelloWorld`).
    pub namespace: Option<String>,
    /// Static class holding the free functions and constants, and the name of the `.cs` file
    /// (default: the namespace's last segment + `Lib`, `HelloWorldLib`).
    pub class: Option<String>,
    /// Name given to `[DllImport]` (default: the crate's library name, `hello_world`, which Mono and
    /// .NET resolve to `libhello_world.so` / `hello_world.dll` / `libhello_world.dylib`).
    pub native_library: Option<String>,
    /// Accessibility of the generated public layer: `public` (default) or `internal`.
    #[serde(default)]
    pub access: Access,
    /// `idiomatic` (default): PascalCase types, methods, fields, constants and enum members, camelCase
    /// parameters. `rust`: the bindings names unchanged.
    #[serde(default)]
    pub naming: Naming,
    /// Name of the exception thrown when a Rust function panics (default `RustPanicException`).
    pub exception: Option<String>,
    /// Presence of `[csharp.nuget]` builds a NuGet package.
    pub nuget: Option<NugetConfig>,
}

/// `[csharp.nuget]`: every key defaults from Cargo.toml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct NugetConfig {
    /// Package id (default: the namespace).
    pub id: Option<String>,
    /// Package version (default: the crate version; must be SemVer).
    pub version: Option<String>,
    /// Authors (default: the crate's authors, e-mail addresses removed).
    pub authors: Option<Vec<String>>,
    /// Description (default: the crate's description).
    pub description: Option<String>,
    /// SPDX license expression (default: the crate's license).
    pub license: Option<String>,
    /// Repository URL (default: the crate's repository).
    pub repository_url: Option<String>,
    /// Project URL (default: the crate's homepage).
    pub project_url: Option<String>,
    /// Readme file put in the package (default: the crate's readme).
    pub readme: Option<PathBuf>,
    /// Assembly name: `lib/netstandard2.0/<assembly>.dll` (default: the package id).
    pub assembly: Option<String>,
    /// Runtime identifier of the library built by this run (default: derived from the target triple,
    /// `x86_64-unknown-linux-gnu` → `linux-x64`).
    pub rid: Option<String>,
    /// Native libraries built elsewhere for other runtimes: RID → path of the library
    /// (`"win-x64" = "prebuilt/hello_world.dll"`), put under `runtimes/<rid>/native/`.
    #[serde(default)]
    pub runtimes: BTreeMap<String, PathBuf>,
    /// C# compiler to build the assembly with: `dotnet`, `csc` or `mcs`, or a path to one of them.
    /// Default: the first of `dotnet`, `csc`, `mcs` found on PATH.
    pub compiler: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Access {
    #[default]
    Public,
    Internal,
}

impl Access {
    fn keyword(self) -> &'static str {
        match self {
            Access::Public => "public",
            Access::Internal => "internal",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Naming {
    #[default]
    Idiomatic,
    Rust,
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/csharp")
}

impl Config {
    /// Make the relative paths inside `[csharp.nuget]` (readme, runtimes) relative to `base`,
    /// Interop.toml's directory, like the out-dir.
    pub fn resolve_paths(&mut self, base: &Path) {
        if let Some(nuget) = &mut self.nuget {
            if let Some(readme) = &mut nuget.readme
                && readme.is_relative()
            {
                *readme = base.join(&*readme);
            }
            for path in nuget.runtimes.values_mut() {
                if path.is_relative() {
                    *path = base.join(&*path);
                }
            }
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            out_dir: default_out_dir(),
            namespace: None,
            class: None,
            native_library: None,
            access: Access::default(),
            naming: Naming::default(),
            exception: None,
            nuget: None,
        }
    }
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

    fn capabilities(&self) -> crate::common::capability::Capabilities {
        capabilities::CAPABILITIES
    }

    fn check(&self, ctx: &Context<'_>) -> Vec<Diagnostic> {
        let table = capabilities::CAPABILITIES;
        let config_problem = |e: BackendError| {
            vec![Diagnostic {
                language: table.language.to_string(),
                item: String::new(),
                message: e.to_string().trim_start_matches("C#: ").to_string(),
                fix: None,
            }]
        };
        let settings = match Settings::resolve(&self.config, ctx.package) {
            Ok(s) => s,
            Err(e) => return config_problem(e),
        };
        match items::check(ctx.inventory, ctx.package, &settings) {
            Ok(problems) => problems.into_diagnostics(&table),
            Err(e) => config_problem(e),
        }
    }

    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        let settings = Settings::resolve(&self.config, ctx.package)?;
        let source = items::generate(ctx.inventory, ctx.package, &settings)?;
        Ok(vec![OutputFile::new(
            format!("{}.cs", settings.class),
            source,
        )])
    }

    fn package(
        &self,
        ctx: &Context<'_>,
        generated: &[OutputFile],
    ) -> Result<Vec<OutputFile>, BackendError> {
        let settings = Settings::resolve(&self.config, ctx.package)?;
        let lib_file = ctx
            .native_library
            .file_name()
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "native library path `{}` has no file name",
                    ctx.native_library.display()
                ))
            })?
            .to_string_lossy()
            .into_owned();
        let mut out = vec![OutputFile::native_library(ctx, lib_file.as_str())?];
        if let Some(nuget) = &self.config.nuget {
            let source_name = format!("{}.cs", settings.class);
            let source = generated
                .iter()
                .find(|f| f.path == Path::new(&source_name))
                .ok_or_else(|| {
                    BackendError::Other(format!(
                        "the generated file `{source_name}` is missing; run generate first"
                    ))
                })?;
            match nuget::build(ctx, &settings, nuget, &source.contents.read()?, &lib_file) {
                Ok(package) => out.push(package),
                // No C# compiler: the package is skipped, the library copy is still written.
                Err(BackendError::ToolMissing { missing, .. }) => {
                    return Err(BackendError::ToolMissing {
                        missing,
                        outputs: out,
                    });
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    fn check_config(&self, package: &crate::PackageInfo) -> Result<(), BackendError> {
        let settings = Settings::resolve(&self.config, package)?;
        match &self.config.nuget {
            Some(nuget) => crate::with_package_context(package, |ctx| {
                nuget::check_config(ctx, &settings, nuget)
            }),
            None => Ok(()),
        }
    }

    fn missing_tools(&self) -> Vec<crate::MissingTool> {
        match self.config.nuget.as_ref().map(nuget::find_compiler) {
            Some(Err(BackendError::ToolMissing { missing, .. })) => vec![missing],
            _ => Vec::new(),
        }
    }
}
