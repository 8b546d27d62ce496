//! `*const T`, `*mut T`, `*const c_void`, `*mut c_void`, pointers to pointers, and a
//! self-referential struct (forward-declared in C).
use core::ffi::c_void;

use interop_core::ffi;

/// A linked-list node: a struct that points to its own type.
#[ffi]
#[derive(Clone, Copy)]
pub struct Node {
    pub value: i32,
    pub next: *const Node,
}

/// A tree node pointing to a type defined later (alphabetically: forward-declared).
#[ffi]
#[derive(Clone, Copy)]
pub struct Branch {
    pub leaf: *mut Leaf,
    pub user_data: *mut c_void,
}

/// A leaf.
#[ffi]
#[derive(Clone, Copy)]
pub struct Leaf {
    pub weight: f64,
}

/// Sums a list given by its head (NULL for empty).
#[ffi]
pub unsafe fn list_sum(head: *const Node) -> i32 {
    let mut sum = 0i32;
    let mut cur = head;
    while let Some(node) = unsafe { cur.as_ref() } {
        sum = sum.wrapping_add(node.value);
        cur = node.next;
    }
    sum
}

/// Sums `len` values read through a raw pointer.
#[ffi]
pub unsafe fn sum_raw(data: *const i32, len: usize) -> i64 {
    if data.is_null() {
        return 0;
    }
    unsafe { core::slice::from_raw_parts(data, len) }.iter().map(|&v| i64::from(v)).sum()
}

/// Writes `len` bytes through a raw mutable pointer.
#[ffi]
pub unsafe fn fill_raw(out: *mut u8, len: usize, value: u8) {
    if !out.is_null() {
        unsafe { core::ptr::write_bytes(out, value, len) };
    }
}

/// Whether a `void*` is NULL.
#[ffi]
pub fn is_null(p: *const c_void) -> bool {
    p.is_null()
}

/// Returns the pointer it is given.
#[ffi]
pub fn identity(p: *mut c_void) -> *mut c_void {
    p
}

/// Walks a pointer to a list of mutable node pointers.
#[ffi]
pub unsafe fn first_of(nodes: *const *mut Node) -> *mut Node {
    if nodes.is_null() {
        return core::ptr::null_mut();
    }
    unsafe { *nodes }
}
