//! Records (`ctypes.Structure` subclasses of the package) by value and by reference, and any
//! ctypes instance behind a reference (`&mut u32` takes a `ctypes.c_uint32`, `&[f32; 3]` a
//! `ctypes.c_float * 3`): the instance's own buffer is read, copied or passed by address. Only
//! instances of the class (or a subclass) the package handed over for the parameter are accepted,
//! and that class has exactly the size of the library's type (checked at init).

use super::{Arg, ArgError, Ret, Unsupported};
use crate::model::TypeDef;
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api, type_of};

/// `isinstance(o, class)` for a type object `class`.
///
/// # Safety
/// The GIL is held; both are live.
#[inline(always)]
pub(crate) unsafe fn is_instance(o: *mut PyObject, class: *mut PyObject) -> bool {
    // SAFETY: see the function docs.
    unsafe {
        let ty = type_of(o);
        ty == class || (api().PyType_IsSubtype)(ty, class) != 0
    }
}

/// A record by value: the instance's bytes.
pub struct ByValue {
    class: *mut PyObject,
    layout: AbiLayout,
}

impl ByValue {
    pub fn new(class: *mut PyObject, def: &TypeDef) -> ByValue {
        ByValue {
            class,
            layout: AbiLayout {
                size: def.size as usize,
                align: def.align.max(1) as usize,
            },
        }
    }
}

impl Arg for ByValue {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: an instance of the class, whose buffer holds `size` bytes (checked at init).
        unsafe {
            if !is_instance(obj, self.class) {
                return Err(ArgError::Type);
            }
            core::ptr::copy_nonoverlapping(ffi::ctypes_buffer(obj), out, self.layout.size);
        }
        Ok(())
    }
}

/// `&T`, `&mut T`, `Option<&T>`, `Option<&mut T>`: the address of the instance's buffer (`None`
/// is NULL where the reference is optional).
pub struct ByReference {
    pub class: *mut PyObject,
    pub nullable: bool,
}

impl Arg for ByReference {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<*const u8>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        _frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: `out` holds a pointer; the instance's buffer lives as long as the argument.
        unsafe {
            let address = if self.nullable && obj == builtins().none {
                core::ptr::null_mut()
            } else if is_instance(obj, self.class) {
                ffi::ctypes_buffer(obj)
            } else {
                return Err(ArgError::Type);
            };
            out.cast::<*mut u8>().write_unaligned(address);
        }
        Ok(())
    }
}

/// A new instance of a ctypes class holding a copy of the bytes at the value (a record result, or
/// the target of a returned reference).
pub struct Instance {
    class: *mut PyObject,
    new: NewFn,
    layout: AbiLayout,
}

type NewFn = unsafe extern "C" fn(*mut PyObject, *mut PyObject, *mut PyObject) -> *mut PyObject;

impl Instance {
    /// # Safety
    /// The GIL is held; `class` is a ctypes class of `layout.size` bytes.
    pub unsafe fn new(class: *mut PyObject, layout: AbiLayout) -> Result<Instance, Unsupported> {
        // SAFETY: a heap type (every ctypes class is).
        let new = unsafe { (api().PyType_GetSlot)(class, ffi::TP_NEW) };
        if new.is_null() {
            // SAFETY: the GIL is held.
            unsafe { (api().PyErr_Clear)() };
            return Err(Unsupported("the class given cannot be instantiated".into()));
        }
        Ok(Instance {
            class,
            // SAFETY: the `tp_new` slot of the class.
            new: unsafe { core::mem::transmute::<*mut core::ffi::c_void, NewFn>(new) },
            layout,
        })
    }

    /// A zeroed instance (its `__new__`, without `__init__`), or NULL with an exception set.
    ///
    /// # Safety
    /// The GIL is held.
    pub(super) unsafe fn instance(&self) -> *mut PyObject {
        // SAFETY: the class's own constructor, with no arguments.
        unsafe { (self.new)(self.class, builtins().empty_tuple, core::ptr::null_mut()) }
    }
}

impl Ret for Instance {
    fn layout(&self) -> AbiLayout {
        self.layout
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: a fresh instance whose buffer holds `size` bytes; `value` as many.
        unsafe {
            let o = self.instance();
            if !o.is_null() {
                core::ptr::copy_nonoverlapping(value, ffi::ctypes_buffer(o), self.layout.size);
            }
            o
        }
    }
}
