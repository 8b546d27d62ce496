//! A loaded foreign library.

use std::path::{Path, PathBuf};

/// Why a plugin could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PluginError {
    /// The dynamic loader refused the file (not found, not a library, missing dependencies …).
    #[error("cannot load plugin {}: {message}", path.display())]
    Load {
        path: PathBuf,
        /// The loader's own explanation (dlerror), e.g. "cannot open shared object file".
        message: String,
    },
    /// The library loaded but does not export every function of the interface.
    #[error(
        "plugin {} does not implement the interface: missing {}",
        path.display(),
        missing.join(", ")
    )]
    MissingSymbols {
        path: PathBuf,
        missing: Vec<&'static str>,
    },
}

/// A dynamically loaded library; unloaded when dropped.
#[derive(Debug)]
pub struct Library {
    path: PathBuf,
    inner: libloading::Library,
}

impl Library {
    /// Open a library.
    ///
    /// # Safety
    /// Opening a library runs its initialisers, which can do anything.
    pub unsafe fn open(path: &Path) -> Result<Self, PluginError> {
        // SAFETY: forwarded to the caller.
        let inner = unsafe { libloading::Library::new(path) }.map_err(|e| PluginError::Load {
            path: path.to_path_buf(),
            message: error_chain(&e),
        })?;
        Ok(Self {
            path: path.to_path_buf(),
            inner,
        })
    }

    /// The path the library was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Look up a function pointer by symbol name; `None` if the library does not export it.
    ///
    /// # Safety
    /// `F` must be the function pointer type matching the symbol's real signature, and the pointer must
    /// not be called after this `Library` is dropped.
    pub unsafe fn function<F: Copy>(&self, name: &str) -> Option<F> {
        // SAFETY: forwarded to the caller.
        unsafe { self.inner.get::<F>(name.as_bytes()) }
            .ok()
            .map(|symbol| *symbol)
    }

    /// The error for a library that lacks `missing`.
    pub fn missing(&self, missing: Vec<&'static str>) -> PluginError {
        PluginError::MissingSymbols {
            path: self.path.clone(),
            missing,
        }
    }
}

/// An error and its sources, joined: libloading's own Display says only "dlopen failed"; the loader's
/// explanation is in the source.
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}
