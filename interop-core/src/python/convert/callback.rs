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
    } else if entry.in_slot {
        // SAFETY: forwarded; `ret_class` is `((_own_into, codec), 0)`.
        unsafe { owned_result(inv, c, item(ret_class, 0), &what) }?
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
        scalar_ret: Scalar::of(inv, &c.returns).filter(|_| !entry.in_slot),
        expected: text_of(item(class.class, 4))
            .unwrap_or_else(|| "the closure's return type".into()),
        in_slot: entry.in_slot,
        members: members_of(inv, &c.returns),
        text_ret: entry.in_slot
            && matches!(
                inv.shape_of(&c.returns),
                Ok(crate::abi::AbiShape::Str { owned: true })
            ),
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

/// The `str` `o` as a `String` (`None` for NULL or anything else).
fn text_of(o: *mut PyObject) -> Option<String> {
    if o.is_null() {
        return None;
    }
    // SAFETY: the GIL is held; `o` is live.
    unsafe {
        let mut len = 0isize;
        let ptr = (api().PyUnicode_AsUTF8AndSize)(o, &mut len);
        if ptr.is_null() {
            (api().PyErr_Clear)();
            return None;
        }
        let bytes = core::slice::from_raw_parts(ptr.cast::<u8>(), len as usize);
        Some(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// The result of a closure returning owned data (ADR 54): `pair` is the package's `(_own_into,
/// codec of the result)`.
///
/// # Safety
/// The GIL is held and the API installed.
unsafe fn owned_result(
    inv: &Inventory,
    c: &CallbackType,
    pair: *mut PyObject,
    what: &str,
) -> Result<Box<dyn Arg>, Unsupported> {
    let missing = || Unsupported("no codec was given for a closure's owned result".into());
    if pair.is_null() {
        return Err(missing());
    }
    // SAFETY: the GIL is held; errors are cleared; the objects are kept for the process.
    unsafe {
        let (own_into, codec) = (
            (api().PyTuple_GetItem)(pair, 0),
            (api().PyTuple_GetItem)(pair, 1),
        );
        if own_into.is_null() || codec.is_null() {
            (api().PyErr_Clear)();
            return Err(missing());
        }
        let place = crate::python::function::str_object(what);
        if place.is_null() {
            (api().PyErr_Clear)();
            return Err(Unsupported("out of memory".into()));
        }
        let layout = inv
            .layout_of(&c.returns)
            .map_err(|e| Unsupported(e.to_string()))?;
        Ok(Box::new(super::callback_return::OwnedResult {
            layout: AbiLayout {
                size: layout.size as usize,
                align: layout.align.max(1) as usize,
            },
            text: matches!(
                inv.shape_of(&c.returns),
                Ok(crate::abi::AbiShape::Str { owned: true })
            ),
            own_into: ffi::new_ref(own_into),
            codec: ffi::new_ref(codec),
            place,
        }))
    }
}

/// The values of a C-like enum a closure returns: any other is the callback's `ValueError` (the
/// library would panic on it).
pub struct Members {
    values: Vec<i128>,
    size: usize,
    signed: bool,
}

impl Members {
    /// The value at `out` (written by the result's conversion) when it is no variant.
    ///
    /// # Safety
    /// `out` holds a value of the enum's storage type.
    pub unsafe fn stray(&self, out: *const u8) -> Option<i128> {
        // SAFETY: see the function docs.
        let v = unsafe {
            match (self.size, self.signed) {
                (1, true) => i128::from(out.cast::<i8>().read_unaligned()),
                (2, true) => i128::from(out.cast::<i16>().read_unaligned()),
                (4, true) => i128::from(out.cast::<i32>().read_unaligned()),
                (8, true) => i128::from(out.cast::<i64>().read_unaligned()),
                (1, false) => i128::from(out.read_unaligned()),
                (2, false) => i128::from(out.cast::<u16>().read_unaligned()),
                (4, false) => i128::from(out.cast::<u32>().read_unaligned()),
                (8, false) => i128::from(out.cast::<u64>().read_unaligned()),
                _ => return None,
            }
        };
        (!self.values.contains(&v)).then_some(v)
    }

    /// True when the value at `out` is a variant; else raise the callback's `ValueError` (the
    /// ctypes path's words, `_not_a_member`) naming `what` and the enum (`expected`).
    ///
    /// # Safety
    /// The GIL is held; `out` holds a value of the enum's storage type.
    pub unsafe fn check(&self, what: &str, expected: &str, out: *const u8) -> bool {
        // SAFETY: see the function docs.
        let Some(v) = (unsafe { self.stray(out) }) else {
            return true;
        };
        let message =
            format!("{what}: the callback returned {v}, which is not a value of {expected}");
        // SAFETY: the GIL is held.
        unsafe { crate::python::call::raise(builtins().value_error, &message) };
        false
    }
}

/// The [`Members`] of `ty` when it is a C-like enum.
fn members_of(inv: &Inventory, ty: &crate::model::TypeRef) -> Option<Members> {
    let crate::model::TypeRef::Named { id } = ty else {
        return None;
    };
    let crate::model::TypeKind::Enum(e) = &inv.type_def(id)?.kind else {
        return None;
    };
    Some(Members {
        values: e.variants.iter().map(|v| v.value).collect(),
        size: inv.target.primitive(e.storage)?.size as usize,
        signed: e.storage.is_signed(),
    })
}
