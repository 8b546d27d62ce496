//! `Interop.toml`: which languages to generate and how. Errors point at `file:line:col` with the
//! offending source line and a caret.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use interop_backends::Backend;
use interop_backends::registry::{ConfigError as SectionError, Registry, Section};

use crate::status::display_path;

mod template;

pub use template::init_template;

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

#[cfg(test)]
mod tests;
