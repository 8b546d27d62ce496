//! Calling a Python callable through its own vectorcall function (ADR 43), as CPython's
//! `PyObject_Vectorcall` does: it is an inline function up to 3.11 (only exported from 3.12 on), so
//! the compiled path reads the same slots itself instead of going through
//! `PyObject_VectorcallDict` (which checks for keyword arguments and calls `tp_call`'s fallback).
//!
//! One more layout fact, checked at init before it is used ([`check_layout`]): a type object's
//! `tp_vectorcall_offset` is its eighth word (after the variable-size header, `tp_name`,
//! `tp_basicsize`, `tp_itemsize` and `tp_dealloc`), as in every CPython from 3.8 on. When the
//! check fails, every call goes through `PyObject_VectorcallDict`.

use core::sync::atomic::{AtomicBool, Ordering};

use super::call::builtins;
use super::ffi::{self, Api, PyObject, TPFLAGS_HAVE_VECTORCALL, TPFLAGS_HEAPTYPE, VectorCall, api};

/// The type objects' layout was checked: [`call`] reads `tp_vectorcall_offset`.
static DIRECT: AtomicBool = AtomicBool::new(false);

/// The word of a type object holding `tp_basicsize` (`tp_itemsize` follows).
const BASICSIZE_WORD: usize = 4;
/// The word of a type object holding `tp_vectorcall_offset`.
const VECTORCALL_OFFSET_WORD: usize = 7;

/// Word `at` of a type object, as a `Py_ssize_t`.
///
/// # Safety
/// `ty` is a live type object with at least `at + 1` words.
#[inline(always)]
unsafe fn type_word(ty: *mut PyObject, at: usize) -> isize {
    // SAFETY: see the function docs.
    unsafe { *(ty as *const isize).add(at) }
}

/// The `Py_ssize_t` attribute `name` of `o`, or `None` (the error cleared).
///
/// # Safety
/// The GIL is held; `o` is live.
unsafe fn size_attribute(o: *mut PyObject, name: &core::ffi::CStr) -> Option<isize> {
    // SAFETY: see the function docs; every result is checked.
    unsafe {
        let value = (api().PyObject_GetAttrString)(o, name.as_ptr());
        if value.is_null() {
            (api().PyErr_Clear)();
            return None;
        }
        let v = (api().PyLong_AsLongLong)(value);
        (api().Py_DecRef)(value);
        if v == -1 && !(api().PyErr_Occurred)().is_null() {
            (api().PyErr_Clear)();
            return None;
        }
        isize::try_from(v).ok()
    }
}

/// Check the layout fact against the running interpreter: `int`'s and the type of `function`'s
/// `tp_basicsize` and `tp_itemsize` are the words Python reports as `__basicsize__` and
/// `__itemsize__`, and `function` (a type with the vectorcall flag) has a `tp_vectorcall_offset`
/// inside its instances, where `function` holds a vectorcall function. Turns [`call`]'s direct
/// path on when everything agrees; idempotent.
///
/// # Safety
/// The GIL is held and the API installed; `function` is a live Python function (`def`).
pub unsafe fn check_layout(function: *mut PyObject) {
    if DIRECT.load(Ordering::Relaxed) {
        return;
    }
    // SAFETY: see the function docs; only words inside the type objects' first ones are read
    // (every type object has far more than eight), and only once their neighbours matched.
    let ok = unsafe {
        let sizes_match = |ty: *mut PyObject| {
            size_attribute(ty, c"__basicsize__") == Some(type_word(ty, BASICSIZE_WORD))
                && size_attribute(ty, c"__itemsize__") == Some(type_word(ty, BASICSIZE_WORD + 1))
        };
        let ty = ffi::type_of(function);
        sizes_match(builtins().int_type)
            && sizes_match(ty)
            && (api().PyType_GetFlags)(ty) & TPFLAGS_HAVE_VECTORCALL != 0
            && {
                let offset = type_word(ty, VECTORCALL_OFFSET_WORD);
                let size = type_word(ty, BASICSIZE_WORD);
                offset >= core::mem::size_of::<PyObject>() as isize
                    && offset <= size - core::mem::size_of::<usize>() as isize
                    && offset % core::mem::align_of::<usize>() as isize == 0
                    && slot(function, offset).is_some()
            }
    };
    if ok {
        DIRECT.store(true, Ordering::Relaxed);
    }
}

/// The vectorcall function at `offset` in `o`.
///
/// # Safety
/// `offset` is the `tp_vectorcall_offset` of `o`'s type.
#[inline(always)]
unsafe fn slot(o: *mut PyObject, offset: isize) -> Option<VectorCall> {
    // SAFETY: see the function docs.
    unsafe { *o.cast::<u8>().offset(offset).cast::<Option<VectorCall>>() }
}

/// The `tp_vectorcall_offset` [`call`] may use for `callable` without looking at its type again:
/// its type's when the type is static (not a heap type: its flags and slots never change, and an
/// object of it cannot change its class) and has the vectorcall flag, else 0 (every call looks).
///
/// # Safety
/// The GIL is held; `callable` is live.
pub unsafe fn offset_of(callable: *mut PyObject) -> isize {
    if !DIRECT.load(Ordering::Relaxed) {
        return 0;
    }
    // SAFETY: see the function docs; the layout was checked before `DIRECT` was set.
    unsafe {
        let ty = ffi::type_of(callable);
        let flags = (api().PyType_GetFlags)(ty);
        if flags & TPFLAGS_HAVE_VECTORCALL == 0 || flags & TPFLAGS_HEAPTYPE != 0 {
            return 0;
        }
        type_word(ty, VECTORCALL_OFFSET_WORD).max(0)
    }
}

/// `callable(*args)`, `nargsf` counting `args` (with `PY_VECTORCALL_ARGUMENTS_OFFSET` when
/// `args[-1]` may be used): a new reference, or NULL with an exception set. `offset` is
/// [`offset_of`] the callable (0: look at its type now).
///
/// # Safety
/// The GIL is held; `api` is the installed one; `callable` is live; `args` holds `nargsf`'s
/// count of live objects (and a writable slot before them when the offset flag is set).
#[inline(always)]
pub unsafe fn call(
    api: &Api,
    callable: *mut PyObject,
    offset: isize,
    args: *const *mut PyObject,
    nargsf: usize,
) -> *mut PyObject {
    // SAFETY: see the function docs; the layout was checked before `DIRECT` was set (and before
    // any offset was found).
    unsafe {
        let offset = if offset > 0 {
            offset
        } else {
            current_offset(api, callable)
        };
        if offset > 0
            && let Some(f) = slot(callable, offset)
        {
            let result = f(callable, args, nargsf, core::ptr::null_mut());
            if result.is_null() && (api.PyErr_Occurred)().is_null() {
                no_exception(callable);
            }
            return result;
        }
        (api.PyObject_VectorcallDict)(callable, args, nargsf, core::ptr::null_mut())
    }
}

/// The `tp_vectorcall_offset` of `callable`'s type now, or 0 (no vectorcall, or the layout was
/// not checked).
///
/// # Safety
/// The GIL is held; `callable` is live.
#[inline(never)]
unsafe fn current_offset(api: &Api, callable: *mut PyObject) -> isize {
    if !DIRECT.load(Ordering::Relaxed) {
        return 0;
    }
    // SAFETY: see the function docs.
    unsafe {
        let ty = ffi::type_of(callable);
        if (api.PyType_GetFlags)(ty) & TPFLAGS_HAVE_VECTORCALL == 0 {
            return 0;
        }
        type_word(ty, VECTORCALL_OFFSET_WORD)
    }
}

/// The callable returned NULL without an exception (a broken extension): what CPython's own
/// check raises (as a `RuntimeError`: `SystemError` is not among the builtins the init gets).
#[cold]
#[inline(never)]
unsafe fn no_exception(callable: *mut PyObject) {
    // SAFETY: the GIL is held; `callable` is live.
    unsafe {
        let message = format!(
            "{} returned NULL without setting an exception",
            ffi::type_name(callable)
        );
        super::call::raise(builtins().runtime_error, &message);
    }
}

/// Whether [`call`] uses the callables' vectorcall functions (tests).
pub fn direct() -> bool {
    DIRECT.load(Ordering::Relaxed)
}
