//! The crate's symbol prefix: `[package.metadata.interop] symbol-prefix = "mylib_"` in its
//! Cargo.toml (a C library's `mylib_` convention: every exported symbol of the crate starts with it).
//!
//! The attribute reads the manifest of the crate being compiled (`CARGO_MANIFEST_DIR`), once per
//! compilation. Cargo does not rebuild a crate when only its `[package.metadata]` changes, so the
//! first expansion of a compilation also includes the manifest's bytes in a constant: rustc then
//! records the manifest as an input of the crate, and a change of the prefix rebuilds it.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::sync::Mutex;

use proc_macro2::TokenStream;
use quote::quote;

/// The prefix (empty when none is set), or the problem with the manifest's setting. Cached per
/// manifest directory (a process that expands for several crates, such as an IDE's, gets each its own).
pub fn symbol_prefix() -> Result<String, String> {
    static CACHE: Mutex<BTreeMap<OsString, Result<String, String>>> = Mutex::new(BTreeMap::new());
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Ok(String::new());
    };
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .entry(dir.clone())
        .or_insert_with(|| read(&dir))
        .clone()
}

fn read(dir: &OsString) -> Result<String, String> {
    let path = std::path::Path::new(&dir).join("Cargo.toml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(String::new());
    };
    let manifest: toml::Table = text
        .parse()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let value = manifest
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.get("interop"))
        .and_then(|i| i.get("symbol-prefix"));
    match value {
        None => Ok(String::new()),
        Some(toml::Value::String(prefix)) if is_prefix(prefix) => Ok(prefix.clone()),
        Some(other) => Err(format!(
            "{}: `[package.metadata.interop] symbol-prefix` must be a string of ASCII letters, \
             digits and `_` not starting with a digit (such as \"mylib_\"), got {other:?}",
            path.display()
        )),
    }
}

fn is_prefix(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `const _: &[u8] = include_bytes!("<manifest>");` the first time in this compilation of the crate
/// (see the module docs), nothing afterwards.
pub fn track_manifest() -> TokenStream {
    static DONE: Mutex<BTreeSet<OsString>> = Mutex::new(BTreeSet::new());
    let Some(dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return TokenStream::new();
    };
    if !DONE.lock().unwrap_or_else(|e| e.into_inner()).insert(dir) {
        return TokenStream::new();
    }
    quote! {
        const _: &[u8] = ::core::include_bytes!(::core::concat!(
            ::core::env!("CARGO_MANIFEST_DIR"),
            "/Cargo.toml"
        ));
    }
}
