//! The package's own argument helpers, called where a conversion's fast path does not apply.
//!
//! Strings, slices and vectors have a fast path in native code (a `str`'s UTF-8, a buffer of the
//! element's format borrowed as it is) and leave everything else to the function of the package's
//! ctypes path that converts the same argument there (`_str_in`, `_packed` in `_types.py`): it
//! packs what can be packed (a list of numbers into an `array.array`) and raises what the ctypes
//! path raises for what cannot (a lone surrogate, a buffer of the wrong format, an element of the
//! wrong type), with the same message. So both paths refuse the same arguments in the same words,
//! and the rare cases cost what they cost on the ctypes path.

use super::{ArgError, Class, Unsupported};
use crate::python::ffi::{self, PyObject, api};

/// `function(value, where, *extra)`: the package handed `(function, *extra)` as the parameter's
/// class; `where` names the function and the parameter as the ctypes path's call of the same
/// helper does (`f() argument 's'`), or the parameter alone inside an option.
pub struct Helper {
    function: *mut PyObject,
    name: *mut PyObject,
    extra: Vec<*mut PyObject>,
}

impl Helper {
    /// The helper the package handed over for a parameter (`what` names it in the reason).
    ///
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(class: Class, what: &str) -> Result<Helper, Unsupported> {
        let missing = || Unsupported(format!("no helper was given for {what}"));
        if class.class.is_null() || class.name.is_null() {
            return Err(missing());
        }
        let place = if class.place.is_null() {
            class.name
        } else {
            class.place
        };
        // SAFETY: the GIL is held; every result is checked.
        unsafe {
            let n = (api().PyTuple_Size)(class.class);
            if n < 1 {
                (api().PyErr_Clear)();
                return Err(missing());
            }
            let item = |i: isize| ffi::new_ref((api().PyTuple_GetItem)(class.class, i));
            Ok(Helper {
                function: item(0),
                name: ffi::new_ref(place),
                extra: (1..n).map(item).collect(),
            })
        }
    }

    /// A new reference to `function(value, name, *extra)`; `Err(Raised)` with its exception set.
    ///
    /// # Safety
    /// The GIL is held; `value` is live.
    #[cold]
    pub unsafe fn call(&self, value: *mut PyObject) -> Result<*mut PyObject, ArgError> {
        // SAFETY: see the function docs; `PyTuple_SetItem` steals the new references.
        unsafe {
            let args = (api().PyTuple_New)(2 + self.extra.len() as isize);
            if args.is_null() {
                return Err(ArgError::Raised);
            }
            (api().PyTuple_SetItem)(args, 0, ffi::new_ref(value));
            (api().PyTuple_SetItem)(args, 1, ffi::new_ref(self.name));
            for (i, e) in self.extra.iter().enumerate() {
                (api().PyTuple_SetItem)(args, 2 + i as isize, ffi::new_ref(*e));
            }
            let out = (api().PyObject_Call)(self.function, args, core::ptr::null_mut());
            (api().Py_DecRef)(args);
            if out.is_null() {
                Err(ArgError::Raised)
            } else {
                Ok(out)
            }
        }
    }

    /// Have the helper raise for `value`, which the fast path refused: `Err(Raised)`, or
    /// `Err(Type)` should the helper accept it after all.
    ///
    /// # Safety
    /// As for [`Helper::call`].
    #[cold]
    pub unsafe fn refuse(&self, value: *mut PyObject) -> ArgError {
        // SAFETY: forwarded.
        match unsafe { self.call(value) } {
            Err(e) => e,
            Ok(out) => {
                // SAFETY: a new reference.
                unsafe { (api().Py_DecRef)(out) };
                ArgError::Type
            }
        }
    }
}
