//! C backend: one header plus a pkg-config file.
//!
//! The header is C99 and C++ (it has an `extern "C"` guard) and compiles warning-free with
//! `-std=c99 -Wall -Wextra -pedantic` and `-std=c++17 -Wall -Wextra`. How each construct is spelled is
//! described in docs/c.md. Layout of the output directory:
//!
//! ```text
//! <out>/include/<header>.h            Backend::generate
//! <out>/lib/lib<name>.so              Backend::package (copy of the native library)
//! <out>/lib/pkgconfig/<name>.pc       Backend::package (relocatable: prefix=${pcfiledir}/../..)
//! ```
//!
//! The data flow: [`scope`] resolves every C name of the header once (collisions and symbols C cannot
//! declare are problems), [`types`] maps each model type to its family (the one dispatch) which
//! answers its C declarator, docs and literals, [`items`] renders each item from those answers, and
//! [`package`] writes the pkg-config file. [`Backend::check`] runs the same rendering and reports every
//! problem at once; `generate` fails on the first.

use std::path::{Path, PathBuf};

use interop_core::model::Inventory;
use serde::Deserialize;

use crate::common::diagnostics::Diagnostic;
use crate::{Backend, BackendError, Context, OutputFile, PackageInfo};

pub mod capabilities;
mod items;
mod literals;
mod names;
mod package;
mod scope;
mod types;

use items::Problem;
use items::header::{HeaderInput, render_header};

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
    /// Types get it as written (`Cf` → `CfVec2`), macros in SCREAMING_SNAKE (`CF_COLOR_RED`).
    #[serde(default)]
    pub prefix: String,
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("bindings/c")
}

impl Default for Config {
    fn default() -> Self {
        Self {
            out_dir: default_out_dir(),
            header: None,
            prefix: String::new(),
        }
    }
}

pub struct CBackend {
    config: Config,
}

impl CBackend {
    pub fn new(config: Config) -> Self {
        Self { config }
    }

    /// File name of the header (`<lib_name>.h` unless configured).
    pub fn header_name(&self, ctx: &Context<'_>) -> Result<String, BackendError> {
        self.checked_header_name(ctx.package)
            .map_err(Problem::into_error)
    }

    fn checked_header_name(&self, package: &PackageInfo) -> Result<String, Problem> {
        let name = match &self.config.header {
            Some(h) => h.clone(),
            None => format!("{}.h", package.lib_name),
        };
        let plain = !name.is_empty()
            && name != "."
            && name != ".."
            && !name.contains(['/', '\\'])
            && !name.chars().any(char::is_control);
        if !plain {
            return Err(Problem::config(format!(
                "[c] header = {name:?} must be a plain file name such as `{}.h` \
                 (it is written to <out-dir>/include/)",
                package.lib_name
            )));
        }
        Ok(name)
    }

    fn check_prefix(&self) -> Result<(), Problem> {
        let prefix = &self.config.prefix;
        if !prefix.is_empty() && !names::is_identifier(prefix) {
            return Err(Problem::config(format!(
                "[c] prefix = {prefix:?} is not a valid start of a C identifier \
                 (letters, digits and `_`, not starting with a digit)"
            )));
        }
        Ok(())
    }

    /// The header, or every problem that stops it (the configuration's first).
    fn header(
        &self,
        inventory: &Inventory,
        package: &PackageInfo,
    ) -> Result<(String, String), Vec<Problem>> {
        let mut problems = Vec::new();
        let name = self
            .checked_header_name(package)
            .map_err(|p| problems.push(p))
            .ok();
        if let Err(p) = self.check_prefix() {
            problems.push(p);
        }
        // Without a valid file name, the items are still checked (under a stand-in name).
        let file_name = name.unwrap_or_else(|| format!("{}.h", package.lib_name));
        let input = HeaderInput {
            inventory,
            package,
            file_name: &file_name,
            prefix: &self.config.prefix,
        };
        match render_header(&input) {
            Ok(text) if problems.is_empty() => Ok((file_name, text)),
            Ok(_) => Err(problems),
            Err(more) => {
                problems.extend(more);
                Err(problems)
            }
        }
    }

    /// Render the header for `inventory` under the file name `header_name`.
    pub fn render_header(
        &self,
        inventory: &Inventory,
        header_name: &str,
        package: &PackageInfo,
    ) -> Result<String, BackendError> {
        self.check_prefix().map_err(Problem::into_error)?;
        render_header(&HeaderInput {
            inventory,
            package,
            file_name: header_name,
            prefix: &self.config.prefix,
        })
        .map_err(first_error)
    }

    /// Render the pkg-config file.
    pub fn render_pkg_config(&self, package: &PackageInfo) -> Result<String, BackendError> {
        package::render_pkg_config(package)
    }
}

/// The error for the first of `problems`.
fn first_error(problems: Vec<Problem>) -> BackendError {
    problems
        .into_iter()
        .next()
        .map(Problem::into_error)
        .unwrap_or_else(|| BackendError::Other("the C header could not be rendered".into()))
}

impl Backend for CBackend {
    fn language(&self) -> &str {
        "C"
    }

    fn out_dir(&self) -> &Path {
        &self.config.out_dir
    }

    fn capabilities(&self) -> crate::common::capability::Capabilities {
        capabilities::CAPABILITIES
    }

    fn check(&self, ctx: &Context<'_>) -> Vec<Diagnostic> {
        match self.header(ctx.inventory, ctx.package) {
            Ok(_) => Vec::new(),
            Err(problems) => problems.into_iter().map(Problem::into_diagnostic).collect(),
        }
    }

    /// C reads a method's borrowed `&[T]` / `&str` / `&CStr` in place (ADR 31).
    fn binds_borrowed_views(&self) -> bool {
        true
    }

    fn generate(&self, ctx: &Context<'_>) -> Result<Vec<OutputFile>, BackendError> {
        let (header_name, header) = self
            .header(ctx.inventory, ctx.package)
            .map_err(first_error)?;
        Ok(vec![OutputFile::new(
            Path::new("include").join(&header_name),
            header,
        )])
    }

    fn package(
        &self,
        ctx: &Context<'_>,
        _generated: &[OutputFile],
    ) -> Result<Vec<OutputFile>, BackendError> {
        let file_name = ctx.native_library.file_name().ok_or_else(|| {
            BackendError::Other(format!(
                "the native library path {} has no file name",
                ctx.native_library.display()
            ))
        })?;
        let pc = package::render_pkg_config(ctx.package)?;
        Ok(vec![
            OutputFile::native_library(ctx, Path::new("lib").join(file_name))?,
            OutputFile::new(
                Path::new("lib/pkgconfig").join(format!("{}.pc", ctx.package.lib_name)),
                pc,
            ),
        ])
    }

    fn check_config(&self, package: &crate::PackageInfo) -> Result<(), BackendError> {
        // The header name and the prefix, checked by the code that uses them (an empty header).
        crate::with_package_context(package, |ctx| {
            let header_name = self.header_name(ctx)?;
            self.render_header(ctx.inventory, &header_name, package)
                .map(drop)
        })
    }
}

#[cfg(test)]
mod tests;
