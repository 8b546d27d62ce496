//! The library's callables for service objects (ADR 51): a service's compiled `__init__`
//! ([`init_entry`]), and the `adopt` and `close_all` built-ins the package's runtime uses. The
//! objects and their guards are [`keeper`](super::keeper)'s.

use core::ffi::c_void;

use super::call::{builtins, raise};
use super::convert::Unsupported;
use super::convert::service::Free;
use super::ffi::{self, ARGUMENTS_OFFSET, PyObject, VectorCall, api};
use super::function::FunctionObject;
use super::keeper::{adopt, close, free_for, new_keeper, newest, setup};

/// What a constructor's function data adds: the entry of its shim's signature and its class.
pub struct Ctor {
    pub entry: VectorCall,
    pub class: *mut PyObject,
}

/// The vectorcall entry of a compiled `__init__`: `self` first, then the `new` shim's arguments,
/// bound and converted by the signature's entry, whose result is a keeper ([`KeeperRet`]).
///
/// # Safety
/// Installed only on function objects whose data has a [`Ctor`]; called by CPython with the GIL.
pub unsafe extern "C" fn init_entry(
    callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: see the function docs.
    unsafe {
        let f = FunctionObject::data(callable);
        let (Some(ctor), Some(setup)) = (f.ctor.as_ref(), setup()) else {
            raise(builtins().runtime_error, "not a constructor");
            return core::ptr::null_mut();
        };
        let nargs = nargsf & !ARGUMENTS_OFFSET;
        let obj = if nargs == 0 {
            core::ptr::null_mut()
        } else {
            *args
        };
        if obj.is_null() || !super::convert::record::is_instance(obj, ctor.class) {
            let message = format!("descriptor '__init__' requires a '{}' object", f.display);
            raise(builtins().type_error, &message);
            return core::ptr::null_mut();
        }
        let keeper = (ctor.entry)(callable, args.add(1), nargs - 1, kwnames);
        if keeper.is_null() || !adopt(setup, obj, keeper) {
            return core::ptr::null_mut();
        }
        ffi::new_ref(builtins().none)
    }
}

/// The vectorcall entry of the `adopt(obj, handle)` built-in the package's `_adopt` calls on the
/// compiled path (a handle a function on the ctypes path returned).
///
/// # Safety
/// Installed only on the function object made by [`adopt_function`].
unsafe extern "C" fn adopt_entry(
    _callable: *mut PyObject,
    args: *const *mut PyObject,
    nargsf: usize,
    _kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls with the GIL held and `nargs` live arguments.
    unsafe {
        let Some(setup) = setup() else {
            raise(
                builtins().runtime_error,
                "the service runtime is not set up",
            );
            return core::ptr::null_mut();
        };
        if nargsf & !ARGUMENTS_OFFSET != 2 {
            raise(builtins().type_error, "adopt() takes 2 arguments");
            return core::ptr::null_mut();
        }
        let (obj, handle) = (*args, *args.add(1));
        let handle = if handle == builtins().none {
            core::ptr::null_mut()
        } else {
            (api().PyLong_AsVoidPtr)(handle)
        };
        if !(api().PyErr_Occurred)().is_null() {
            return core::ptr::null_mut();
        }
        let Some((free, release)) = free_for(setup, obj) else {
            raise(builtins().type_error, "adopt() takes a service object");
            return core::ptr::null_mut();
        };
        let keeper = new_keeper(setup, handle, free, release);
        if keeper.is_null() || !adopt(setup, obj, keeper) {
            return core::ptr::null_mut();
        }
        ffi::new_ref(builtins().none)
    }
}

/// The vectorcall entry of `close_all()`: free every service object still alive, newest first (the
/// package registers it with `atexit`). The objects stay, closed.
unsafe extern "C" fn close_all_entry(
    _callable: *mut PyObject,
    _args: *const *mut PyObject,
    _nargsf: usize,
    _kwnames: *mut PyObject,
) -> *mut PyObject {
    // SAFETY: CPython calls with the GIL held; the list holds live keepers. A `Drop` may release
    // Python objects, and so other keepers: the one being closed and the next are held by a
    // reference meanwhile (a keeper that dies unlinks itself).
    unsafe {
        let mut k = newest();
        if !k.is_null() {
            (api().Py_IncRef)(k.cast());
        }
        while !k.is_null() {
            close(k);
            let older = (*k).older;
            if !older.is_null() {
                (api().Py_IncRef)(older.cast());
            }
            (api().Py_DecRef)(k.cast());
            k = older;
        }
        ffi::new_ref(builtins().none)
    }
}

/// The built-ins the init hands back: `(adopt, close_all)`.
///
/// # Safety
/// The GIL is held and the API installed.
pub unsafe fn builtin_functions(errors: super::function::Errors) -> Result<*mut PyObject, String> {
    // SAFETY: forwarded.
    unsafe {
        let adopt = builtin(adopt_entry, "_service_adopt", "(obj, handle)", errors)?;
        let close_all = builtin(close_all_entry, "_service_close_all", "()", errors)?;
        let out = (api().PyTuple_New)(2);
        if out.is_null() {
            (api().PyErr_Clear)();
            return Err("out of memory".into());
        }
        (api().PyTuple_SetItem)(out, 0, adopt);
        (api().PyTuple_SetItem)(out, 1, close_all);
        Ok(out)
    }
}

unsafe fn builtin(
    entry: VectorCall,
    name: &str,
    signature: &str,
    errors: super::function::Errors,
) -> Result<*mut PyObject, String> {
    let data = Box::new(super::function::FunctionData {
        shim: core::ptr::null(),
        release_gil: false,
        display: name.to_string(),
        params: Vec::new(),
        ret: Box::new(KeeperRet {
            free: noop_free,
            release_gil: false,
        }),
        errors,
        ctor: None,
    });
    // SAFETY: the entries above read no function data.
    unsafe {
        super::function::new_function(
            false,
            entry,
            data,
            super::function::Names {
                name,
                qualname: name,
                module: "interop",
                doc: None,
                text_signature: signature,
            },
        )
    }
}

unsafe extern "C" fn noop_free(_: *mut c_void) {}

/// The result of a constructor's `new` shim: a keeper owning the handle.
pub struct KeeperRet {
    pub free: Free,
    pub release_gil: bool,
}

impl super::convert::Ret for KeeperRet {
    fn layout(&self) -> super::entry::AbiLayout {
        super::entry::AbiLayout::of::<*mut u8>()
    }

    unsafe fn lift(&self, value: *mut u8) -> *mut PyObject {
        // SAFETY: `value` holds the new handle; the setup exists (constructors are only made
        // after it).
        unsafe {
            let handle = value.cast::<*mut c_void>().read_unaligned();
            match setup() {
                Some(setup) => new_keeper(setup, handle, self.free, self.release_gil),
                None => {
                    (self.free)(handle);
                    raise(
                        builtins().runtime_error,
                        "the service runtime is not set up",
                    );
                    core::ptr::null_mut()
                }
            }
        }
    }
}

/// The result conversion and data of a service's constructor: a keeper of the handle `new`
/// returns (only a plain `Self`: a fallible `new` stays on the ctypes path).
pub(super) fn constructor(
    inv: &crate::model::Inventory,
    model: &crate::model::Function,
    class: super::convert::Class,
    entry: super::ffi::VectorCall,
) -> Result<(Box<dyn super::convert::Ret>, Option<Ctor>), Unsupported> {
    let Ok(crate::abi::AbiShape::Service { def, .. }) = inv.shape_of(&model.returns) else {
        return Err(Unsupported(
            "a constructor that does not return its service".into(),
        ));
    };
    if class.class.is_null() {
        return Err(Unsupported("no class was given for a constructor".into()));
    }
    let free = super::convert::service::free_of(inv, def)?;
    Ok((
        Box::new(KeeperRet {
            free,
            release_gil: setup().is_some_and(|s| s.release_of(class.class)),
        }),
        Some(Ctor {
            entry,
            class: class.class,
        }),
    ))
}
