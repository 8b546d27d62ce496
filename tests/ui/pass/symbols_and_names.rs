//! Symbols, names and kinds: module functions are prefixed by their module, methods by their type,
//! the crate may add its own prefix (here none: the test crate has no `[package.metadata.interop]`);
//! lifetimes on records, `_` parameters, non-ASCII names where a C symbol is not involved, and
//! destructors (NULL-safe). Every warning is denied.
#![deny(warnings)]

use std::sync::atomic::{AtomicU32, Ordering};

use interop_core::ffi;
use interop_core::model::{FunctionKind, Primitive, PointerKind, TypeKind, TypeRef};

static DESTROYED: AtomicU32 = AtomicU32::new(0);

/// A record borrowing what it points to: the lifetime does not change the layout.
#[ffi]
pub struct View<'a> {
    pub value: &'a u32,
    pub len: u32,
}

#[ffi(module = "slots")]
pub fn free(slot: u64) -> u64 {
    slot + 1
}

#[ffi]
pub fn ignored(_: u32, b: u32, _: u8) -> u32 {
    b
}

/// Non-ASCII names are fine in the bindings; the C symbol is given explicitly.
#[ffi(export = "groesse")]
pub fn größe(länge: u32) -> u32 {
    länge
}

#[ffi]
pub fn view_sum(v: View<'_>) -> u32 {
    *v.value + v.len
}

#[ffi]
pub unsafe fn c_strlen(s: *const core::ffi::c_char) -> usize {
    unsafe { core::ffi::CStr::from_ptr(s) }.to_bytes().len()
}

#[ffi(opaque)]
pub struct Engine {
    rpm: u32,
}

#[ffi]
impl Engine {
    pub fn new(rpm: u32) -> *mut Engine {
        Box::into_raw(Box::new(Engine { rpm }))
    }

    pub fn rpm(&self) -> u32 {
        self.rpm
    }

    /// Frees an engine made by `engine_new`.
    #[ffi(destructor)]
    pub unsafe fn destroy(engine: *mut Self) {
        DESTROYED.fetch_add(1, Ordering::SeqCst);
        drop(unsafe { Box::from_raw(engine) });
    }
}

unsafe extern "C" {
    fn slots_free(slot: u64) -> u64;
    #[link_name = "ignored"]
    fn raw_ignored(a: u32, b: u32, c: u8) -> u32;
    fn engine_new(rpm: u32) -> *mut core::ffi::c_void;
    fn engine_destroy(engine: *mut core::ffi::c_void);
}

fn main() {
    let inv = interop_core::inventory::inventory();
    inv.validate().unwrap();
    let func = |rust: &str| inv.functions.iter().find(|f| f.rust_name == rust).unwrap_or_else(|| panic!("{rust}"));

    assert_eq!(func("free").symbol, "slots_free");
    assert_eq!(func("rpm").symbol, "engine_rpm");
    let params: Vec<&str> = func("ignored").params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(params, ["arg0", "b", "arg2"]);
    assert_eq!(func("größe").symbol, "groesse");
    assert_eq!(func("größe").params[0].name, "länge");
    assert_eq!(
        func("c_strlen").params[0].ty,
        TypeRef::pointer(TypeRef::primitive(Primitive::CChar), false, PointerKind::Raw)
    );
    assert_eq!(func("destroy").kind, FunctionKind::Destructor);
    assert_eq!(func("new").kind, FunctionKind::Function);
    let view = inv.types.iter().find(|t| t.rust_name == "View").unwrap();
    let TypeKind::Struct(s) = &view.kind else { panic!() };
    assert_eq!(s.fields.len(), 2);

    // SAFETY: the shims' C ABI.
    unsafe {
        assert_eq!(slots_free(1), 2);
        assert_eq!(raw_ignored(1, 2, 3), 2);
        engine_destroy(core::ptr::null_mut());
        assert!(interop_core::panic::take().is_none(), "NULL is no error for a destructor");
        assert_eq!(DESTROYED.load(Ordering::SeqCst), 0, "and the function is not called");
        engine_destroy(engine_new(5));
        assert_eq!(DESTROYED.load(Ordering::SeqCst), 1);
    }
}
