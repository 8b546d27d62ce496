//! The `Err` of a returned `Result<T, E>`, raised in native code (issue 12): the error value
//! converted by `E`'s own conversion, the message taken as a `str` (both freed here, once), the
//! exception class picked and the exception made and set without running Python code.
//!
//! The package hands the conversion its raiser `_types._e_<E>` (a `_Raise`, the ctypes path's);
//! its `exception` (the error type's class) and `variants` (`{variant class or enum member:
//! subclass}`) are read once at init. The exception is what `exception(value, message)` makes
//! (the package's `Error.__init__`: `args` is `(message,)`, `value` the error value), built
//! through the class's `tp_new` and one attribute store instead of a call of the Python
//! `__init__` (generated subclasses never define one). Where `E` has no native conversion the
//! Python raiser stays ([`super::option::ResultRet`] calls it).

use super::Ret;
use crate::python::ffi::{self, PyObject, TP_NEW, api};

/// `newfunc`: `tp_new(type, args, kwargs)`.
type NewFunc = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;

/// Raises an error read from `{E value; String message}`.
pub struct NativeRaise {
    /// `E`'s conversion (takes the value over).
    value: Box<dyn Ret>,
    /// The message's conversion (a `String`: taken over and freed).
    message: Box<dyn Ret>,
    /// Where the message is in the error struct.
    message_offset: usize,
    /// The error type's exception class (a strong reference kept for the process).
    exception: *mut PyObject,
    /// `(key, subclass)` of the raiser's `variants`: a key is a variant's class (matched against
    /// the value's type) or an enum member (matched against the value; members are singletons).
    variants: Vec<(*mut PyObject, *mut PyObject)>,
    /// The interned `"value"`.
    value_name: *mut PyObject,
}

impl NativeRaise {
    /// From the package's raiser and `E`'s conversions; `None` (with no exception set) when the
    /// raiser is not the shape this reads, so the Python raiser is used instead.
    ///
    /// # Safety
    /// The GIL is held; `raiser` is a live object.
    pub unsafe fn new(
        raiser: *mut PyObject,
        value: Box<dyn Ret>,
        message: Box<dyn Ret>,
        message_offset: usize,
    ) -> Option<NativeRaise> {
        // SAFETY: the GIL is held; every result is checked, references are kept or released.
        unsafe {
            let exception = (api().PyObject_GetAttrString)(raiser, c"exception".as_ptr());
            let dict = (api().PyObject_GetAttrString)(raiser, c"variants".as_ptr());
            let value_name = (api().PyUnicode_InternFromString)(c"value".as_ptr());
            let ok = !exception.is_null()
                && !dict.is_null()
                && !value_name.is_null()
                && (api().PyType_GetFlags)(ffi::type_of(exception)) & TPFLAGS_TYPE_SUBCLASS != 0
                && (api().PyType_GetFlags)(ffi::type_of(dict)) & TPFLAGS_DICT_SUBCLASS != 0;
            let mut variants = Vec::new();
            if ok {
                let mut pos = 0isize;
                let mut key = core::ptr::null_mut();
                let mut class = core::ptr::null_mut();
                while (api().PyDict_Next)(dict, &mut pos, &mut key, &mut class) != 0 {
                    variants.push((ffi::new_ref(key), ffi::new_ref(class)));
                }
            }
            if !dict.is_null() {
                (api().Py_DecRef)(dict);
            }
            if !ok {
                for o in [exception, value_name] {
                    if !o.is_null() {
                        (api().Py_DecRef)(o);
                    }
                }
                (api().PyErr_Clear)();
                return None;
            }
            Some(NativeRaise {
                value,
                message,
                message_offset,
                exception,
                variants,
                value_name,
            })
        }
    }

    /// The class to raise for `value`: its variant's subclass, else the error type's class.
    ///
    /// # Safety
    /// The GIL is held; `value` is live.
    unsafe fn class_for(&self, value: *mut PyObject) -> *mut PyObject {
        // SAFETY: see the function docs.
        let ty = unsafe { ffi::type_of(value) };
        self.variants
            .iter()
            .find(|(key, _)| *key == ty)
            .or_else(|| self.variants.iter().find(|(key, _)| *key == value))
            .map_or(self.exception, |(_, class)| *class)
    }

    /// Converts, frees and raises the error at `error` (`{E value; String message}`); returns NULL
    /// with the exception set.
    ///
    /// # Safety
    /// The GIL is held; `error` holds the error of a result the library returned, taken over here.
    pub unsafe fn raise(&self, error: *mut u8) -> *mut PyObject {
        // SAFETY: see the function docs; each conversion takes its part over exactly once.
        unsafe {
            let value = self.value.lift(error);
            if value.is_null() {
                self.message.discard(error.add(self.message_offset));
                return core::ptr::null_mut();
            }
            let message = self.message.lift(error.add(self.message_offset));
            if message.is_null() {
                (api().Py_DecRef)(value);
                return core::ptr::null_mut();
            }
            let class = self.class_for(value);
            let exception = new_exception(class, message);
            (api().Py_DecRef)(message);
            if exception.is_null() {
                (api().Py_DecRef)(value);
                return core::ptr::null_mut();
            }
            let stored = (api().PyObject_SetAttr)(exception, self.value_name, value);
            (api().Py_DecRef)(value);
            if stored == 0 {
                (api().PyErr_SetObject)(class, exception);
            }
            (api().Py_DecRef)(exception);
            core::ptr::null_mut()
        }
    }
}

/// `Py_TPFLAGS_TYPE_SUBCLASS`.
const TPFLAGS_TYPE_SUBCLASS: core::ffi::c_ulong = 1 << 31;
/// `Py_TPFLAGS_DICT_SUBCLASS`.
const TPFLAGS_DICT_SUBCLASS: core::ffi::c_ulong = 1 << 29;

/// `class.__new__(class, message)`: `BaseException`'s `tp_new` sets `args` to `(message,)`, which
/// is all `BaseException.__init__` would do again. NULL with an exception set on failure.
///
/// # Safety
/// The GIL is held; `class` is an exception class, `message` a live `str`.
unsafe fn new_exception(class: *mut PyObject, message: *mut PyObject) -> *mut PyObject {
    // SAFETY: see the function docs; `tp_new` of a type is a `newfunc`.
    unsafe {
        let new = (api().PyType_GetSlot)(class, TP_NEW);
        let args = (api().PyTuple_New)(1);
        if args.is_null() {
            return core::ptr::null_mut();
        }
        (api().PyTuple_SetItem)(args, 0, ffi::new_ref(message));
        let exception = if new.is_null() {
            (api().PyObject_Call)(class, args, core::ptr::null_mut())
        } else {
            core::mem::transmute::<*mut core::ffi::c_void, NewFunc>(new)(
                class,
                args,
                core::ptr::null_mut(),
            )
        };
        (api().Py_DecRef)(args);
        exception
    }
}
