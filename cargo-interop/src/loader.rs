//! Loading the built library and reading its inventory (with the schema check first).

use std::path::Path;

use anyhow::{Context as _, Result, anyhow, bail};
use interop_core::model::{INVENTORY_SYMBOL, Inventory, SCHEMA_VERSION};
use serde::Deserialize;

use crate::status::display_path;

type InventoryFn = unsafe extern "C" fn(len: *mut usize) -> *const u8;

/// Only the version field, read before anything else so an incompatible library gets a clear error.
#[derive(Deserialize)]
struct Header {
    schema_version: u32,
}

/// Load `library`, call its inventory symbol and copy out the JSON.
pub fn read_inventory_json(library: &Path) -> Result<Vec<u8>> {
    with_inventory_json(library, |json| Ok(json.to_vec()))
}

/// Load `library`, call its inventory symbol and hand the JSON, borrowed from the loaded library, to
/// `f` (no copy) while the library stays loaded.
fn with_inventory_json<T>(library: &Path, f: impl FnOnce(&[u8]) -> Result<T>) -> Result<T> {
    let shown = display_path(library);
    // SAFETY: loading a library runs its initializers. The library is the user's own crate, built a
    // moment ago by `cargo build`; running its code is what this tool is for.
    let lib = unsafe { libloading::Library::new(library) }.map_err(|e| {
        anyhow!(
            "cannot load `{shown}`: {}\n  = help: the dynamic loader rejected the library; make sure every \
             symbol it uses is defined (by the library itself or a library it links)",
            loader_message(&e)
        )
    })?;
    // SAFETY: the signature of the inventory symbol is fixed across schema versions (see interop-core).
    let inventory: libloading::Symbol<'_, InventoryFn> =
        unsafe { lib.get(INVENTORY_SYMBOL.as_bytes()) }.map_err(|_| {
            anyhow!(
                "`{shown}` does not export `{INVENTORY_SYMBOL}`, so it exposes nothing to cargo-interop\n  \
                 = help: depend on interop-core, add to [dependencies] in the crate's Cargo.toml:\n\n    \
                 {}\n\n  and mark the functions, types and constants to export with #[ffi]",
                interop_core_dependency()
            )
        })?;
    let mut len = 0usize;
    // SAFETY: `len` is a valid out-pointer; the symbol has the documented signature.
    let ptr = unsafe { inventory(&mut len) };
    if ptr.is_null() {
        bail!("`{INVENTORY_SYMBOL}` in `{shown}` failed (it returned NULL)");
    }
    // SAFETY: the library guarantees `len` readable bytes at `ptr` while it stays loaded; `lib` is
    // dropped only after `f` returned, and `T` owns its data (it cannot borrow the slice).
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    // `lib` is dropped at the end of this function, after `f` returned.
    f(bytes)
}

/// The `interop-core` dependency line that resolves for the user: the source this cargo-interop was
/// built from when it is still there (as with `cargo install --path cargo-interop`), else the git
/// repository. (interop-core is not on crates.io, so a version requirement alone would not resolve.)
pub fn interop_core_dependency() -> String {
    let local = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(|root| root.join("interop-core"))
        .filter(|dir| dir.join("Cargo.toml").is_file());
    match local {
        Some(dir) => format!(
            "interop-core = {{ path = {} }}",
            toml::Value::String(dir.display().to_string())
        ),
        None => format!(
            "interop-core = {{ git = {} }}",
            toml::Value::String(env!("CARGO_PKG_REPOSITORY").to_string())
        ),
    }
}

fn loader_message(e: &libloading::Error) -> String {
    // libloading's Display is only "dlopen failed"; the dlerror text (its source) is what users can act on.
    match std::error::Error::source(e) {
        Some(source) => source.to_string(),
        None => e.to_string(),
    }
}

/// Parse inventory JSON, check `schema_version`, then `validate()`.
///
/// The happy path parses once: the whole model, then its version is compared. Only when that parse
/// fails is `schema_version` read alone, so a library of another schema gets the version error rather
/// than a parse error.
pub fn parse_inventory(json: &[u8], library: &Path) -> Result<Inventory> {
    let shown = display_path(library);
    let inventory = match serde_json::from_slice::<Inventory>(json) {
        Ok(inventory) => {
            check_schema(inventory.schema_version, &shown)?;
            inventory
        }
        Err(full) => {
            let header: Header = serde_json::from_slice(json).with_context(|| {
                format!("the inventory of `{shown}` is not valid inventory JSON")
            })?;
            check_schema(header.schema_version, &shown)?;
            return Err(anyhow::Error::new(full).context(format!(
                "the inventory of `{shown}` (schema version {SCHEMA_VERSION}) is malformed"
            )));
        }
    };
    inventory
        .validate()
        .map_err(|e| anyhow!("the inventory of `{shown}` is inconsistent: {e}"))?;
    Ok(inventory)
}

fn check_schema(version: u32, shown: &str) -> Result<()> {
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let (fix, which) = if version > SCHEMA_VERSION {
        (
            "update cargo-interop (`cargo install cargo-interop`)",
            "newer",
        )
    } else {
        (
            "update the library's interop-core dependency (`cargo update -p interop-core`)",
            "older",
        )
    };
    bail!(
        "`{shown}` uses inventory schema version {version}, but this cargo-interop reads schema version \
         {SCHEMA_VERSION} (the library's interop-core is {which} than this cargo-interop)\n  = help: use \
         matching versions: {fix}"
    )
}

/// Load the library and return its validated inventory (parsed straight from the library's memory).
pub fn load_inventory(library: &Path) -> Result<Inventory> {
    with_inventory_json(library, |json| parse_inventory(json, library))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_mismatch_names_both_versions() {
        let e = parse_inventory(br#"{"schema_version": 999}"#, Path::new("libx.so"))
            .expect_err("mismatch");
        let s = format!("{e:#}");
        assert!(
            s.contains("999") && s.contains(&SCHEMA_VERSION.to_string()),
            "{s}"
        );
    }

    #[test]
    fn suggested_dependency_is_a_path_or_git_dependency() {
        let line = interop_core_dependency();
        let table: toml::Table = line.parse().expect("a TOML line");
        let dep = table["interop-core"].as_table().expect("a table");
        match (dep.get("path"), dep.get("git")) {
            (Some(path), None) => {
                let dir = Path::new(path.as_str().unwrap());
                assert!(dir.join("Cargo.toml").is_file(), "{line}");
            }
            (None, Some(git)) => assert!(git.as_str().unwrap().starts_with("https://")),
            _ => panic!("{line}"),
        }
    }

    #[test]
    fn not_json() {
        let e = parse_inventory(b"nope", Path::new("libx.so")).expect_err("bad json");
        assert!(format!("{e:#}").contains("not valid inventory JSON"));
    }

    #[test]
    fn empty_inventory_parses() {
        let json = serde_json::to_string(&Inventory::empty()).expect("serialize");
        let inv = parse_inventory(json.as_bytes(), Path::new("libx.so")).expect("valid");
        assert!(inv.functions.is_empty());
    }
}
