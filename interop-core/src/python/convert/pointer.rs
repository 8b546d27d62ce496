//! Raw pointers (`*const T`, `*mut T`, `*const c_void`) and returned references.
//!
//! A raw pointer parameter takes what ctypes takes for it. The common cases are read here: `None`
//! (NULL), an instance of `T`'s class (its address), an instance of `POINTER(T)` (the address it
//! holds) and, for `c_void`, an `int`. Anything else (arrays, `ctypes.byref(…)`, bytes) goes through
//! the package's `_address_of(argtype, value)`, which asks ctypes (`argtype.from_param`) and returns
//! the address with the object that keeps it valid; the call keeps that object until it returns.
//! A returned raw pointer is an instance of `POINTER(T)` (`Optional[int]` for `c_void`); a
//! returned reference is a copy of its target (`None` for NULL).

use super::record::{Instance, is_instance};
use super::{Arg, ArgError, Class, Ret, Unsupported};
use crate::model::{Inventory, Primitive, TypeRef};
use crate::python::call::{Frame, builtins};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// The package's `_address_of` (a strong reference kept for the process), set at init.
static ADDRESS_OF: std::sync::atomic::AtomicPtr<PyObject> =
    std::sync::atomic::AtomicPtr::new(core::ptr::null_mut());

/// Install the package's `_address_of` (a strong reference the library keeps).
pub fn set_address_of(helper: *mut PyObject) {
    ADDRESS_OF.store(helper, std::sync::atomic::Ordering::Release);
}

const POINTER: AbiLayout = AbiLayout::of::<*mut u8>();

/// `*const c_char` / `*mut c_char` are C strings and character buffers, which the package checks
/// on its ctypes path (NUL, UTF-8, writable buffers): their functions stay there.
fn refuse_c_chars(target: &TypeRef) -> Result<(), Unsupported> {
    if matches!(
        target,
        TypeRef::Primitive {
            primitive: Primitive::CChar
        }
    ) {
        return Err(Unsupported(
            "`*const c_char` / `*mut c_char` (C strings and char buffers) are converted on the \
             ctypes path"
                .into(),
        ));
    }
    Ok(())
}

/// # Safety
/// The GIL is held and the API installed.
pub(super) unsafe fn raw_arg(
    inv: &Inventory,
    target: &TypeRef,
    class: Class,
) -> Result<Box<dyn Arg>, Unsupported> {
    refuse_c_chars(target)?;
    let argtype = class.sized("a pointer", inv.target.pointer_size)?;
    if matches!(
        target,
        TypeRef::Primitive {
            primitive: Primitive::CVoid
        }
    ) {
        return Ok(Box::new(VoidArg { argtype }));
    }
    // SAFETY: the GIL is held; `_type_` of a ctypes pointer class is its target's class.
    let target_class = unsafe { (api().PyObject_GetAttrString)(argtype, c"_type_".as_ptr()) };
    if target_class.is_null() {
        // SAFETY: the GIL is held.
        unsafe { (api().PyErr_Clear)() };
        return Err(Unsupported(
            "the class given for a pointer is no ctypes pointer type".into(),
        ));
    }
    Ok(Box::new(RawArg {
        argtype,
        target_class,
    }))
}

/// # Safety
/// The GIL is held and the API installed.
pub(super) unsafe fn raw_ret(
    inv: &Inventory,
    target: &TypeRef,
    class: Class,
) -> Result<Box<dyn Ret>, Unsupported> {
    refuse_c_chars(target)?;
    if matches!(
        target,
        TypeRef::Primitive {
            primitive: Primitive::CVoid
        }
    ) {
        return Ok(Box::new(VoidRet));
    }
    let pointer_class = class.sized("a pointer", inv.target.pointer_size)?;
    // SAFETY: forwarded.
    Ok(Box::new(unsafe { Instance::new(pointer_class, POINTER)? }))
}

/// Write `address` as the ABI value.
///
/// # Safety
/// `out` holds a pointer.
#[inline(always)]
unsafe fn write(out: *mut u8, address: *mut u8) {
    // SAFETY: see the function docs.
    unsafe { out.cast::<*mut u8>().write_unaligned(address) }
}

/// Ask the package's `_address_of(argtype, value)`; keep what it returns for the call.
#[cold]
unsafe fn address_of(
    argtype: *mut PyObject,
    obj: *mut PyObject,
    frame: &mut Frame,
) -> Result<*mut u8, ArgError> {
    let helper = ADDRESS_OF.load(std::sync::atomic::Ordering::Acquire);
    if helper.is_null() {
        return Err(ArgError::Type);
    }
    let api = api();
    // SAFETY: the GIL is held; every result is checked; `args` owns its items.
    unsafe {
        let args = (api.PyTuple_New)(2);
        if args.is_null() {
            return Err(ArgError::Raised);
        }
        (api.PyTuple_SetItem)(args, 0, ffi::new_ref(argtype));
        (api.PyTuple_SetItem)(args, 1, ffi::new_ref(obj));
        let result = (api.PyObject_Call)(helper, args, core::ptr::null_mut());
        (api.Py_DecRef)(args);
        if result.is_null() {
            return Err(super::number::type_error_or_raised());
        }
        // `(address, keepalive)`: the tuple keeps both until the call is over.
        frame.keep(result);
        let address = (api.PyTuple_GetItem)(result, 0);
        if address.is_null() {
            return Err(ArgError::Raised);
        }
        let p = (api.PyLong_AsVoidPtr)(address);
        if p.is_null() && !(api.PyErr_Occurred)().is_null() {
            return Err(ArgError::Raised);
        }
        Ok(p.cast())
    }
}

/// `*const T` / `*mut T` for a non-void `T`.
pub struct RawArg {
    argtype: *mut PyObject,
    target_class: *mut PyObject,
}

impl Arg for RawArg {
    fn layout(&self) -> AbiLayout {
        POINTER
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: the GIL is held; buffers of live arguments stay valid for the call.
        unsafe {
            let address = if obj == builtins().none {
                core::ptr::null_mut()
            } else if is_instance(obj, self.target_class) {
                ffi::ctypes_buffer(obj)
            } else if is_instance(obj, self.argtype) {
                ffi::ctypes_buffer(obj).cast::<*mut u8>().read_unaligned()
            } else {
                address_of(self.argtype, obj, frame)?
            };
            write(out, address);
        }
        Ok(())
    }
}

/// `*const c_void` / `*mut c_void`: `None`, an `int`, or anything `ctypes.c_void_p` takes.
pub struct VoidArg {
    argtype: *mut PyObject,
}

impl Arg for VoidArg {
    fn layout(&self) -> AbiLayout {
        POINTER
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        let b = builtins();
        // SAFETY: the GIL is held.
        unsafe {
            let address = if obj == b.none {
                core::ptr::null_mut()
            } else if ffi::type_of(obj) == b.int_type {
                let p = (api().PyLong_AsVoidPtr)(obj);
                if p.is_null() && !(api().PyErr_Occurred)().is_null() {
                    return Err(ArgError::Raised);
                }
                p.cast()
            } else {
                address_of(self.argtype, obj, frame)?
            };
            write(out, address);
        }
        Ok(())
    }
}

/// A returned `*const c_void`: `None` for NULL, else the address as an `int`.
pub struct VoidRet;

impl Ret for VoidRet {
    fn layout(&self) -> AbiLayout {
        POINTER
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds a pointer; the GIL is held.
        unsafe {
            let p = value.cast::<*mut core::ffi::c_void>().read_unaligned();
            if p.is_null() {
                ffi::new_ref(builtins().none)
            } else {
                (api().PyLong_FromVoidPtr)(p)
            }
        }
    }
}

/// A returned `&T` / `Option<&T>`: a copy of the target, `None` for NULL.
pub struct Copied {
    pub target: Box<dyn Ret>,
}

impl Ret for Copied {
    fn layout(&self) -> AbiLayout {
        POINTER
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds a pointer to a valid target, or NULL.
        unsafe {
            let p = value.cast::<*mut u8>().read_unaligned();
            if p.is_null() {
                ffi::new_ref(builtins().none)
            } else {
                self.target.lift(p)
            }
        }
    }
}
