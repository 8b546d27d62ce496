//! Setting exceptions, and the text of objects for messages.

use crate::python::ffi::{PyObject, api};
use crate::python::function::c_text;

/// The text of a str (or its `str()`), for messages.
///
/// # Safety
/// The GIL is held; `o` is live.
pub unsafe fn py_text(o: *mut PyObject) -> String {
    // SAFETY: see the function docs; every result is checked.
    unsafe {
        let s = (api().PyObject_Str)(o);
        if s.is_null() {
            (api().PyErr_Clear)();
            return "?".to_string();
        }
        let mut len = 0isize;
        let p = (api().PyUnicode_AsUTF8AndSize)(s, &mut len);
        let text = if p.is_null() {
            (api().PyErr_Clear)();
            "?".to_string()
        } else {
            String::from_utf8_lossy(core::slice::from_raw_parts(p.cast::<u8>(), len as usize))
                .into_owned()
        };
        (api().Py_DecRef)(s);
        text
    }
}

/// Set `exception` with `message`.
///
/// # Safety
/// The GIL is held; `exception` is an exception class.
pub unsafe fn raise(exception: *mut PyObject, message: &str) {
    // SAFETY: see the function docs.
    unsafe {
        let text = crate::python::function::str_object(message);
        if text.is_null() {
            // Not UTF-8-representable: fall back to the C string API (NULs removed).
            (api().PyErr_Clear)();
            (api().PyErr_SetString)(exception, c_text(message).as_ptr());
            return;
        }
        (api().PyErr_SetObject)(exception, text);
        (api().Py_DecRef)(text);
    }
}
