//! The backends a tool such as `cargo interop` knows, keyed by their `Interop.toml` section.
//!
//! A [`BackendFactory`] names its section (`[c]`), its language (`C`) and its capability table, and
//! creates the backend from the section's text. A [`Registry`] is a list of factories: [`builtin`]
//! holds the C, C# and Python ones, and a third party adds its own with [`Registry::register`]
//! (then drives cargo-interop's library with it, see `cargo_interop::main_with`) without forking.
//!
//! ```
//! use interop_backends::registry::{self, BackendFactory, ConfigError, Configured, Section};
//! use interop_backends::common::capability::Capabilities;
//! # use interop_backends::c;
//!
//! /// `[c-extra]`: a second C header with other settings, written by the built-in C backend.
//! struct ExtraC;
//!
//! impl BackendFactory for ExtraC {
//!     fn key(&self) -> &str {
//!         "c-extra"
//!     }
//!     fn capabilities(&self) -> Capabilities {
//!         c::capabilities::CAPABILITIES
//!     }
//!     fn create(&self, section: &Section<'_>) -> Result<Configured, ConfigError> {
//!         let config: c::Config = section.deserialize()?;
//!         Ok(Configured::new(c::CBackend::new(config)))
//!     }
//! }
//!
//! let mut registry = registry::builtin();
//! registry.register(ExtraC);
//! assert_eq!(registry.keys(), ["c", "csharp", "python", "c-extra"]);
//! ```

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::common::capability::Capabilities;
use crate::{Backend, c, csharp, python};

/// Creates one kind of backend from its `Interop.toml` section.
pub trait BackendFactory {
    /// The section's key in `Interop.toml` (`c`, `csharp`, `python`): a bare TOML key (letters,
    /// digits, `-`, `_`).
    fn key(&self) -> &str;

    /// What the backend supports, construct by construct (checked against the inventory before
    /// anything is generated, and rendered as the docs' support matrix). Its `language` is the
    /// human name (`C#`) used in messages.
    fn capabilities(&self) -> Capabilities;

    /// The human name of the language (`C#`); by default the capability table's.
    fn language(&self) -> &str {
        self.capabilities().language
    }

    /// Create the backend from its section. Configuration errors carry the byte range of the
    /// offending text ([`Section::deserialize`] gives serde's errors with theirs), so that the tool
    /// shows `Interop.toml:line:col` and the line.
    fn create(&self, section: &Section<'_>) -> Result<Configured, ConfigError>;
}

/// A backend created from its section, with the files the section names.
pub struct Configured {
    pub backend: Box<dyn Backend>,
    /// Files the configuration names that go into the outputs (readmes, prebuilt libraries), as
    /// absolute paths or relative to `Interop.toml`'s directory: a change to one makes the outputs
    /// out of date.
    pub inputs: Vec<PathBuf>,
}

impl Configured {
    /// A backend whose configuration names no input file.
    pub fn new(backend: impl Backend + 'static) -> Self {
        Self {
            backend: Box::new(backend),
            inputs: Vec::new(),
        }
    }

    /// The same, with the files the configuration names.
    pub fn with_inputs(mut self, inputs: impl IntoIterator<Item = PathBuf>) -> Self {
        self.inputs.extend(inputs);
        self
    }
}

impl fmt::Debug for Configured {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Configured")
            .field("language", &self.backend.language())
            .field("out_dir", &self.backend.out_dir())
            .field("inputs", &self.inputs)
            .finish()
    }
}

/// One section of an `Interop.toml`: its key, the file's text and the file's directory.
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    key: &'a str,
    text: &'a str,
    dir: &'a Path,
}

impl<'a> Section<'a> {
    /// The section `key` of the `Interop.toml` whose text is `text`, in directory `dir`.
    pub fn new(key: &'a str, text: &'a str, dir: &'a Path) -> Self {
        Self { key, text, dir }
    }

    pub fn key(&self) -> &str {
        self.key
    }

    /// The whole file's text (spans are byte ranges into it).
    pub fn text(&self) -> &str {
        self.text
    }

    /// The file's directory: relative paths in the section are relative to it.
    pub fn dir(&self) -> &Path {
        self.dir
    }

    /// Deserialize the section as `T`. With `#[serde(deny_unknown_fields)]` on `T`, a misspelt key is
    /// an error pointing at the key and listing the valid ones; a wrong value points at the value.
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, ConfigError> {
        let root = toml::de::DeTable::parse(self.text).map_err(ConfigError::from_toml)?;
        let value = root
            .get_ref()
            .iter()
            .find(|(k, _)| k.get_ref() == self.key)
            .map(|(_, v)| v.clone())
            .ok_or_else(|| ConfigError::new(format!("there is no `[{}]` section", self.key)))?;
        T::deserialize(toml::de::ValueDeserializer::from(value)).map_err(ConfigError::from_toml)
    }

    /// The byte range of the section's key (`[csharp]` or `csharp = …`), for errors about the section
    /// as a whole; `None` when the text does not parse or has no such key.
    pub fn span(&self) -> Option<Range<usize>> {
        let root = toml::de::DeTable::parse(self.text).ok()?;
        root.get_ref()
            .keys()
            .find(|k| k.get_ref() == self.key)
            .map(toml::Spanned::span)
    }
}

/// Why a section cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    pub message: String,
    /// The byte range of the offending text in the file (`None`: the section as a whole).
    pub span: Option<Range<usize>>,
    /// What to do about it.
    pub help: Option<String>,
}

impl ConfigError {
    /// An error about the section as a whole.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            span: None,
            help: None,
        }
    }

    /// An error about the text at `span`.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            span: Some(span),
            ..Self::new(message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// A TOML parse or deserialization error, with its span (the message on one line).
    pub fn from_toml(e: toml::de::Error) -> Self {
        Self {
            message: e.message().trim_end().replace('\n', "; "),
            span: e.span(),
            help: None,
        }
    }
}

/// The backends a tool knows, in the order they run.
#[derive(Default)]
pub struct Registry {
    factories: Vec<Box<dyn BackendFactory>>,
}

impl Registry {
    /// A registry without any backend.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add `factory` after the others, or in place of the one with the same key (a third party can
    /// replace a built-in backend).
    ///
    /// # Panics
    /// When the key is not a bare TOML key (letters, digits, `-`, `_`): a programming error of the
    /// factory, not something a user's input can cause.
    pub fn register(&mut self, factory: impl BackendFactory + 'static) -> &mut Self {
        let key = factory.key();
        assert!(
            is_bare_key(key),
            "backend key `{key}` is not a bare TOML key (letters, digits, `-`, `_`)"
        );
        match self.factories.iter().position(|f| f.key() == key) {
            Some(i) => self.factories[i] = Box::new(factory),
            None => self.factories.push(Box::new(factory)),
        }
        self
    }

    /// The factory of section `key`.
    pub fn get(&self, key: &str) -> Option<&dyn BackendFactory> {
        self.factories
            .iter()
            .find(|f| f.key() == key)
            .map(|f| f.as_ref())
    }

    /// Every factory, in the order the backends run.
    pub fn iter(&self) -> impl Iterator<Item = &dyn BackendFactory> {
        self.factories.iter().map(|f| f.as_ref())
    }

    /// Every section key, in order.
    pub fn keys(&self) -> Vec<&str> {
        self.iter().map(|f| f.key()).collect()
    }

    /// Every capability table, in order (the docs' support matrix).
    pub fn capabilities(&self) -> Vec<Capabilities> {
        self.iter().map(|f| f.capabilities()).collect()
    }

    pub fn len(&self) -> usize {
        self.factories.len()
    }

    pub fn is_empty(&self) -> bool {
        self.factories.is_empty()
    }
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.keys()).finish()
    }
}

fn is_bare_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// The built-in backends, in the order they run: `[c]`, `[csharp]`, `[python]`.
pub fn builtin() -> Registry {
    let mut registry = Registry::new();
    registry
        .register(CFactory)
        .register(CSharpFactory)
        .register(PythonFactory);
    registry
}

/// `[c]`: a header and a pkg-config file.
struct CFactory;

impl BackendFactory for CFactory {
    fn key(&self) -> &str {
        "c"
    }

    fn capabilities(&self) -> Capabilities {
        c::capabilities::CAPABILITIES
    }

    fn create(&self, section: &Section<'_>) -> Result<Configured, ConfigError> {
        let config: c::Config = section.deserialize()?;
        Ok(Configured::new(c::CBackend::new(config)))
    }
}

/// `[csharp]`: a source file and a NuGet package.
struct CSharpFactory;

impl BackendFactory for CSharpFactory {
    fn key(&self) -> &str {
        "csharp"
    }

    fn capabilities(&self) -> Capabilities {
        csharp::capabilities::CAPABILITIES
    }

    fn create(&self, section: &Section<'_>) -> Result<Configured, ConfigError> {
        let mut config: csharp::Config = section.deserialize()?;
        // Paths inside the section (readme, runtimes) are relative to Interop.toml, like out-dir.
        config.resolve_paths(section.dir());
        let inputs: Vec<PathBuf> = config
            .nuget
            .iter()
            .flat_map(|n| n.readme.iter().chain(n.runtimes.values()).cloned())
            .collect();
        Ok(Configured::new(csharp::CSharpBackend::new(config)).with_inputs(inputs))
    }
}

/// `[python]`: a package and a wheel.
struct PythonFactory;

impl BackendFactory for PythonFactory {
    fn key(&self) -> &str {
        "python"
    }

    fn capabilities(&self) -> Capabilities {
        python::capabilities::CAPABILITIES
    }

    fn create(&self, section: &Section<'_>) -> Result<Configured, ConfigError> {
        let mut config: python::Config = section.deserialize()?;
        config.resolve_paths(section.dir());
        let inputs: Vec<PathBuf> = config.wheel.readme.iter().cloned().collect();
        Ok(Configured::new(python::PythonBackend::new(config)).with_inputs(inputs))
    }
}

#[cfg(test)]
mod tests;
