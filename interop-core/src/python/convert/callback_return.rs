//! What a Python callable returns for a closure returning owned data (ADR 54): written to the slot
//! Rust passes, in owned form, every buffer in memory of `interop_buffer_alloc` (Rust takes it as
//! its own, no second copy). A `str` for a `String` is written here (`PyUnicode_AsUTF8AndSize`,
//! then one allocation and one copy); anything else (vectors, records owning data, options, and a
//! result of the wrong type, whose exception names the callback) by the package's `_own_into`
//! with the result's codec, the ctypes path's code, so both paths give the same values and the same
//! exceptions. On an exception the slot keeps what was written: Rust frees its `cap > 0` buffers.
//! A `String` slot this trampoline leaves without an exception holds UTF-8 (CPython's UTF-8 form,
//! or checked after `_own_into`): Rust takes it without a second check (ADR 54, third addendum).

use core::ffi::c_void;

use super::{Arg, ArgError};
use crate::abi::Buffer;
use crate::abi::free::copy_bytes;
use crate::python::call::{Builtins, Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, ARGUMENTS_OFFSET, Api, PyObject, api};

/// The result of a closure returning owned data.
pub struct OwnedResult {
    /// The layout of the slot's value.
    pub layout: AbiLayout,
    /// The slot holds a `String`: a `str` is written without Python code.
    pub text: bool,
    /// The package's `_own_into(codec, value, address, where)`.
    pub own_into: *mut PyObject,
    /// The result's codec (`_c_String`, a `_Vec`, a `_Record` …).
    pub codec: *mut PyObject,
    /// `f() argument 'g'`, as a `str`.
    pub place: *mut PyObject,
}

impl Arg for OwnedResult {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `out` is the zeroed slot of the closure's result (its layout
        // checked at init); every object is checked before use.
        unsafe {
            if self.text && write_str(api(), builtins(), obj, out) {
                return Ok(());
            }
            let address = (api().PyLong_FromVoidPtr)(out.cast::<c_void>());
            if address.is_null() {
                return Err(ArgError::Raised);
            }
            let args = [core::ptr::null_mut(), self.codec, obj, address, self.place];
            let r = (api().PyObject_VectorcallDict)(
                self.own_into,
                args.as_ptr().add(1),
                4 | ARGUMENTS_OFFSET,
                core::ptr::null_mut(),
            );
            (api().Py_DecRef)(address);
            if r.is_null() {
                return Err(ArgError::Raised);
            }
            (api().Py_DecRef)(r);
            // Rust takes the slot of this trampoline without checking its text again (ADR 54,
            // third addendum): what the package's code wrote is checked here.
            if self.text && !is_utf8(out) {
                return Err(ArgError::Value(
                    "the callback's result: the text written is not UTF-8".into(),
                ));
            }
        }
        Ok(())
    }
}

/// Whether the `String` slot `out` holds UTF-8 (`len` bytes at `ptr`; NULL only when empty).
///
/// # Safety
/// `out` holds a `Buffer<u8>` whose non-NULL `ptr` is readable for `len` bytes.
#[cold]
unsafe fn is_utf8(out: *const u8) -> bool {
    // SAFETY: see the function docs.
    let b = unsafe { out.cast::<Buffer<u8>>().read_unaligned() };
    if b.ptr.is_null() {
        return b.len == 0;
    }
    // SAFETY: see the function docs.
    core::str::from_utf8(unsafe { core::slice::from_raw_parts(b.ptr, b.len) }).is_ok()
}

/// Writes the `str` `obj` to the `String` slot `out` (its UTF-8 form, copied into memory of
/// `interop_buffer_alloc`): true when written. False, with no exception set and nothing written,
/// when `obj` is not exactly a `str`, has no UTF-8 form (a lone surrogate) or the allocation
/// fails: the full conversion then raises what the ctypes path raises (`_own_into`: `TypeError`,
/// `ValueError`, `MemoryError`). The trampoline tries this inline first, without a frame or a
/// dynamic call (ADR 54, second addendum).
///
/// # Safety
/// The GIL is held; `api` and `b` are the installed ones; `obj` is live; `out` holds a
/// `Buffer<u8>`.
#[inline(always)]
pub unsafe fn write_str(api: &Api, b: &Builtins, obj: *mut PyObject, out: *mut u8) -> bool {
    // SAFETY: see the function docs.
    unsafe {
        if ffi::type_of(obj) != b.str_type {
            return false;
        }
        let mut len = 0isize;
        let ptr = (api.PyUnicode_AsUTF8AndSize)(obj, &mut len);
        if ptr.is_null() {
            (api.PyErr_Clear)();
            return false;
        }
        write_text(ptr.cast(), len as usize, out)
    }
}

/// Writes `len` bytes of UTF-8 at `ptr` to the `String` slot `out`, copied into memory of the
/// library's allocator (`cap == len`, the allocation `interop_buffer_alloc(len, 1, 1)` makes, not
/// cleared first: the copy writes every byte; nothing for empty text); false when the allocation
/// failed (nothing written).
///
/// # Safety
/// `ptr` is readable for `len` bytes; `out` holds a `Buffer<u8>`.
#[inline(always)]
unsafe fn write_text(ptr: *const u8, len: usize, out: *mut u8) -> bool {
    let owned = if len == 0 {
        core::ptr::null_mut()
    } else {
        // SAFETY: `ptr` is readable for `len > 0` bytes.
        let owned = unsafe { copy_bytes(ptr, len) };
        if owned.is_null() {
            return false;
        }
        owned
    };
    // SAFETY: see the function docs.
    unsafe {
        out.cast::<Buffer<u8>>().write_unaligned(Buffer {
            ptr: owned,
            len,
            cap: len,
        });
    }
    true
}
