//! The objects of the interpreter the conversions compare with or raise, installed by the init.

use std::sync::OnceLock;

use crate::python::ffi::PyObject;

/// The objects of the interpreter the conversions compare with or raise (static objects of
/// CPython, alive for the process).
pub struct Builtins {
    pub none: *mut PyObject,
    pub true_: *mut PyObject,
    pub false_: *mut PyObject,
    pub int_type: *mut PyObject,
    pub float_type: *mut PyObject,
    pub str_type: *mut PyObject,
    pub bytes_type: *mut PyObject,
    pub type_error: *mut PyObject,
    pub overflow_error: *mut PyObject,
    pub value_error: *mut PyObject,
    pub runtime_error: *mut PyObject,
    pub empty_tuple: *mut PyObject,
}

// SAFETY: immortal (static) objects, used only with the GIL held.
unsafe impl Send for Builtins {}
// SAFETY: as above.
unsafe impl Sync for Builtins {}

pub(in crate::python) static BUILTINS: OnceLock<Builtins> = OnceLock::new();

/// The installed [`Builtins`] (reachable only once the init installed them, like [`api`]).
#[inline(always)]
pub fn builtins() -> &'static Builtins {
    match BUILTINS.get() {
        Some(b) => b,
        None => std::process::abort(),
    }
}
