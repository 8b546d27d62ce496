//! `[csharp]` resolved against the package: the namespace, class and library names every renderer uses.

use super::names::{self, pascal};
use super::{Config, Naming};
use crate::{BackendError, PackageInfo};

/// Resolved `[csharp]` settings.
#[derive(Debug, Clone)]
pub struct Settings {
    pub namespace: String,
    pub class: String,
    pub native_class: String,
    pub library: String,
    pub exception: String,
    /// The base class of the exceptions of `Result` errors (`<last namespace segment>Exception`).
    pub errors: String,
    pub access: &'static str,
    pub naming: Naming,
}

fn unsupported(msg: impl Into<String>) -> BackendError {
    BackendError::Unsupported(format!("C#: {}", msg.into()))
}

impl Settings {
    pub fn resolve(config: &Config, package: &PackageInfo) -> Result<Settings, BackendError> {
        let lib_pascal = pascal(&package.lib_name, Naming::Idiomatic);
        let namespace = config
            .namespace
            .clone()
            .unwrap_or_else(|| lib_pascal.clone());
        if namespace.is_empty() || !namespace.split('.').all(names::is_identifier) {
            return Err(unsupported(format!(
                "`namespace = \"{namespace}\"` in [csharp] is not a valid C# namespace \
                 (dot-separated identifiers, no keywords)"
            )));
        }
        let class = match &config.class {
            Some(c) => c.clone(),
            None => {
                let last = namespace.rsplit('.').next().unwrap_or(&namespace);
                format!("{last}Lib")
            }
        };
        let exception = config
            .exception
            .clone()
            .unwrap_or_else(|| "RustPanicException".to_string());
        for (key, value) in [("class", &class), ("exception", &exception)] {
            if !names::is_identifier(value) {
                return Err(unsupported(format!(
                    "`{key} = \"{value}\"` in [csharp] is not a valid C# identifier"
                )));
            }
        }
        let library = config
            .native_library
            .clone()
            .unwrap_or_else(|| package.lib_name.clone());
        if library.is_empty() || library.contains(['"', '\\', '\n']) {
            return Err(unsupported(format!(
                "`native-library = \"{library}\"` in [csharp] is not a usable library name"
            )));
        }
        let last = namespace.rsplit('.').next().unwrap_or(&namespace);
        let errors = format!("{last}Exception");
        Ok(Settings {
            errors,
            native_class: format!("{class}Native"),
            namespace,
            class,
            library,
            exception,
            access: config.access.keyword(),
            naming: config.naming,
        })
    }
}
