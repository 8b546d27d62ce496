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
/// helper does (`f() argument 's'`), also inside an option or a record.
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

    /// The helper of a `&mut [T]` parameter, `(function, codec, write_back)`: the helper of
    /// `(function, codec)`, and `write_back` (a new reference, kept for the process).
    ///
    /// # Safety
    /// As for [`Helper::new`].
    pub unsafe fn with_last(
        class: Class,
        what: &str,
    ) -> Result<(Helper, *mut PyObject), Unsupported> {
        // SAFETY: forwarded.
        let mut helper = unsafe { Helper::new(class, what)? };
        let last = helper
            .extra
            .pop()
            .filter(|_| !helper.extra.is_empty())
            .ok_or_else(|| Unsupported(format!("no write-back was given for {what}")))?;
        Ok((helper, last))
    }

    /// The helper of a slice of numbers, which must be the package's `_packed` (its result is
    /// read as the packed elements).
    ///
    /// # Safety
    /// As for [`Helper::new`].
    pub unsafe fn packed(class: Class) -> Result<Helper, Unsupported> {
        // SAFETY: forwarded.
        let helper = unsafe { Helper::new(class, "a slice")? };
        // SAFETY: forwarded.
        if !unsafe { helper.is("_packed") } {
            return Err(Unsupported(
                "the helper given for a slice is not `_packed`".into(),
            ));
        }
        Ok(helper)
    }

    /// Whether the helper is the package's function `name` (its `__name__`): a conversion that
    /// reads what the helper returns checks it got the helper it reads.
    ///
    /// # Safety
    /// The GIL is held.
    pub unsafe fn is(&self, name: &str) -> bool {
        // SAFETY: forwarded.
        unsafe { is_named(self.function, name) }
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

/// Whether `function.__name__` is `name`.
///
/// # Safety
/// The GIL is held; `function` is live.
pub unsafe fn is_named(function: *mut PyObject, name: &str) -> bool {
    // SAFETY: see the function docs; every result is checked and released once.
    unsafe {
        let attr = (api().PyObject_GetAttrString)(function, c"__name__".as_ptr());
        if attr.is_null() {
            (api().PyErr_Clear)();
            return false;
        }
        let mut len = 0isize;
        let text = (api().PyUnicode_AsUTF8AndSize)(attr, &mut len);
        let same = !text.is_null()
            && core::slice::from_raw_parts(text.cast::<u8>(), len.max(0) as usize)
                == name.as_bytes();
        if text.is_null() {
            (api().PyErr_Clear)();
        }
        (api().Py_DecRef)(attr);
        same
    }
}
