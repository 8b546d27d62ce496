//! `Interop.toml`: which languages to generate and how. Errors point at `file:line:col` with the
//! offending source line and a caret.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use interop_backends::Backend;
use interop_backends::registry::{ConfigError as SectionError, Registry, Section};

use crate::status::display_path;

/// A backend configured by a section of `Interop.toml`.
pub struct ConfiguredBackend {
    /// The section's key (`c`, `csharp`, `python`, or a third-party backend's).
    pub key: String,
    pub backend: Box<dyn Backend>,
    /// Files the section names that go into the outputs (readmes, prebuilt libraries).
    pub inputs: Vec<PathBuf>,
}

impl fmt::Debug for ConfiguredBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConfiguredBackend")
            .field("key", &self.key)
            .field("language", &self.backend.language())
            .field("inputs", &self.inputs)
            .finish_non_exhaustive()
    }
}

/// A configuration read from disk.
#[derive(Debug)]
pub struct LoadedConfig {
    /// Path of the file.
    pub path: PathBuf,
    /// Its directory: relative output directories are resolved against it.
    pub dir: PathBuf,
    /// The configured backends, in the registry's order (the order they run).
    pub backends: Vec<ConfiguredBackend>,
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

/// Read `path` and create its backends from `registry`.
pub fn load(path: &Path, registry: &Registry) -> Result<LoadedConfig, ConfigError> {
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
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let dir = abs
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    // Paths inside sections (readmes …) are relative to Interop.toml, like the out-dirs.
    let backends = parse(&text, path, &dir, registry).map_err(ConfigError::Invalid)?;
    Ok(LoadedConfig {
        path: abs,
        dir,
        backends,
    })
}

/// Parse the text of an Interop.toml and create a backend per section with `registry`'s factories,
/// in the registry's order (`path` is only used in messages; relative paths inside sections are
/// resolved against `dir`).
pub fn parse(
    text: &str,
    path: &Path,
    dir: &Path,
    registry: &Registry,
) -> Result<Vec<ConfiguredBackend>, Diagnostic> {
    // First pass: syntax, and the set of top-level keys with their positions.
    let sections = toml::from_str::<BTreeMap<toml::Spanned<String>, toml::Value>>(text)
        .map_err(|e| from_toml_error(&e, text, path))?;
    let keys = registry.keys();
    let bracketed = || keys.iter().map(|k| format!("`[{k}]`")).collect::<Vec<_>>();
    for key in sections.keys() {
        if registry.get(key.get_ref()).is_none() {
            return Err(Diagnostic::at(
                path,
                text,
                key.span(),
                format!(
                    "language `{}` is not supported; available: {}",
                    key.get_ref(),
                    keys.join(", ")
                ),
                Some(format!(
                    "remove the `[{}]` section, or use one of: {}",
                    key.get_ref(),
                    bracketed().join(", ")
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
            Some(format!(
                "add at least one section: {} (`cargo interop init` writes a commented example)",
                one_of(&bracketed())
            )),
        ));
    }
    // Second pass: every section against its backend's schema.
    let mut out = Vec::new();
    for factory in registry.iter() {
        let key = factory.key();
        if !sections.keys().any(|k| k.get_ref() == key) {
            continue;
        }
        let section = Section::new(key, text, dir);
        let created = factory
            .create(&section)
            .map_err(|e| from_section_error(e, &section, path))?;
        out.push(ConfiguredBackend {
            key: key.to_string(),
            backend: created.backend,
            inputs: created.inputs,
        });
    }
    Ok(out)
}

/// `a`, `a or b`, `a, b or c`.
fn one_of(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A backend's error about its section, at the offending text (else at the section's key).
fn from_section_error(e: SectionError, section: &Section<'_>, path: &Path) -> Diagnostic {
    let span = e.span.clone().or_else(|| section.span()).unwrap_or(0..0);
    let help = e
        .help
        .clone()
        .or_else(|| unknown_field_help(&e.message, section.key()));
    Diagnostic::at(path, section.text(), span, e.message, help)
}

/// The help for serde's `unknown field` message.
fn unknown_field_help(message: &str, key: &str) -> Option<String> {
    if !message.starts_with("unknown field") {
        return None;
    }
    Some(
        if interop_backends::registry::builtin().get(key).is_some() {
            "remove the key or correct its spelling; docs/cli.md lists every key".to_string()
        } else {
            "remove the key or correct its spelling".to_string()
        },
    )
}

fn from_toml_error(e: &toml::de::Error, text: &str, path: &Path) -> Diagnostic {
    let message = e.message().trim_end().replace('\n', "; ");
    Diagnostic::at(path, text, e.span().unwrap_or(0..0), message, None)
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
    use interop_backends::registry::builtin;
    use interop_backends::{csharp, python};

    fn parse_builtin(text: &str) -> Result<Vec<ConfiguredBackend>, Diagnostic> {
        parse(text, Path::new("Interop.toml"), Path::new("/p"), &builtin())
    }

    fn err(text: &str) -> Diagnostic {
        match parse_builtin(text) {
            Ok(c) => panic!("expected an error, got {c:?}"),
            Err(e) => e,
        }
    }

    fn keys(backends: &[ConfiguredBackend]) -> Vec<&str> {
        backends.iter().map(|b| b.key.as_str()).collect()
    }

    /// The `[csharp]` section as the C# backend reads it.
    fn csharp_section(text: &str) -> csharp::Config {
        Section::new("csharp", text, Path::new("/p"))
            .deserialize()
            .expect("[csharp]")
    }

    #[test]
    fn init_template_parses_with_the_backends_configs() {
        for left_off in [None, Some("no C# compiler")] {
            let text = init_template("hello-world", "hello_world", "0.1.0", left_off);
            assert!(text.contains("# namespace = \"HelloWorld\""), "{text}");
            let backends = parse_builtin(&text).expect("template parses");
            assert_eq!(keys(&backends), ["c", "csharp", "python"]);
            let csharp = csharp_section(&text);
            assert_eq!(csharp.nuget.is_some(), left_off.is_none(), "{text}");
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
        let text = uncomment(&text);
        parse_builtin(&text).expect("valid");
        let nuget = csharp_section(&text).nuget.expect("[csharp.nuget]");
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
        match parse_builtin(&uncommented) {
            Ok(backends) => assert_eq!(keys(&backends), ["c", "csharp", "python"]),
            Err(e) => panic!("{e}\n{uncommented}"),
        }
        let python: python::Config = Section::new("python", &uncommented, Path::new("/p"))
            .deserialize()
            .expect("[python]");
        assert!(!python.release_gil);
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let e = err("[c]\nout-dir = \"x\"\nheadr = \"x.h\"\n");
        assert_eq!((e.line, e.col), (3, 1), "{e}");
        assert!(e.message.contains("headr"), "{e}");
        assert!(e.to_string().contains("3 | headr = \"x.h\""), "{e}");
        assert_eq!(
            e.help.as_deref(),
            Some("remove the key or correct its spelling; docs/cli.md lists every key")
        );
    }

    #[test]
    fn unknown_key_in_a_subtable_points_at_the_key() {
        let e = err("[python]\n\n[python.wheel]\nbuidl = false\n");
        assert_eq!((e.line, e.col), (4, 1), "{e}");
        assert!(e.message.contains("unknown field `buidl`"), "{e}");
    }

    #[test]
    fn sections_are_created_in_the_registrys_order_whatever_the_files() {
        let backends = parse_builtin("[python]\n[c]\n").expect("valid");
        assert_eq!(keys(&backends), ["c", "python"]);
        let languages: Vec<&str> = backends.iter().map(|b| b.backend.language()).collect();
        assert_eq!(languages, ["C", "Python"]);
    }

    #[test]
    fn paths_in_sections_are_relative_to_the_files_directory() {
        let backends =
            parse_builtin("[python]\n[python.wheel]\nreadme = \"docs/PY.md\"\n").expect("valid");
        assert_eq!(backends[0].inputs, [Path::new("/p/docs/PY.md")]);
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

    /// A third-party backend whose section needs `level` between 1 and 3.
    struct Toy;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct ToyConfig {
        level: toml::Spanned<u8>,
    }

    impl interop_backends::registry::BackendFactory for Toy {
        fn key(&self) -> &str {
            "toy"
        }

        fn capabilities(&self) -> interop_backends::common::capability::Capabilities {
            interop_backends::c::capabilities::CAPABILITIES
        }

        fn create(
            &self,
            section: &Section<'_>,
        ) -> Result<interop_backends::registry::Configured, SectionError> {
            let cfg: ToyConfig = section.deserialize()?;
            if !(1..=3).contains(cfg.level.get_ref()) {
                return Err(
                    SectionError::at(cfg.level.span(), "`level` must be 1, 2 or 3")
                        .with_help("write `level = 1`"),
                );
            }
            let c = interop_backends::c::CBackend::new(interop_backends::c::Config::default());
            Ok(interop_backends::registry::Configured::new(c))
        }
    }

    #[test]
    fn a_registered_backend_gets_its_section_and_is_listed() {
        let mut registry = builtin();
        registry.register(Toy);
        let parse_toy =
            |text: &str| parse(text, Path::new("Interop.toml"), Path::new("/p"), &registry);

        let backends = parse_toy("[toy]\nlevel = 2\n\n[c]\n").expect("valid");
        assert_eq!(keys(&backends), ["c", "toy"]);

        let e = parse_toy("[toy]\nlevel = 7\n").expect_err("out of range");
        assert_eq!((e.line, e.col, e.width), (2, 9, 1), "{e}");
        assert_eq!(e.message, "`level` must be 1, 2 or 3");
        assert_eq!(e.help.as_deref(), Some("write `level = 1`"));

        let e = parse_toy("[toy]\nlevel = 1\nlevle = 1\n").expect_err("unknown key");
        assert_eq!((e.line, e.col), (3, 1), "{e}");
        assert_eq!(
            e.help.as_deref(),
            Some("remove the key or correct its spelling"),
            "not a built-in: docs/cli.md does not list its keys"
        );

        let e = parse_toy("[java]\n").expect_err("unknown language");
        assert!(
            e.message.ends_with("available: c, csharp, python, toy"),
            "{e}"
        );
        assert!(
            e.help
                .as_deref()
                .is_some_and(|h| h.ends_with("`[python]`, `[toy]`")),
            "{e}"
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
        assert!(
            e.help.as_deref().is_some_and(
                |h| h.starts_with("add at least one section: `[c]`, `[csharp]` or `[python]`")
            ),
            "{e}"
        );
    }

    #[test]
    fn caret_width_and_columns_count_characters() {
        let d = Diagnostic::at(Path::new("f"), "ab\né = 1\n", 6..7, "m", None);
        assert_eq!((d.line, d.col, d.width), (2, 3, 1));
        assert_eq!(d.to_string(), "f:2:3: m\n  |\n2 | é = 1\n  |   ^");
    }
}
