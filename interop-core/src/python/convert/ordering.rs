//! `core::cmp::Ordering` (ADR 57): an `int` in, read by its sign (any size: `10**30` is
//! `Greater`), never a `bool` or a float (a `TypeError`: `(a > b)` is a `bool`, the comparator
//! meant `(a > b) - (a < b)`); -1, 0 or 1 out.

use super::{Arg, ArgError, Ret};
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api, type_of};

/// `Py_GT` and `Py_LT` of `PyObject_RichCompareBool`.
const PY_LT: i32 = 0;
const PY_GT: i32 = 4;

/// `Ordering` as a parameter or result.
pub struct OrderingInt;

/// The sign of an `int` (not a `bool`): -1, 0 or 1.
///
/// # Safety
/// The GIL is held.
unsafe fn sign_of(obj: *mut PyObject) -> Result<i32, ArgError> {
    let api = api();
    let b = builtins();
    // SAFETY: the GIL is held; every result is checked.
    unsafe {
        let is_int = type_of(obj) == b.int_type
            || (api.PyType_GetFlags)(type_of(obj)) & ffi::TPFLAGS_LONG_SUBCLASS != 0;
        if !is_int || obj == b.true_ || obj == b.false_ {
            return Err(ArgError::Type);
        }
        let v = (api.PyLong_AsLongLong)(obj);
        if v != -1 || (api.PyErr_Occurred)().is_null() {
            return Ok(v.signum() as i32);
        }
        if (api.PyErr_ExceptionMatches)(b.overflow_error) == 0 {
            return Err(ArgError::Raised);
        }
        // Beyond 64 bits: its sign.
        (api.PyErr_Clear)();
        let zero = (api.PyLong_FromLongLong)(0);
        if zero.is_null() {
            return Err(ArgError::Raised);
        }
        let gt = (api.PyObject_RichCompareBool)(obj, zero, PY_GT);
        let lt = (api.PyObject_RichCompareBool)(obj, zero, PY_LT);
        (api.Py_DecRef)(zero);
        if gt < 0 || lt < 0 {
            return Err(ArgError::Raised);
        }
        Ok(gt - lt)
    }
}

impl Arg for OrderingInt {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<i32>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; `out` is valid for 4 bytes.
        unsafe { out.cast::<i32>().write_unaligned(sign_of(obj)?) };
        Ok(())
    }
}

impl Ret for OrderingInt {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<i32>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: an `int32_t` written by Rust (-1, 0 or 1), or by foreign code (read by sign).
        let v = unsafe { value.cast::<i32>().read_unaligned() }.signum();
        // SAFETY: the GIL is held.
        unsafe { (api().PyLong_FromLongLong)(i64::from(v)) }
    }
}
