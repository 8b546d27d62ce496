//! The one free function of every owned buffer the library returns (ADR 0011).
//!
//! A returned `String`, `Vec<T>` or `Box<[T]>` is a [`Buffer`](super::Buffer) `{ptr, len, cap}`
//! allocated by the library's global allocator for `cap` elements of the element's ABI form. The
//! receiver copies what it needs, frees the elements' own buffers first (a `Vec<String>` holds one
//! buffer per string), then gives the buffer back here with the size and alignment of its elements,
//! which rebuild the allocation's layout. There is no exported function per type: the bindings know
//! each element's layout from the inventory (C gets a `static inline` free helper per owned type).

use core::ffi::c_void;
use std::alloc::{Layout, dealloc};

/// Frees the allocation of an owned buffer returned by the library: `cap` elements of `elem_size`
/// bytes aligned to `elem_align`. Does nothing for NULL, `cap == 0` or `elem_size == 0` (nothing
/// was allocated), nor for sizes no allocation can have.
///
/// # Safety
/// `ptr` and `cap` come from one buffer the library returned and that was not freed yet;
/// `elem_size` and `elem_align` are those of its elements' ABI form (the inventory's layout).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_buffer_free(
    ptr: *mut c_void,
    cap: usize,
    elem_size: usize,
    elem_align: usize,
) {
    if ptr.is_null() || cap == 0 || elem_size == 0 {
        return;
    }
    let Some(size) = cap.checked_mul(elem_size) else {
        return;
    };
    let Ok(layout) = Layout::from_size_align(size, elem_align) else {
        return;
    };
    // SAFETY: the caller's promise: this is the allocation `Vec` made for `cap` such elements.
    unsafe { dealloc(ptr.cast(), layout) };
}
