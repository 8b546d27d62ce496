//! Handles of opaque types: instances of the package's `ctypes.c_void_p` subclass holding the
//! address (`None` is NULL where the pointer may be NULL). A handle instance holding NULL is passed
//! as NULL: the library rejects it for a reference (`RustPanic`), as on the ctypes path.

use super::record::{Instance, is_instance};
use super::{Arg, ArgError, Ret, Unsupported};
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject};

pub struct HandleArg {
    pub class: *mut PyObject,
    pub nullable: bool,
}

impl Arg for HandleArg {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<*mut u8>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: an instance of the handle class holds a pointer in its buffer.
        unsafe {
            let address = if self.nullable && obj == builtins().none {
                core::ptr::null_mut()
            } else if is_instance(obj, self.class) {
                ffi::ctypes_buffer(obj).cast::<*mut u8>().read_unaligned()
            } else {
                return Err(ArgError::Type);
            };
            out.cast::<*mut u8>().write_unaligned(address);
        }
        Ok(())
    }
}

/// A new instance of the handle class holding the returned address (also NULL, as ctypes does).
pub struct HandleRet(Instance);

impl HandleRet {
    /// # Safety
    /// The GIL is held; `class` is a ctypes class of pointer size.
    pub unsafe fn new(class: *mut PyObject) -> Result<HandleRet, Unsupported> {
        // SAFETY: forwarded.
        Ok(HandleRet(unsafe {
            Instance::new(class, AbiLayout::of::<*mut u8>())?
        }))
    }
}

impl Ret for HandleRet {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<*mut u8>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds a pointer; the new instance's buffer as well.
        unsafe { self.0.lift(value) }
    }
}
