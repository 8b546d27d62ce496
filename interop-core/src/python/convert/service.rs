//! Services (ADR 25): instances of the package's service class (a `ctypes.Structure` whose one
//! field is the address of the object's [`Guard`]). A parameter enters the guard (the call is
//! counted in; a closed object raises `ValueError`), passes the handle and leaves the guard after
//! the call (through the [`Frame`]), freeing the handle when the object was closed meanwhile and
//! this was the last call. A parameter taken by value (`self` of a consuming method, a service
//! argument moved into Rust) *takes* the guard instead (enters and closes it in one step): the
//! object is spent, whatever the call does. A returned service becomes a new object of its class
//! made and adopted natively ([`crate::python::keeper`], ADR 51).
//!
//! The compiled path runs in the guard's GIL mode (ADR 41; claimed by the init): the entry
//! converts the arguments, and leaves the guards, with the GIL held (also with `release-gil`: the
//! frame is released after the GIL is taken back), so each guard operation is a load and a store.

use core::ffi::c_void;

use super::record::is_instance;
use super::{Arg, ArgError, Ret, Unsupported};
use crate::abi::ServicePass;
use crate::model::{FunctionKind, Inventory, TypeDef};
use crate::python::call::{Frame, builtins, raise};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject};
use crate::python::guard::{CONSUMED, Guard};

/// A service's `_free` shim.
pub type Free = unsafe extern "C" fn(*mut c_void);

/// A guard a call entered, with the `_free` of its service.
pub struct Entered {
    guard: *const Guard,
    free: Free,
}

impl Entered {
    /// Count the call out; free the handle if the object was closed meanwhile and this was the
    /// last call. A panic of `Drop` there has no caller to go to: it is discarded (see ADR 25).
    ///
    /// # Safety
    /// The guard was entered by this call and is kept alive by the argument's object.
    pub unsafe fn leave(self) {
        // SAFETY: see the function docs; the compiled path runs in GIL mode and leaves with the GIL
        // held (`Frame::release`).
        let guard = unsafe { &*self.guard };
        if unsafe { guard.leave_gil() } {
            // SAFETY: the last call out of a closed guard frees its handle, once.
            unsafe { (self.free)(guard.handle) };
            if crate::panic::pending_count() != 0 {
                let _ = crate::panic::take();
            }
        }
    }
}

/// The `_free` shim of the service `def` (its `FunctionKind::Destructor`).
pub fn free_of(inv: &Inventory, def: &TypeDef) -> Result<Free, Unsupported> {
    let symbol = inv
        .functions
        .iter()
        .find(|f| f.kind == FunctionKind::Destructor && f.owner.as_deref() == Some(&def.id))
        .map(|f| f.symbol.as_str())
        .ok_or_else(|| Unsupported(format!("the service `{}` has no `_free`", def.name)))?;
    let desc = crate::registry::FUNCTIONS
        .iter()
        .find(|d| d.symbol == symbol)
        .ok_or_else(|| Unsupported(format!("the library has no function `{symbol}`")))?;
    // SAFETY: a destructor shim is `unsafe extern "C" fn(*mut ServiceCell<T>)`, a pointer
    // argument and no result.
    Ok(unsafe { core::mem::transmute::<*const (), Free>(desc.shim.0) })
}

pub struct ServiceArg {
    pub class: *mut PyObject,
    pub pass: ServicePass,
    pub free: Free,
}

impl Arg for ServiceArg {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<*mut u8>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: an instance of a service class holds its guard's address (or NULL, before its
        // constructor ran) in its buffer; the guard is kept alive by the object.
        unsafe {
            if !is_instance(obj, self.class) {
                return Err(ArgError::Type);
            }
            let guard = ffi::ctypes_buffer(obj).cast::<*const Guard>().read();
            // GIL mode (the module docs): the GIL is held while arguments convert.
            let entered = match (guard.as_ref(), self.pass) {
                (Some(g), ServicePass::Owned) => g.take_gil(),
                (Some(g), _) => g.enter_gil(),
                (None, _) => Err(0),
            };
            let handle = match entered {
                Ok(handle) => handle,
                Err(state) => {
                    let name = ffi::type_name(obj);
                    let message = if state & CONSUMED != 0 {
                        format!("{name} was consumed (a method took it by value)")
                    } else {
                        format!("{name} is closed")
                    };
                    raise(builtins().value_error, &message);
                    return Err(ArgError::Raised);
                }
            };
            // Taken by value: spent from now on; freed (empty, or with the value if the call did
            // not take it) when this call leaves.
            frame.entered(Entered {
                guard,
                free: self.free,
            });
            out.cast::<*mut c_void>().write_unaligned(handle);
        }
        Ok(())
    }
}

/// A new object of the service class owning the returned handle: the class's `tp_new`, then the
/// handle adopted natively (ADR 51: no Python code runs).
pub struct ServiceRet {
    pub class: *mut PyObject,
    pub free: Free,
}

impl ServiceRet {
    pub fn new(class: *mut PyObject, free: Free) -> Result<ServiceRet, Unsupported> {
        if class.is_null() {
            return Err(Unsupported("no class was given for a service".into()));
        }
        Ok(ServiceRet { class, free })
    }
}

impl Ret for ServiceRet {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<*mut u8>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds the new handle, which the object made here owns from now on.
        unsafe {
            let handle = value.cast::<*mut c_void>().read_unaligned();
            crate::python::keeper::new_object(self.class, handle, self.free)
        }
    }
}
