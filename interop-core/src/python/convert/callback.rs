//! A closure parameter (`{call, context, drop}`, ADR 14) from any Python callable: `call` is the
//! native trampoline of the closure's signature ([`crate::python::callback`]), `context` holds a
//! strong reference to the callable, `drop` releases it (taking the GIL unless the invocations run
//! with it held, ADR 43) exactly once. `None` is a
//! NULL `call` where the parameter is an `Option`.
//!
//! Until the shim is called the frame owns the context (an argument after this one that does not
//! convert frees it); from then on Rust does, and calls `drop`: after the call for a borrowed
//! closure, when it drops a kept one.

use core::ffi::c_void;

use super::scalar::Scalar;
use super::{Arg, ArgError, Class, Unsupported};
use crate::abi::CallbackAbi;
use crate::model::{CallbackType, Inventory};
use crate::python::call::{Frame, builtins};
use crate::python::callback::{
    CallbackEntry, Context, Conv, drop_context, drop_context_held, free_unclaimed,
};
use crate::python::entry::AbiLayout;
use crate::python::ffi::{self, PyObject, api};

/// The ABI value written: `{call, context, drop}`.
type Abi = CallbackAbi<Option<unsafe extern "C" fn()>>;

/// A closure parameter.
pub struct CallbackArg {
    trampoline: *const (),
    conv: &'static Conv,
    /// [`drop_context`], or [`drop_context_held`] when the invocations do not take the GIL.
    drop: unsafe extern "C" fn(*mut c_void),
    nullable: bool,
    /// Where the parameter is (`f() argument 'g'`), for messages.
    name: String,
}

impl Arg for CallbackArg {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<Abi>()
    }

    unsafe fn lower(
        &self,
        obj: *mut PyObject,
        out: *mut u8,
        frame: &mut Frame,
    ) -> Result<(), ArgError> {
        // SAFETY: `out` holds a `CallbackAbi` (checked at init); the GIL is held.
        unsafe {
            if obj == builtins().none && self.nullable {
                out.cast::<Abi>().write(CallbackAbi {
                    call: None,
                    context: core::ptr::null_mut(),
                    drop: None,
                });
                return Ok(());
            }
            if (api().PyCallable_Check)(obj) == 0 {
                // The ctypes path's words (`_callable_in`).
                let message = format!(
                    "{}: expected a callable, got {}",
                    self.name,
                    if obj == builtins().none {
                        "NoneType".to_string()
                    } else {
                        ffi::type_name(obj)
                    }
                );
                crate::python::call::raise(builtins().type_error, &message);
                return Err(ArgError::Raised);
            }
            let context = Box::into_raw(Box::new(Context {
                callable: ffi::new_ref(obj),
                conv: self.conv,
                vectorcall: crate::python::vectorcall::offset_of(obj),
            }))
            .cast::<c_void>();
            frame.until_called(context, free_unclaimed);
            out.cast::<Abi>().write(CallbackAbi {
                call: Some(core::mem::transmute::<*const (), unsafe extern "C" fn()>(
                    self.trampoline,
                )),
                context,
                drop: Some(self.drop),
            });
        }
        Ok(())
    }
}

/// The result of a closure returning `()`: whatever the callable returns is ignored.
struct UnitResult;

impl Arg for UnitResult {
    fn layout(&self) -> AbiLayout {
        AbiLayout::of::<()>()
    }

    unsafe fn lower(&self, _: *mut PyObject, _: *mut u8, _: &mut Frame) -> Result<(), ArgError> {
        Ok(())
    }
}

/// The conversion of a closure parameter of type `c`, whose `call` is `entry`. `class` is the
/// package's `(_callback_failed, _take_callback_error, (sized argument classes), sized result class)`; `what` names
/// the parameter in messages (`call_n() argument 'f'`); `take_gil` says whether each invocation
/// takes the GIL ([`takes_gil`](crate::python::callback::takes_gil)).
///
/// # Safety
/// The GIL is held and the API installed.
pub unsafe fn arg(
    inv: &Inventory,
    c: &CallbackType,
    class: Class,
    entry: &'static CallbackEntry,
    what: String,
    take_gil: bool,
) -> Result<Box<dyn Arg>, Unsupported> {
    let item = |t: *mut PyObject, i: isize| {
        // SAFETY: the GIL is held; errors are cleared.
        unsafe {
            let o = (api().PyTuple_GetItem)(t, i);
            if o.is_null() {
                (api().PyErr_Clear)();
            }
            o
        }
    };
    let missing = || Unsupported("no callback runtime was given for a closure".into());
    if class.class.is_null() {
        return Err(missing());
    }
    let failed = item(class.class, 0);
    let take_error = item(class.class, 1);
    let arg_classes = item(class.class, 2);
    let ret_class = item(class.class, 3);
    if failed.is_null() || take_error.is_null() || arg_classes.is_null() || ret_class.is_null() {
        return Err(missing());
    }
    // SAFETY: the GIL is held; live objects (`_callback_failed` is a `def`).
    unsafe {
        crate::python::callback::set_take_error(take_error);
        crate::python::vectorcall::check_layout(failed);
    }
    if c.params.len() != entry.params.len() {
        return Err(Unsupported(format!(
            "a closure with {} parameters whose `call` takes {}",
            c.params.len(),
            entry.params.len()
        )));
    }
    let mut args = Vec::with_capacity(c.params.len());
    for (i, p) in c.params.iter().enumerate() {
        let sized = item(arg_classes, i as isize);
        if sized.is_null() {
            return Err(missing());
        }
        // SAFETY: forwarded; `sized` is `(class, sizeof(class))`.
        let conv = unsafe { super::ret(inv, p, crate::python::init::class_of(sized, 0)) }
            .map_err(|Unsupported(why)| Unsupported(format!("a closure's argument: {why}")))?;
        if conv.layout() != entry.params[i] {
            return Err(Unsupported(format!(
                "a closure's argument {i}: the conversion reads {:?}, `call` takes {:?}",
                conv.layout(),
                entry.params[i]
            )));
        }
        args.push(conv);
    }
    let ret: Box<dyn Arg> = if c.returns.is_unit() {
        Box::new(UnitResult)
    } else {
        // SAFETY: forwarded; `ret_class` is `(class, sizeof(class))`.
        unsafe { super::arg(inv, &c.returns, crate::python::init::class_of(ret_class, 0)) }
            .map_err(|Unsupported(why)| Unsupported(format!("a closure's result: {why}")))?
    };
    if ret.layout() != entry.ret {
        return Err(Unsupported(format!(
            "a closure's result: the conversion writes {:?}, `call` returns {:?}",
            ret.layout(),
            entry.ret
        )));
    }
    let conv: &'static Conv = Box::leak(Box::new(Conv {
        args,
        ret,
        // SAFETY: a live object, kept for the process.
        failed: unsafe { ffi::new_ref(failed) },
        what,
        take_gil,
        scalar_args: c
            .params
            .iter()
            .map(|p| Scalar::of(inv, p))
            .collect::<Option<Vec<_>>>(),
        scalar_ret: Scalar::of(inv, &c.returns),
    }));
    Ok(Box::new(CallbackArg {
        trampoline: entry.trampoline,
        conv,
        drop: if take_gil {
            drop_context
        } else {
            drop_context_held
        },
        nullable: c.nullable,
        name: conv.what.clone(),
    }))
}
