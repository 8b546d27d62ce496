//! C strings: `&CStr` and `Option<&CStr>` parameters, `&'static CStr` results (ADR 52).
//!
//! A parameter takes a `str` (any subclass), passed as CPython's own UTF-8 form, which is
//! NUL-terminated (`PyUnicode_AsUTF8AndSize`, no copy), or `bytes` (any subclass), passed as its
//! own NUL-terminated buffer; `None` is NULL for `Option<&CStr>`. Text holding a NUL (the library
//! would see a shorter string), a lone surrogate and any other type go to the package's
//! `_c_str_in`, which raises what the ctypes path raises for them, in the same words. A returned
//! `&'static CStr` is decoded as UTF-8 (strictly, as the ctypes path's `bytes.decode`); NULL
//! (never made by Rust) is `""`, as there.

use super::helper::Helper;
use super::{Arg, ArgError, Ret};
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api, type_of};
use core::ffi::c_char;

/// `Py_TPFLAGS_BYTES_SUBCLASS`.
const TPFLAGS_BYTES_SUBCLASS: core::ffi::c_ulong = 1 << 27;

/// `&CStr` / `Option<&CStr>` as a parameter: a `const char *`.
pub struct CStrArg {
    pub helper: Helper,
    /// `Option<&CStr>`: `None` is NULL.
    pub nullable: bool,
}

/// The NUL-terminated bytes of `obj` (a `str` or `bytes`, subclasses too) when they hold no other
/// NUL; NULL (no exception set) for anything else.
///
/// # Safety
/// The GIL is held; `obj` is live.
#[inline(always)]
unsafe fn c_text(obj: *mut PyObject) -> *const c_char {
    // SAFETY: see the function docs; both buffers end with a NUL at `len` and live as long as
    // `obj` (CPython keeps a `str`'s UTF-8 form with it).
    unsafe {
        let ty = type_of(obj);
        let flags = (api().PyType_GetFlags)(ty);
        let (ptr, len) = if ty == builtins().str_type || flags & ffi::TPFLAGS_UNICODE_SUBCLASS != 0
        {
            let mut len = 0isize;
            let ptr = (api().PyUnicode_AsUTF8AndSize)(obj, &mut len);
            if ptr.is_null() {
                (api().PyErr_Clear)();
                return core::ptr::null();
            }
            (ptr, len)
        } else if ty == builtins().bytes_type || flags & TPFLAGS_BYTES_SUBCLASS != 0 {
            (
                (api().PyBytes_AsString)(obj).cast_const(),
                (api().PyBytes_Size)(obj),
            )
        } else {
            return core::ptr::null();
        };
        if ptr.is_null() || len < 0 {
            (api().PyErr_Clear)();
            return core::ptr::null();
        }
        let bytes = core::slice::from_raw_parts(ptr.cast::<u8>(), len as usize);
        if bytes.contains(&0) {
            return core::ptr::null();
        }
        ptr
    }
}

impl Arg for CStrArg {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<*const c_char>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `obj` outlives the call, and so do its bytes.
        unsafe {
            let ptr = if self.nullable && obj == builtins().none {
                core::ptr::null()
            } else {
                let ptr = c_text(obj);
                if ptr.is_null() {
                    return Err(self.helper.refuse(obj));
                }
                ptr
            };
            out.cast::<*const c_char>().write_unaligned(ptr);
            Ok(())
        }
    }
}

/// A returned `&'static CStr`: a new `str` (the library keeps its static data).
pub struct CStrRet;

impl Ret for CStrRet {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<*const c_char>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds the pointer the library returned: NULL or a NUL-terminated string
        // in its static data.
        unsafe {
            let ptr = value.cast::<*const c_char>().read_unaligned();
            if ptr.is_null() {
                return (api().PyUnicode_FromStringAndSize)(c"".as_ptr(), 0);
            }
            let bytes = core::ffi::CStr::from_ptr(ptr).to_bytes();
            (api().PyUnicode_FromStringAndSize)(ptr, bytes.len() as isize)
        }
    }
}
