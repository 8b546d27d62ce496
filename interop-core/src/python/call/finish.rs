//! Around and after the shim's call: the GIL released and taken back, the error channel checked
//! and the result converted.

use core::ffi::c_void;

use super::errors::raise;
use super::frame::Frame;
use crate::python::ffi::{PyObject, api};
use crate::python::function::FunctionData;

/// Release the GIL (`Py_BEGIN_ALLOW_THREADS`).
///
/// # Safety
/// The GIL is held by this thread.
#[inline(always)]
pub unsafe fn release_gil() -> *mut c_void {
    // SAFETY: see the function docs.
    unsafe { (api().PyEval_SaveThread)() }
}

/// Take the GIL back (`Py_END_ALLOW_THREADS`).
///
/// # Safety
/// `state` comes from [`release_gil`] on this thread.
#[inline(always)]
pub unsafe fn restore_gil(state: *mut c_void) {
    // SAFETY: see the function docs.
    unsafe { (api().PyEval_RestoreThread)(state) }
}

/// After the shim returned: raise the exception of its kind (`RustPanic`, `ServiceInUseError`,
/// `ValueError` for a consumed service or a refused argument) when this call recorded an error (the shim then
/// returned its panic value, which is released unseen), else convert the result.
///
/// What the arguments held (`frame`) is released after the result is converted.
///
/// # Safety
/// `result` holds the shim's result, which this function takes over; the GIL is held.
#[inline]
pub unsafe fn finish(f: &FunctionData, result: *mut u8, frame: &mut Frame) -> *mut PyObject {
    let out = if crate::panic::pending_count() != 0 {
        // SAFETY: forwarded.
        unsafe { finish_pending(f, result) }
    } else {
        // SAFETY: forwarded.
        unsafe { f.ret.lift(result) }
    };
    // SAFETY: the GIL is held; `out` is the call's result.
    let out = unsafe { frame.called(out) };
    frame.release();
    out
}

/// Some thread has an error pending: if it is this one's, this call failed.
#[cold]
unsafe fn finish_pending(f: &FunctionData, result: *mut u8) -> *mut PyObject {
    match crate::panic::take_error() {
        Some((kind, message)) => {
            use crate::panic::ErrorKind;
            let exception = match kind {
                ErrorKind::Panic => f.errors.panic,
                ErrorKind::ServiceBusy | ErrorKind::ServiceReentrant => f.errors.in_use,
                ErrorKind::ServiceConsumed => f.errors.consumed,
                ErrorKind::InvalidArgument => f.errors.invalid,
            };
            // SAFETY: the panic value is the shim's to release; then the exception is set: the
            // one a callback raised when the error stands for it (ADR 33), else the kind's.
            unsafe {
                f.ret.discard(result);
                if kind != ErrorKind::Panic || !crate::python::callback::reraise() {
                    raise(exception, &message);
                }
            }
            core::ptr::null_mut()
        }
        // SAFETY: another thread's error: this call succeeded.
        None => unsafe { f.ret.lift(result) },
    }
}
