//! A Python closure's context (the callable and its conversions) and its `drop`s.

use core::ffi::c_void;

use super::Conv;
use crate::python::ffi::{PyObject, api};

/// A closure's context: the callable (a strong reference) and its conversions.
pub struct Context {
    pub callable: *mut PyObject,
    pub conv: *const Conv,
    /// [`vectorcall::offset_of`](crate::python::vectorcall::offset_of) the callable.
    pub vectorcall: isize,
}

/// The `drop` of a closure: releases the callable (taking the GIL), once.
///
/// # Safety
/// `context` was made by the closure conversion and is dropped once.
pub unsafe extern "C" fn drop_context(context: *mut c_void) {
    if context.is_null() {
        return;
    }
    // SAFETY: see the function docs.
    unsafe {
        let gil = (api().PyGILState_Ensure)();
        free_unclaimed(context);
        (api().PyGILState_Release)(gil);
    }
}

/// The `drop` of a closure whose invocations do not take the GIL ([`takes_gil`](super::takes_gil)): Rust drops it
/// on the calling thread before the call returns, with the GIL held.
///
/// # Safety
/// As for [`drop_context`]; the GIL is held.
pub unsafe extern "C" fn drop_context_held(context: *mut c_void) {
    if context.is_null() {
        return;
    }
    // SAFETY: see the function docs.
    unsafe { free_unclaimed(context) };
}

/// Free a context the shim was never handed (the call did not happen), with the GIL held.
///
/// # Safety
/// As for [`drop_context`].
pub unsafe fn free_unclaimed(context: *mut c_void) {
    // SAFETY: forwarded; the GIL is held.
    unsafe {
        let context = Box::from_raw(context.cast::<Context>());
        (api().Py_DecRef)(context.callable);
    }
}
