//! Python backend: a typed package and a wheel.
//!
//! The package `<out>/<pkg>/` has these layers:
//! - `_types.py`: the data types: `ctypes.Structure` subclasses for structs (passed by value and by
//!   reference with zero conversion), `enum.IntEnum`s, `ctypes.c_void_p` subclasses as handles of
//!   opaque types, dataclasses for structs owning data, and the `RustPanic` exception; the runtime
//!   helpers the conversions of the ctypes path use. Methods of `#[ffi] impl` blocks live on the
//!   classes.
//! - `_raw.py`: the ctypes call layer: the native library (which sits in the package directory), one
//!   typed ctypes function object per exported function with `argtypes`/`restype` set, and the error
//!   channel.
//! - `__init__.py` and one submodule per `#[ffi(module = "…")]`: typed functions (the `def`s of the
//!   ctypes path, which check their arguments and the pending counter) and constants, with stubs.
//! - `_native.py`: the compiled call path. At import it hands the library the addresses of the
//!   CPython functions it needs and a spec of every function; the library answers with its own
//!   function objects (`interop_core::python`), which replace the `def`s. Where it cannot run (PyPy,
//!   free-threaded builds, `INTEROP_PYTHON_CALLS=ctypes`) the `def`s stay; a function the compiled
//!   path does not convert keeps its `def` alone (ADR 15).
//!
//! `[python] release-gil = true` releases the GIL around each call on both paths (`ctypes.CDLL` on
//! the ctypes path).
//! Layout of this module, following the data flow:
//! - [`naming`]: every Python name, decided once ([`names`] knows what Python reserves); its
//!   problems are the backend's diagnostics ([`Backend::check`]);
//! - [`types`]: the one dispatch from a model type to its family, one module per family;
//! - [`items`]: the renderers of the files (classes, functions, modules, the raw layer);
//! - [`package`]: the wheel.

pub mod capabilities;
mod config;
mod items;
mod names;
mod naming;
mod package;
mod types;

use std::path::Path;

use interop_core::model::Inventory;

pub use self::config::{Config, WheelConfig};
use self::names::is_identifier;
use crate::common::diagnostics::Diagnostic;
use crate::common::plan::Plan;
use crate::{Backend, BackendError, Context, OutputFile, PackageInfo};

pub struct PythonBackend {
    config: Config,
}

impl PythonBackend {
    pub fn new(config: Config) -> Self {
        Self { config }
    }

    /// The import name of the package.
    fn package_name(&self, ctx: &Context<'_>) -> Result<String, BackendError> {
        let name = self
            .config
            .package
            .clone()
            .unwrap_or_else(|| ctx.package.lib_name.clone());
        let key = match &self.config.package {
            Some(_) => format!("[python] package = \"{name}\""),
            None => format!("the library name `{name}` (the default of [python] package)"),
        };
        if !is_identifier(&name) || names::KEYWORDS.contains(&name.as_str()) {
            return Err(BackendError::Unsupported(format!(
                "{key} is not a valid Python import name \
                 (letters, digits and `_`, not starting with a digit, not a keyword)"
            )));
        }
        if names::is_standard_module(&name) {
            // `import ctypes` finds the standard module first, and the package's own
            // `import ctypes` would find the package if it came first.
            return Err(BackendError::Unsupported(format!(
                "{key} is the name of a module of Python's standard library: \
                 one would hide the other on import; set [python] package to another name, e.g. \
                 `{name}_rs`"
            )));
        }
        Ok(name)
    }

    fn library_file_name(ctx: &Context<'_>) -> Result<String, BackendError> {
        ctx.native_library
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "native library path {} has no UTF-8 file name",
                    ctx.native_library.display()
                ))
            })
    }
}

impl Backend for PythonBackend {
    fn language(&self) -> &str {
        naming::LANGUAGE
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn capabilities(&self) -> crate::common::capability::Capabilities {
        capabilities::CAPABILITIES
    }

    fn check(&self, ctx: &Context<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        // The configuration (its messages say what to set).
        let config = [
            self.package_name(ctx).err(),
            package::wheel_version(&self.config.wheel, &ctx.package.version).err(),
            self.config
                .wheel
                .build
                .then(|| package::requires_python(&self.config.wheel.requires_python).err())
                .flatten(),
        ];
        out.extend(config.into_iter().flatten().map(|e| Diagnostic {
            language: naming::LANGUAGE.to_string(),
            item: String::new(),
            message: e.to_string(),
            fix: None,
        }));
        let inv = bound(ctx.inventory);
        let plan = inv
            .validate()
            .map_err(|e| format!("invalid inventory: {e}"))
            .and_then(|()| Plan::new(&inv).map_err(|e| e.to_string()));
        match plan {
            Ok(plan) => out.extend(naming::names(&inv, &plan).1),
            Err(message) => out.push(Diagnostic {
                language: naming::LANGUAGE.to_string(),
                item: String::new(),
                message,
                fix: None,
            }),
        }
        out
    }

    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        let package = self.package_name(ctx)?;
        let library = Self::library_file_name(ctx)?;
        let version = package::wheel_version(&self.config.wheel, &ctx.package.version)?;
        let files = render(
            &bound(ctx.inventory),
            self.config.release_gil,
            &package,
            &library,
            &version,
            ctx.package,
        )?;
        Ok(files
            .into_iter()
            .map(|(rel, text)| OutputFile::new(Path::new(&package).join(rel), text))
            .collect())
    }

    fn package(
        &self,
        ctx: &Context<'_>,
        generated: &[OutputFile],
    ) -> Result<Vec<OutputFile>, BackendError> {
        let package = self.package_name(ctx)?;
        let library = Self::library_file_name(ctx)?;
        let lib_file = OutputFile::native_library(ctx, Path::new(&package).join(&library))?;
        let mut out = Vec::new();
        if self.config.wheel.build {
            out.push(package::wheel_file(
                ctx,
                &self.config.wheel,
                generated,
                &lib_file,
            )?);
        }
        out.insert(0, lib_file);
        Ok(out)
    }

    fn check_config(&self, package: &crate::PackageInfo) -> Result<(), BackendError> {
        // The import name, the version and the wheel metadata, as generate and package check them.
        crate::with_package_context(package, |ctx| self.package_name(ctx))?;
        package::wheel_version(&self.config.wheel, &package.version)?;
        package::requires_python(&self.config.wheel.requires_python)?;
        if self.config.wheel.build {
            package::check_metadata(&self.config.wheel, package)?;
        }
        Ok(())
    }
}

/// What the package binds: every function but the services' `_dispose` (ADR 40: the Python
/// classes free with `_free` only), under the whole inventory's hash.
fn bound(inv: &Inventory) -> std::borrow::Cow<'_, Inventory> {
    inv.without(interop_core::model::FunctionKind::Dispose)
}

/// Every file of the package (relative to its directory, sorted) for `inv`; the naming problems
/// of [`Backend::check`] are an error here, all of them in one message.
fn render(
    inv: &Inventory,
    release_gil: bool,
    package: &str,
    library: &str,
    version: &str,
    info: &PackageInfo,
) -> Result<Vec<(String, String)>, BackendError> {
    inv.validate()
        .map_err(|e| BackendError::Other(format!("invalid inventory: {e}")))?;
    let plan = Plan::new(inv).map_err(|e| BackendError::Other(e.to_string()))?;
    let (names, problems) = naming::names(inv, &plan);
    if !problems.is_empty() {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| {
                let fix = d
                    .fix
                    .as_deref()
                    .map(|f| format!("; {f}"))
                    .unwrap_or_default();
                format!("`{}`: {}{fix}", d.item, d.message)
            })
            .collect();
        return Err(BackendError::Unsupported(lines.join("\n")));
    }
    let ctx = items::Ctx {
        inv,
        plan: &plan,
        names: &names,
        types: types::Types::new(inv, &names),
        release_gil,
        package,
    };
    items::render(&ctx, package, library, version, info)
}

#[cfg(test)]
mod tests;
