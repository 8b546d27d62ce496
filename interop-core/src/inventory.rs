//! The exported inventory symbol.

use std::sync::OnceLock;

use crate::model::Inventory;

static JSON: OnceLock<Vec<u8>> = OnceLock::new();
/// The hash as 16 hex digits and a NUL, in static memory (nothing left on the heap at exit).
static HASH: OnceLock<[u8; 17]> = OnceLock::new();

/// The inventory of this library, as collected from the `#[ffi]` registrations.
pub fn inventory() -> Inventory {
    crate::registry::collect()
}

/// The inventory serialized as JSON (what [`interop_inventory`] returns).
pub fn inventory_json() -> String {
    // Serializing plain data to a String cannot fail (no maps with non-string keys, no I/O).
    serde_json::to_string(&inventory()).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
}

/// Returns the inventory of this library as UTF-8 JSON and writes its length to `len`.
/// The bytes are owned by the library and stay valid until it is unloaded. Never panics.
///
/// # Safety
/// `len` must be NULL or point to writable memory for a `usize`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_inventory(len: *mut usize) -> *const u8 {
    let json = match std::panic::catch_unwind(|| JSON.get_or_init(|| inventory_json().into_bytes()))
    {
        Ok(json) => json,
        Err(_) => return std::ptr::null(),
    };
    if !len.is_null() {
        // SAFETY: the caller guarantees `len` is writable.
        unsafe { *len = json.len() };
    }
    json.as_ptr()
}

/// Returns the hash of this library's inventory ([`Inventory::hash`]) as a NUL-terminated string of
/// 16 lowercase hex digits, owned by the library and valid until it is unloaded; NULL only if computing
/// it panicked. Bindings call it once at load and refuse a library whose hash differs from the one
/// they were generated from. Never panics.
#[unsafe(no_mangle)]
pub extern "C" fn interop_inventory_hash() -> *const std::ffi::c_char {
    let hash = std::panic::catch_unwind(|| {
        HASH.get_or_init(|| {
            let mut out = [0u8; 17];
            let hash = inventory().hash();
            let n = hash.len().min(16);
            out[..n].copy_from_slice(&hash.as_bytes()[..n]);
            out
        })
    });
    match hash {
        Ok(hash) => hash.as_ptr().cast(),
        Err(_) => std::ptr::null(),
    }
}
