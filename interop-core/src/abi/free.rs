//! The one free function of every owned buffer the library returns (ADR 0011).
//!
//! A returned `String`, `Vec<T>` or `Box<[T]>` is a [`Buffer`](super::Buffer) `{ptr, len, cap}`
//! allocated by the library's global allocator for `cap` elements of the element's ABI form. The
//! receiver copies what it needs, frees the elements' own buffers first (a `Vec<String>` holds one
//! buffer per string), then gives the buffer back here with the size and alignment of its elements,
//! which rebuild the allocation's layout. There is no exported function per type: the bindings know
//! each element's layout from the inventory (C gets a `static inline` free helper per owned type).

use core::ffi::c_void;
use std::alloc::{Layout, alloc, alloc_zeroed, dealloc};

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

/// Allocates an owned buffer for foreign code to hand to the library (a closure's returned
/// `String` or `Vec<T>`, ADR 54): `cap` zeroed elements of `elem_size` bytes aligned to
/// `elem_align`, from the library's global allocator, so that Rust can take it as its own or give
/// it back to [`interop_buffer_free`]. NULL for `cap == 0` or `elem_size == 0` (nothing to
/// allocate: pass `cap` 0), for a size that overflows or an alignment that is not a power of two,
/// and when the allocator fails.
#[unsafe(no_mangle)]
pub extern "C" fn interop_buffer_alloc(
    cap: usize,
    elem_size: usize,
    elem_align: usize,
) -> *mut c_void {
    // Bytes (a closure's returned string, every call), 1 to `SMALL` of them: no product, no
    // layout to check (ADR 54, third addendum).
    if elem_size == 1 && elem_align == 1 && cap.wrapping_sub(1) < SMALL {
        // SAFETY: size 1 to `SMALL`, alignment 1: a valid layout of non-zero size.
        return unsafe { small(Layout::from_size_align_unchecked(cap, 1)) }.cast();
    }
    if cap == 0 || elem_size == 0 {
        return core::ptr::null_mut();
    }
    let Some(size) = cap.checked_mul(elem_size) else {
        return core::ptr::null_mut();
    };
    let Ok(layout) = Layout::from_size_align(size, elem_align) else {
        return core::ptr::null_mut();
    };
    if size > SMALL {
        // SAFETY: the layout's size is not 0 (cap and elem_size are not).
        return unsafe { alloc_zeroed(layout) }.cast();
    }
    // SAFETY: the layout's size is not 0.
    unsafe { small(layout) }.cast()
}

/// A zeroed allocation of `layout` (at most [`SMALL`] bytes): `malloc` and clear. glibc's
/// `calloc` bypasses its per-thread cache and measured ~35 ns against ~20 for `malloc` for 11
/// bytes; above `SMALL`, `calloc` can hand out zero pages without writing them. `black_box` hides
/// from LLVM that `ptr` is a fresh allocation: without it LLVM folds the allocation and the clear
/// into one `__rust_alloc_zeroed`, i.e. `calloc` again (seen in the release build's disassembly;
/// ADR 54, second addendum).
///
/// # Safety
/// The layout's size is not 0.
#[inline(always)]
unsafe fn small(layout: Layout) -> *mut u8 {
    // SAFETY: the layout's size is not 0 (the caller's promise).
    let ptr = core::hint::black_box(unsafe { alloc(layout) });
    if !ptr.is_null() {
        // SAFETY: `ptr` is a fresh allocation of `layout.size()` bytes.
        unsafe { clear(ptr, layout.size()) };
    }
    ptr
}

/// Zeroes `size` bytes at `ptr`: up to 32 bytes with two (possibly overlapping) unaligned stores
/// of the largest width that fits, inline; more through `memset`. A closure's short string no
/// longer pays a call of `memset` (ADR 54, third addendum).
///
/// # Safety
/// `ptr` is valid for writes of `size` bytes.
#[inline(always)]
unsafe fn clear(ptr: *mut u8, size: usize) {
    // SAFETY: every store below lies inside `ptr .. ptr + size` (`size` is at least the width
    // of the two stores of its branch, which start at 0 and at `size - width`).
    unsafe {
        match size {
            0 => {}
            1..=3 => {
                ptr.write(0);
                ptr.add(size / 2).write(0);
                ptr.add(size - 1).write(0);
            }
            4..=7 => {
                ptr.cast::<u32>().write_unaligned(0);
                ptr.add(size - 4).cast::<u32>().write_unaligned(0);
            }
            8..=15 => {
                ptr.cast::<u64>().write_unaligned(0);
                ptr.add(size - 8).cast::<u64>().write_unaligned(0);
            }
            16..=32 => {
                ptr.cast::<u128>().write_unaligned(0);
                ptr.add(size - 16).cast::<u128>().write_unaligned(0);
            }
            _ => ptr.write_bytes(0, size),
        }
    }
}

/// `len` bytes of the library's global allocator holding a copy of the `len` bytes at `src`
/// (`len > 0`), not cleared first: what the compiled Python trampoline writes to a closure's
/// `String` slot (ADR 54; the same allocation [`interop_buffer_alloc`] makes for `(len, 1, 1)`,
/// freed by [`interop_buffer_free`] or taken by `String::from_raw_parts`). NULL when the allocator
/// fails.
///
/// # Safety
/// `src` is readable for `len` bytes and `len > 0`.
#[inline]
pub(crate) unsafe fn copy_bytes(src: *const u8, len: usize) -> *mut u8 {
    let Ok(layout) = Layout::from_size_align(len, 1) else {
        return core::ptr::null_mut();
    };
    // SAFETY: `len > 0` (the caller's promise).
    let ptr = unsafe { alloc(layout) };
    if !ptr.is_null() {
        // SAFETY: a fresh allocation of `len` bytes; `src` is readable for `len` bytes.
        unsafe { core::ptr::copy_nonoverlapping(src, ptr, len) };
    }
    ptr
}

/// The size up to which [`interop_buffer_alloc`] clears a `malloc`ed buffer itself.
const SMALL: usize = 4096;

#[cfg(test)]
mod tests {
    use super::{interop_buffer_alloc, interop_buffer_free};

    #[test]
    fn alloc_refuses_what_no_buffer_can_be() {
        assert!(interop_buffer_alloc(0, 4, 4).is_null());
        assert!(interop_buffer_alloc(4, 0, 4).is_null());
        assert!(interop_buffer_alloc(usize::MAX, 2, 1).is_null());
        assert!(interop_buffer_alloc(1, 4, 3).is_null());
        assert!(interop_buffer_alloc(usize::MAX / 2, 1, 1 << 20).is_null());
    }

    #[test]
    fn alloc_gives_zeroed_memory_free_takes_back() {
        let p = interop_buffer_alloc(16, 8, 8);
        assert!(!p.is_null());
        assert!(p.cast::<u64>().is_aligned());
        // SAFETY: 16 elements of 8 bytes were allocated.
        let bytes = unsafe { core::slice::from_raw_parts(p.cast::<u8>(), 128) };
        assert!(bytes.iter().all(|b| *b == 0));
        // SAFETY: the allocation above, freed once.
        unsafe { interop_buffer_free(p, 16, 8, 8) };
        // Small buffers are cleared by hand (malloc + clear), large ones by calloc: both zeroed,
        // also when the allocator hands back memory just freed with other contents.
        // Every size of the inline clear (1 to 32 bytes) and past it, bytes and wider elements.
        let sizes = (1..=33).map(|cap| (cap, 1));
        for (cap, size) in sizes.chain([(4, 8), (super::SMALL, 1), (super::SMALL + 1, 1)]) {
            let p = interop_buffer_alloc(cap, size, 1);
            // SAFETY: `cap * size` bytes were allocated; dirtied, then given back.
            unsafe {
                p.cast::<u8>().write_bytes(0xAB, cap * size);
                interop_buffer_free(p, cap, size, 1);
            }
            let q = interop_buffer_alloc(cap, size, 1);
            // SAFETY: `cap * size` bytes were allocated.
            let bytes = unsafe { core::slice::from_raw_parts(q.cast::<u8>(), cap * size) };
            assert!(bytes.iter().all(|b| *b == 0));
            // SAFETY: the allocation above, freed once.
            unsafe { interop_buffer_free(q, cap, size, 1) };
        }
    }

    #[test]
    fn a_string_allocated_here_becomes_a_rust_string() {
        let p = interop_buffer_alloc(5, 1, 1).cast::<u8>();
        assert!(!p.is_null());
        // SAFETY: 5 bytes allocated, written, then taken with the allocation's capacity.
        let s = unsafe {
            core::ptr::copy_nonoverlapping(b"hello".as_ptr(), p, 5);
            String::from_raw_parts(p, 5, 5)
        };
        assert_eq!(s, "hello");
    }

    #[test]
    fn a_copy_is_a_rust_string_too() {
        // SAFETY: 11 readable bytes; the copy is an allocation of 11 bytes, taken once.
        let s = unsafe {
            let p = super::copy_bytes(b"hello world".as_ptr(), 11);
            assert!(!p.is_null());
            String::from_raw_parts(p, 11, 11)
        };
        assert_eq!(s, "hello world");
    }
}
