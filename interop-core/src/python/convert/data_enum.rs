//! Enums with data (ADR 13, ADR 26): in Python one frozen dataclass per variant, converted by the
//! package's codec of the enum (`_types._c_<Enum>`, the one the ctypes path uses), so that both
//! paths build, check and free the same values in the same words.
//!
//! A parameter's class is `(_enum_arg, codec, ctypes form)`: `_enum_arg(value, name, codec)`
//! answers the value's ctypes form (the ABI value, with what it points to kept alive by it) or
//! `None` when the value is of no variant (the usual `TypeError` then names the parameter); its
//! bytes are copied into the argument and the object is kept until the call returns. `_types.py`
//! checks at import that the ctypes form has the library's size. A result's class is
//! `(_enum_at, codec)`: `_enum_at(address, codec, True)` copies the value at `address` and frees
//! what its variant owns (also when the copy raises); `False` only frees it (a discarded result).

use super::record::is_instance;
use super::{Arg, ArgError, Class, Ret, Unsupported};
use crate::model::TypeDef;
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// Item `i` of the tuple `class` (a new reference), or `None` when it is missing.
///
/// # Safety
/// The GIL is held and the API installed.
unsafe fn item(class: *mut PyObject, i: isize) -> Option<*mut PyObject> {
    if class.is_null() {
        return None;
    }
    // SAFETY: the GIL is held; errors are cleared.
    unsafe {
        let o = (api().PyTuple_GetItem)(class, i);
        if o.is_null() {
            (api().PyErr_Clear)();
            return None;
        }
        Some(ffi::new_ref(o))
    }
}

fn layout(def: &TypeDef) -> AbiLayout {
    AbiLayout {
        size: def.size as usize,
        align: def.align.max(1) as usize,
    }
}

/// `function(*args)`: a new reference, or NULL with the exception set. Steals nothing.
///
/// # Safety
/// The GIL is held; every object is live.
unsafe fn call(function: *mut PyObject, args: &[*mut PyObject]) -> *mut PyObject {
    // SAFETY: see the function docs; `PyTuple_SetItem` steals the new references.
    unsafe {
        let tuple = (api().PyTuple_New)(args.len() as isize);
        if tuple.is_null() {
            return core::ptr::null_mut();
        }
        for (i, a) in args.iter().enumerate() {
            (api().PyTuple_SetItem)(tuple, i as isize, ffi::new_ref(*a));
        }
        let out = (api().PyObject_Call)(function, tuple, core::ptr::null_mut());
        (api().Py_DecRef)(tuple);
        out
    }
}

/// A data enum parameter.
pub struct DataEnumArg {
    function: *mut PyObject,
    codec: *mut PyObject,
    form: *mut PyObject,
    name: *mut PyObject,
    layout: AbiLayout,
}

impl DataEnumArg {
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(class: Class, def: &TypeDef) -> Result<DataEnumArg, Unsupported> {
        let missing = || Unsupported(format!("no codec was given for `{}`", def.name));
        // SAFETY: forwarded.
        let (function, codec, form) = unsafe {
            (
                item(class.class, 0).ok_or_else(missing)?,
                item(class.class, 1).ok_or_else(missing)?,
                item(class.class, 2).ok_or_else(missing)?,
            )
        };
        // Its fields are named from the place (`f() argument 'e'.reason`), as on the ctypes path.
        let name = if class.place.is_null() {
            class.name
        } else {
            class.place
        };
        if name.is_null() {
            return Err(missing());
        }
        Ok(DataEnumArg {
            function,
            codec,
            form,
            // SAFETY: a live string.
            name: unsafe { ffi::new_ref(name) },
            layout: layout(def),
        })
    }
}

impl Arg for DataEnumArg {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; the ctypes form is an instance of the class `_types.py`
        // checked to have the library's size, whose buffer is copied into `out` (as many bytes).
        unsafe {
            let abi = call(self.function, &[obj, self.name, self.codec]);
            if abi.is_null() {
                return Err(ArgError::Raised);
            }
            if abi == builtins().none || !is_instance(abi, self.form) {
                (api().Py_DecRef)(abi);
                return Err(ArgError::Type);
            }
            core::ptr::copy_nonoverlapping(ffi::ctypes_buffer(abi), out, self.layout.size);
            // What the value points to (text, elements) lives as long as its ctypes form.
            frame.keep(abi);
        }
        Ok(())
    }
}

/// A data enum result.
pub struct DataEnumRet {
    function: *mut PyObject,
    codec: *mut PyObject,
    layout: AbiLayout,
}

impl DataEnumRet {
    /// # Safety
    /// The GIL is held and the API installed.
    pub unsafe fn new(class: Class, def: &TypeDef) -> Result<DataEnumRet, Unsupported> {
        let missing = || Unsupported(format!("no codec was given for `{}`", def.name));
        // SAFETY: forwarded.
        unsafe {
            Ok(DataEnumRet {
                function: item(class.class, 0).ok_or_else(missing)?,
                codec: item(class.class, 1).ok_or_else(missing)?,
                layout: layout(def),
            })
        }
    }

    /// `_enum_at(address of value, codec, take)`.
    ///
    /// # Safety
    /// The GIL is held; `value` holds a data enum the library returned, not freed yet.
    unsafe fn at(&self, value: *mut u8, take: bool) -> *mut PyObject {
        // SAFETY: see the function docs.
        unsafe {
            let address = (api().PyLong_FromVoidPtr)(value.cast());
            if address.is_null() {
                return core::ptr::null_mut();
            }
            let take = if take {
                builtins().true_
            } else {
                builtins().false_
            };
            let out = call(self.function, &[address, self.codec, take]);
            (api().Py_DecRef)(address);
            out
        }
    }
}

impl Ret for DataEnumRet {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: forwarded.
        unsafe { self.at(value, true) }
    }

    unsafe fn discard(&self, value: *mut u8) {
        // SAFETY: forwarded; the result (`None`) or the exception is dropped.
        unsafe {
            let out = self.at(value, false);
            if out.is_null() {
                (api().PyErr_Clear)();
            } else {
                (api().Py_DecRef)(out);
            }
        }
    }
}
