//! Text: `&str` and `String` parameters take a `str` (any subclass too), passed as a view of its
//! UTF-8 form without a copy (`PyUnicode_AsUTF8AndSize`: the characters themselves for ASCII text,
//! else the UTF-8 form CPython computes once and keeps with the string); the library copies a
//! `String`. A `str` with a lone surrogate has no UTF-8 form: the package's `_str_in` raises the
//! ctypes path's `ValueError`, as it raises its `TypeError` for what is no `str`. A returned
//! `String` becomes a `str` (one copy) and its buffer is freed, also when that fails.

use super::helper::Helper;
use super::{Arg, ArgError, Ret};
use crate::abi::free::interop_buffer_free;
use crate::abi::{Buffer, View};
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api, type_of};

/// `&str` / `String` as a parameter: a `View<u8>`.
pub struct StrArg {
    pub helper: Helper,
}

/// `isinstance(o, str)`.
///
/// # Safety
/// The GIL is held; `o` is live.
#[inline(always)]
unsafe fn is_str(o: *mut PyObject) -> bool {
    // SAFETY: see the function docs.
    unsafe {
        let ty = type_of(o);
        ty == builtins().str_type
            || (api().PyType_GetFlags)(ty) & ffi::TPFLAGS_UNICODE_SUBCLASS != 0
    }
}

impl Arg for StrArg {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<View<u8>>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `obj` outlives the call, and so does its UTF-8 form.
        unsafe {
            if is_str(obj) {
                let mut len = 0isize;
                let ptr = (api().PyUnicode_AsUTF8AndSize)(obj, &mut len);
                if !ptr.is_null() {
                    out.cast::<View<u8>>().write_unaligned(View {
                        ptr: ptr.cast(),
                        len: len as usize,
                    });
                    return Ok(());
                }
                (api().PyErr_Clear)();
            }
            Err(self.helper.refuse(obj))
        }
    }
}

/// A returned `String` (`text`: a `Buffer<u8>` of UTF-8, checked by Rust's `String`) becomes a
/// `str`, a returned `Vec<u8>` / `Box<[u8]>` `bytes`: one copy, then the buffer is freed.
pub struct OwnedBytesRet {
    pub text: bool,
}

/// Give a returned buffer back to the library (exactly once).
///
/// # Safety
/// `buffer` was returned by the library and is not freed yet; `size`/`align` are its elements'.
#[inline(always)]
pub(super) unsafe fn free<T>(buffer: &Buffer<T>, size: usize, align: usize) {
    // SAFETY: see the function docs.
    unsafe { interop_buffer_free(buffer.ptr.cast(), buffer.cap, size, align) };
}

impl Ret for OwnedBytesRet {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<Buffer<u8>>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds a `Buffer<u8>` the library returned, freed once below.
        unsafe {
            let buffer = value.cast::<Buffer<u8>>().read_unaligned();
            let make = if self.text {
                api().PyUnicode_FromStringAndSize
            } else {
                api().PyBytes_FromStringAndSize
            };
            let object = if buffer.len == 0 {
                make(c"".as_ptr(), 0)
            } else {
                make(buffer.ptr.cast(), buffer.len as isize)
            };
            free(&buffer, 1, 1);
            object
        }
    }

    unsafe fn discard(&self, value: *mut u8) {
        // SAFETY: as above.
        unsafe { free(&value.cast::<Buffer<u8>>().read_unaligned(), 1, 1) };
    }
}
