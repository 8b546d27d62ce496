//! `Interop.toml`: which languages to generate and how. Errors point at `file:line:col` with the
//! offending source line and a caret.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use interop_backends::{Backend, c, csharp, python};
use serde::Deserialize;

use crate::status::display_path;

/// The languages `Interop.toml` may configure, in the order their backends run.
pub const LANGUAGES: &[&str] = &["c", "csharp", "python"];

/// The parsed contents of `Interop.toml`. Each section is the matching backend's own `Config`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InteropConfig {
    pub c: Option<c::Config>,
    pub csharp: Option<csharp::Config>,
    pub python: Option<python::Config>,
}

impl InteropConfig {
    /// The configured backends in the fixed order c, csharp, python.
    pub fn backends(&self) -> Vec<Box<dyn Backend>> {
        let mut out: Vec<Box<dyn Backend>> = Vec::new();
        if let Some(cfg) = &self.c {
            out.push(Box::new(c::CBackend::new(cfg.clone())));
        }
        if let Some(cfg) = &self.csharp {
            out.push(Box::new(csharp::CSharpBackend::new(cfg.clone())));
        }
        if let Some(cfg) = &self.python {
            out.push(Box::new(python::PythonBackend::new(cfg.clone())));
        }
        out
    }
}

/// A configuration read from disk.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// Path of the file.
    pub path: PathBuf,
    /// Its directory: relative output directories are resolved against it.
    pub dir: PathBuf,
    pub config: InteropConfig,
}

impl LoadedConfig {
    /// Resolve a backend's output directory (relative paths are relative to Interop.toml's directory).
    pub fn resolve(&self, out_dir: &Path) -> PathBuf {
        self.dir.join(out_dir)
    }
}

/// Why `Interop.toml` could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "no Interop.toml at {}\n  = help: run `cargo interop init` to create one next to Cargo.toml, or pass `--config PATH`",
        display_path(.0)
    )]
    Missing(PathBuf),
    #[error("cannot read {}: {source}", display_path(.path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(Diagnostic),
}

/// An error at a position in a file, rendered like rustc: `path:line:col: message`, the source line,
/// a caret under the offending text and an optional help line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub message: String,
    /// The text of the line the error is on.
    pub source_line: String,
    /// Number of carets (at least 1).
    pub width: usize,
    pub help: Option<String>,
}

impl Diagnostic {
    /// Build a diagnostic for the byte range `span` of `text`.
    pub fn at(
        path: &Path,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].matches('\n').count() + 1;
        let col = text[line_start..start].chars().count() + 1;
        let source_line = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let width = text[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        Self {
            path: path.to_path_buf(),
            line,
            col,
            message: message.into(),
            source_line,
            width,
            help,
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gutter = self.line.to_string().len();
        let pad = " ".repeat(gutter);
        writeln!(
            f,
            "{}:{}:{}: {}",
            display_path(&self.path),
            self.line,
            self.col,
            self.message
        )?;
        writeln!(f, "{pad} |")?;
        writeln!(f, "{} | {}", self.line, self.source_line)?;
        let indent: String = self
            .source_line
            .chars()
            .take(self.col - 1)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(f, "{pad} | {indent}{}", "^".repeat(self.width))?;
        if let Some(help) = &self.help {
            write!(f, "\n{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// Read and parse `path`.
pub fn load(path: &Path) -> Result<LoadedConfig, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ConfigError::Missing(path.to_path_buf()));
        }
        Err(source) => {
            return Err(ConfigError::Read {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let mut config = parse(&text, path).map_err(ConfigError::Invalid)?;
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // Paths inside sections (readmes …) are relative to Interop.toml, like the out-dirs.
    if let Some(csharp) = config.csharp.as_mut() {
        csharp.resolve_paths(&dir);
    }
    if let Some(python) = config.python.as_mut() {
        python.resolve_paths(&dir);
    }
    Ok(LoadedConfig { path, dir, config })
}

/// Parse the text of an Interop.toml (`path` is only used in messages).
pub fn parse(text: &str, path: &Path) -> Result<InteropConfig, Diagnostic> {
    // First pass: syntax, and the set of top-level keys with their positions.
    let sections = toml::from_str::<BTreeMap<toml::Spanned<String>, toml::Value>>(text)
        .map_err(|e| from_toml_error(&e, text, path))?;
    for key in sections.keys() {
        if !LANGUAGES.contains(&key.get_ref().as_str()) {
            return Err(Diagnostic::at(
                path,
                text,
                key.span(),
                format!(
                    "language `{}` is not supported; available: {}",
                    key.get_ref(),
                    LANGUAGES.join(", ")
                ),
                Some(format!(
                    "remove the `[{}]` section, or use one of: {}",
                    key.get_ref(),
                    LANGUAGES
                        .iter()
                        .map(|l| format!("[{l}]"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ));
        }
    }
    if sections.is_empty() {
        return Err(Diagnostic::at(
            path,
            text,
            0..0,
            "no language is configured",
            Some(
                "add at least one section: `[c]`, `[csharp]` or `[python]` \
                 (`cargo interop init` writes a commented example)"
                    .to_string(),
            ),
        ));
    }
    // Second pass: every section against its backend's schema.
    toml::from_str::<InteropConfig>(text).map_err(|e| from_toml_error(&e, text, path))
}

fn from_toml_error(e: &toml::de::Error, text: &str, path: &Path) -> Diagnostic {
    let message = e.message().trim_end().replace('\n', "; ");
    let help = if message.starts_with("unknown field") {
        Some("remove the key or correct its spelling; docs/cli.md lists every key".to_string())
    } else {
        None
    };
    Diagnostic::at(path, text, e.span().unwrap_or(0..0), message, help)
}

/// The commented Interop.toml written by `cargo interop init`. With `nuget_left_off` (why this
/// machine cannot build a NuGet package), the `[csharp.nuget]` table is written commented out with
/// that reason, so that the file builds here.
pub fn init_template(
    package: &str,
    lib_name: &str,
    version: &str,
    nuget_left_off: Option<&str>,
) -> String {
    let pascal = heck::AsUpperCamelCase(lib_name).to_string();
    let nuget = match nuget_left_off {
        None => format!(
            r#"# The NuGet package (delete this table to generate only the C# source). Every key defaults to the
# crate's metadata from Cargo.toml. Building the assembly needs a C# compiler (the .NET SDK, csc or mcs).
[csharp.nuget]
# id = "{pascal}"
# version = "{version}"
# Native libraries built elsewhere, by .NET runtime identifier:
# runtimes = {{ "win-x64" = "prebuilt/{lib_name}.dll" }}"#
        ),
        Some(reason) => format!(
            r#"# The NuGet package is left off: `cargo interop init` found that this machine cannot build it
# ({reason}).
# To build it, install the .NET SDK (https://dot.net) or Mono's C# compiler (Debian/Ubuntu:
# `apt-get install mono-devel`), then uncomment the table. Every key defaults to the crate's metadata.
# [csharp.nuget]
# id = "{pascal}"
# version = "{version}"
# runtimes = {{ "win-x64" = "prebuilt/{lib_name}.dll" }}"#
        ),
    };
    format!(
        r#"# Interop.toml: what `cargo interop build` generates for `{package}`.
#
# Each section enables one language; delete a section to skip that language.
# Relative paths are relative to the directory of this file.
# Reference: https://github.com/cargo-interop/cargo-interop/blob/main/docs/cli.md

# C: a header and a pkg-config file, with the native library next to them:
#   <out-dir>/include/<header>, <out-dir>/lib/lib{lib_name}.so, <out-dir>/lib/pkgconfig/{lib_name}.pc
[c]
# Output directory.
out-dir = "bindings/c"
# Header file name (default: "{lib_name}.h").
# header = "{lib_name}.h"
# Prefix for type, enum-variant and constant names in the header (default: none).
# prefix = ""

# C#: a source file with the bindings and a NuGet package:
#   <out-dir>/<Class>.cs, the native library, <out-dir>/<Id>.<Version>.nupkg
[csharp]
# Output directory.
out-dir = "bindings/csharp"
# Namespace of the generated types (default: the library name in PascalCase).
# namespace = "{pascal}"
# Static class with the free functions and constants, also the .cs file name (default: namespace + "Lib").
# class = "{pascal}Lib"
# Library name given to [DllImport] (default: "{lib_name}").
# native-library = "{lib_name}"
# Accessibility of the generated API: "public" or "internal".
# access = "public"
# Names: "idiomatic" (PascalCase members, camelCase parameters) or "rust" (unchanged).
# naming = "idiomatic"
# Exception thrown when a Rust function panics.
# exception = "RustPanicException"

{nuget}

# Python: a package with the native library inside, and a wheel:
#   <out-dir>/<package>/..., <out-dir>/<dist>-<version>-py3-none-<platform>.whl
[python]
# Output directory.
out-dir = "bindings/python"
# Import name of the package (default: "{lib_name}").
# package = "{lib_name}"
# Release the GIL during calls so that other Python threads run while Rust computes (true), or keep
# it (false, the default: the fastest path, a panic is raised by the ctypes call itself).
# release-gil = false

# The wheel. Every key defaults to the crate's metadata from Cargo.toml.
[python.wheel]
# Build the wheel (false: only the package directory is written).
# build = true
# Distribution name on PyPI (default: "{package}").
# name = "{package}"
# version = "{version}"
# requires-python = ">=3.8"
# project-urls = {{ "Source" = "https://example.com/repo" }}
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Diagnostic {
        match parse(text, Path::new("Interop.toml")) {
            Ok(c) => panic!("expected an error, got {c:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn init_template_parses_with_the_backends_configs() {
        for left_off in [None, Some("no C# compiler")] {
            let text = init_template("hello-world", "hello_world", "0.1.0", left_off);
            assert!(text.contains("# namespace = \"HelloWorld\""), "{text}");
            let cfg = parse(&text, Path::new("Interop.toml")).expect("template parses");
            assert!(cfg.c.is_some() && cfg.python.is_some());
            let csharp = cfg.csharp.as_ref().expect("[csharp]");
            assert_eq!(csharp.nuget.is_some(), left_off.is_none(), "{text}");
            assert_eq!(cfg.backends().len(), 3);
        }
    }

    /// Uncomment every `# key = value` suggestion and `# [table]` header.
    fn uncomment(text: &str) -> String {
        text.lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest)
                    if rest
                        .split_once(" = ")
                        .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '))
                        || (rest.starts_with('[') && rest.ends_with(']')) =>
                {
                    rest.to_string()
                }
                _ => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn init_template_left_off_nuget_table_is_valid_when_uncommented() {
        let text = init_template(
            "hello-world",
            "hello_world",
            "0.1.0",
            Some("no C# compiler"),
        );
        assert!(text.contains("(no C# compiler)"), "{text}");
        let cfg = parse(&uncomment(&text), Path::new("Interop.toml")).expect("valid");
        let nuget = cfg.csharp.and_then(|c| c.nuget).expect("[csharp.nuget]");
        assert_eq!(nuget.id.as_deref(), Some("HelloWorld"));
    }

    #[test]
    fn init_template_commented_keys_are_valid() {
        // Uncomment every `# key = value` suggestion: the result must still be a valid config, so the
        // template never advertises a key the backends do not accept.
        let text = init_template("hello-world", "hello_world", "0.1.0", None);
        let uncommented = uncomment(&text);
        assert!(
            uncommented.contains("\nnamespace = \"HelloWorld\""),
            "{uncommented}"
        );
        assert!(
            uncommented.contains("\nrelease-gil = false\n"),
            "{uncommented}"
        );
        match parse(&uncommented, Path::new("Interop.toml")) {
            Ok(cfg) => assert!(cfg.python.is_some_and(|p| !p.release_gil)),
            Err(e) => panic!("{e}\n{uncommented}"),
        }
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let e = err("[c]\nout-dir = \"x\"\nheadr = \"x.h\"\n");
        assert_eq!((e.line, e.col), (3, 1), "{e}");
        assert!(e.message.contains("headr"), "{e}");
        assert!(e.to_string().contains("3 | headr = \"x.h\""), "{e}");
    }

    #[test]
    fn unknown_language() {
        let e = err("[c]\n\n[java]\nx = 1\n");
        assert_eq!((e.line, e.col), (3, 2), "{e}");
        assert!(
            e.message
                .contains("language `java` is not supported; available: c, csharp, python")
        );
    }

    #[test]
    fn syntax_error_position() {
        let e = err("[c]\nout-dir = \n");
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn empty_config() {
        let e = err("# nothing\n");
        assert!(e.message.contains("no language"), "{e}");
    }

    #[test]
    fn caret_width_and_columns_count_characters() {
        let d = Diagnostic::at(Path::new("f"), "ab\né = 1\n", 6..7, "m", None);
        assert_eq!((d.line, d.col, d.width), (2, 3, 1));
        assert_eq!(d.to_string(), "f:2:3: m\n  |\n2 | é = 1\n  |   ^");
    }
}
