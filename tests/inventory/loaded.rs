//! Building the fixture libraries in a cargo profile and loading them with their inventory.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use interop_core::model::Inventory;
use interop_tests::cargo_build_artifacts;
use libloading::{Library, Symbol};

/// `cargo build -p conformance -p unlinked` in `profile`: package name → path of its cdylib.
pub(crate) fn build(profile: &str) -> BTreeMap<String, PathBuf> {
    let libs: BTreeMap<String, PathBuf> = cargo_build_artifacts(
        &["-p", "conformance", "-p", "unlinked", "--profile", profile],
        "cdylib",
    )
    .into_iter()
    .collect();
    assert!(
        libs.contains_key("conformance"),
        "no conformance cdylib in {libs:?}"
    );
    assert!(
        libs.contains_key("unlinked"),
        "no unlinked cdylib in {libs:?}"
    );
    libs
}

/// A loaded library and its inventory.
pub(crate) struct Loaded {
    pub(crate) lib: Library,
    pub(crate) inv: Inventory,
}

pub(crate) fn load(path: &PathBuf) -> Loaded {
    // SAFETY: loading a library of this workspace; its initialisers are Rust's and linkme's.
    let lib = unsafe { Library::new(path) }.unwrap_or_else(|e| panic!("load {path:?}: {e}"));
    let inv = {
        // SAFETY: the documented signature of the inventory symbol.
        let f: Symbol<unsafe extern "C" fn(*mut usize) -> *const u8> =
            unsafe { lib.get(b"interop_inventory\0") }.expect("interop_inventory symbol");
        let mut len = 0usize;
        let ptr = unsafe { f(&mut len) };
        assert!(!ptr.is_null(), "interop_inventory returned NULL");
        // SAFETY: the library owns `len` bytes at `ptr` until it is unloaded.
        let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
        serde_json::from_slice::<Inventory>(bytes).expect("inventory JSON parses")
    };
    inv.validate().expect("inventory is valid");
    Loaded { lib, inv }
}

/// Each profile is built once per test process; the libraries stay loaded.
pub(crate) fn libs(profile: &'static str) -> &'static BTreeMap<String, Loaded> {
    static CACHE: OnceLock<Mutex<BTreeMap<&'static str, &'static BTreeMap<String, Loaded>>>> =
        OnceLock::new();
    // One cargo build at a time: they share the target directory lock anyway.
    static BUILD: Mutex<()> = Mutex::new(());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(l) = cache.lock().unwrap().get(profile) {
        return l;
    }
    let _guard = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(l) = cache.lock().unwrap().get(profile) {
        return l;
    }
    let built: BTreeMap<String, Loaded> = build(profile)
        .into_iter()
        .map(|(name, path)| (name, load(&path)))
        .collect();
    let leaked: &'static BTreeMap<String, Loaded> = Box::leak(Box::new(built));
    cache.lock().unwrap().insert(profile, leaked);
    leaked
}
