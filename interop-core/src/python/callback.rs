//! Python callables as Rust closures on the compiled path (ADR 33): the native `call` of the
//! `{call, context, drop}` shape.
//!
//! Every closure type of the generic impls (`&dyn Fn`, `&mut dyn FnMut`, `Box<dyn Fn + Send +
//! Sync>`, `Option` of each, named callback types) has a `call` type `unsafe extern "C" fn(*mut
//! c_void, A0, …) -> R` over ABI types. [`CallType`] is implemented for each of them without any
//! bound on the types and gives the [`CallbackEntry`] of that signature: a trampoline generic only
//! over the ABI types it moves (like the vectorcall entries of [`super::entry`]), which puts its
//! arguments in a frame and calls [`invoke`], plain code compiled once. The closure's impl hands
//! the entry to the registry when it is described ([`describe`]); the init finds it again by
//! describing the parameter ([`entry_of`]).
//!
//! [`invoke`] takes the GIL (`PyGILState_Ensure`: cheap when this thread holds it, the real thing
//! on a thread Rust started or while a `release-gil` call waits), converts each argument with the
//! result conversions of [`super::convert`] (an owned value passes to Python, a `String` becomes a
//! `str`), calls the callable through `PyObject_VectorcallDict` and converts its result with the
//! parameter conversion of the return type. An exception (raised by the callable, or a result that
//! does not convert) never unwinds into Rust: it goes to the package's `_callback_failed`, which
//! keeps it for the thread and tells the library (`interop_callback_failed`), so the waiting call
//! re-raises it and a thread Rust started hands it to `sys.unraisablehook`, as on the ctypes path;
//! `call` then returns zero bytes (the documented failure value).

use core::cell::Cell;
use core::ffi::c_void;
use core::mem::{ManuallyDrop, MaybeUninit};

use super::call::{Frame, builtins};
use super::convert::{Arg, ArgError, Ret};
use super::entry::AbiLayout;
use super::ffi::{self, ARGUMENTS_OFFSET, PyObject, api};
use crate::model::TypeRef;
use crate::registry::{DescribeFn, Registry};

/// The most parameters a closure of the generic impls has.
pub const MAX_CALLBACK_PARAMS: usize = 6;

/// The native `call` of one closure signature, and the layouts it moves.
pub struct CallbackEntry {
    /// `unsafe extern "C" fn(*mut c_void, A0, …) -> R`, erased.
    pub trampoline: *const (),
    /// The layouts of `A0, …`.
    pub params: &'static [AbiLayout],
    /// The layout of `R`.
    pub ret: AbiLayout,
}

// SAFETY: a code address and static layouts.
unsafe impl Sync for CallbackEntry {}

/// A closure's `call` type: `unsafe extern "C" fn(*mut c_void, A0, …) -> R`.
pub trait CallType {
    const ENTRY: &'static CallbackEntry;
}

thread_local! {
    /// The entry of the closure described last on this thread (see [`entry_of`]).
    static DESCRIBED: Cell<Option<(&'static CallbackEntry, bool)>> = const { Cell::new(None) };
}

/// Describe a closure type (as [`describe_callback`](crate::abi::convert::callbacks::describe_callback))
/// and note its entry and whether the closure may go to another thread (`Send` among its bounds).
pub fn describe(described: TypeRef, entry: &'static CallbackEntry, sendable: bool) -> TypeRef {
    DESCRIBED.with(|d| d.set(Some((entry, sendable))));
    described
}

/// The entry of the closure a parameter's description describes (the outermost: it is described
/// last), and whether it may go to another thread. `None` for closures the generic impls do not
/// cover (signatures `#[ffi]` expands itself: borrowed arguments, `Result` returns).
pub fn entry_of(describe_param: DescribeFn) -> Option<(&'static CallbackEntry, bool)> {
    DESCRIBED.with(|d| d.set(None));
    let _ = describe_param(&mut Registry::new());
    DESCRIBED.with(Cell::take)
}

/// What every call of one closure parameter's callables needs: its conversions.
pub struct Conv {
    /// `Ret` conversions: each ABI argument into the Python object the callable gets.
    pub args: Vec<Box<dyn Ret>>,
    /// An `Arg` conversion: the callable's result into the ABI value Rust gets.
    pub ret: Box<dyn Arg>,
    /// The package's `_callback_failed(error)`.
    pub failed: *mut PyObject,
    /// `call_n() argument 'f'`, for messages.
    pub what: String,
}

/// A closure's context: the callable (a strong reference) and its conversions.
pub struct Context {
    pub callable: *mut PyObject,
    pub conv: *const Conv,
}

/// The `drop` of a closure: releases the callable (taking the GIL), once.
///
/// # Safety
/// `context` was made by the closure conversion and is dropped once.
pub unsafe extern "C" fn drop_context(context: *mut c_void) {
    if context.is_null() {
        return;
    }
    // SAFETY: see the function docs.
    unsafe {
        let context = Box::from_raw(context.cast::<Context>());
        let gil = (api().PyGILState_Ensure)();
        (api().Py_DecRef)(context.callable);
        (api().PyGILState_Release)(gil);
    }
}

/// Free a context the shim was never handed (the call did not happen), with the GIL held.
///
/// # Safety
/// As for [`drop_context`].
pub unsafe fn free_unclaimed(context: *mut c_void) {
    // SAFETY: forwarded; the GIL is held.
    unsafe {
        let context = Box::from_raw(context.cast::<Context>());
        (api().Py_DecRef)(context.callable);
    }
}

/// One call of a Python callable from Rust (see the module docs).
///
/// # Safety
/// `context` is a live [`Context`]; `slots[i]` holds argument `i` in its ABI form (taken over);
/// `out` is writable for the return type's ABI value.
#[inline(never)]
pub unsafe fn invoke(context: *mut c_void, slots: &[*mut u8], out: *mut u8) {
    // SAFETY: see the function docs; every object is checked before use.
    unsafe {
        let ctx = &*context.cast::<Context>();
        let conv = &*ctx.conv;
        let gil = (api().PyGILState_Ensure)();
        let n = slots.len();
        // One slot before the arguments: `PY_VECTORCALL_ARGUMENTS_OFFSET` lets the callee use it.
        let mut argv: [*mut PyObject; MAX_CALLBACK_PARAMS + 1] =
            [core::ptr::null_mut(); MAX_CALLBACK_PARAMS + 1];
        let mut converted = true;
        for (i, (lift, slot)) in conv.args.iter().zip(slots).enumerate() {
            if converted {
                let o = lift.lift(*slot);
                if o.is_null() {
                    converted = false;
                } else {
                    argv[i + 1] = o;
                }
            } else {
                lift.discard(*slot);
            }
        }
        let result = if converted {
            (api().PyObject_VectorcallDict)(
                ctx.callable,
                argv.as_ptr().add(1),
                n | ARGUMENTS_OFFSET,
                core::ptr::null_mut(),
            )
        } else {
            core::ptr::null_mut()
        };
        for o in &argv[1..=n] {
            if !o.is_null() {
                (api().Py_DecRef)(*o);
            }
        }
        let ok = !result.is_null() && {
            // A closure returns C-compatible values: nothing goes into the frame.
            let mut frame = Frame::new();
            let lowered = conv.ret.lower(result, out, &mut frame);
            if let Err(e) = &lowered {
                bad_result(conv, result, e);
            }
            (api().Py_DecRef)(result);
            lowered.is_ok()
        };
        if !ok {
            core::ptr::write_bytes(out, 0, conv.ret.layout().size);
            failed(conv);
        }
        (api().PyGILState_Release)(gil);
    }
}

/// The callable's result does not convert to the closure's return type: raise it as the
/// callable's exception (`TypeError`, `OverflowError`).
#[cold]
unsafe fn bad_result(conv: &Conv, result: *mut PyObject, e: &ArgError) {
    let b = builtins();
    // SAFETY: the GIL is held; `result` is live.
    unsafe {
        let (exception, message) = match e {
            ArgError::Raised => return,
            ArgError::Type => (
                b.type_error,
                format!(
                    "{}: the callable returned {}, which is not of the closure's return type",
                    conv.what,
                    ffi::type_name(result)
                ),
            ),
            ArgError::Range(range) => (
                b.overflow_error,
                format!(
                    "{}: the callable returned a value out of range for {range}",
                    conv.what
                ),
            ),
            ArgError::Value(why) => (b.value_error, format!("{}: {why}", conv.what)),
        };
        super::call::raise(exception, &message);
    }
}

/// The callable raised (the exception is set): hand it to the package and tell the library.
#[cold]
#[inline(never)]
unsafe fn failed(conv: &Conv) {
    // SAFETY: the GIL is held and an exception is set.
    unsafe {
        let (mut t, mut v, mut tb) = (
            core::ptr::null_mut(),
            core::ptr::null_mut(),
            core::ptr::null_mut(),
        );
        (api().PyErr_Fetch)(&mut t, &mut v, &mut tb);
        (api().PyErr_NormalizeException)(&mut t, &mut v, &mut tb);
        if !v.is_null() {
            if !tb.is_null() {
                (api().PyException_SetTraceback)(v, tb);
            }
            let args = [core::ptr::null_mut(), v];
            let r = (api().PyObject_VectorcallDict)(
                conv.failed,
                args.as_ptr().add(1),
                1 | ARGUMENTS_OFFSET,
                core::ptr::null_mut(),
            );
            if r.is_null() {
                (api().PyErr_WriteUnraisable)(conv.failed);
            } else {
                (api().Py_DecRef)(r);
            }
        }
        for o in [t, v, tb] {
            if !o.is_null() {
                (api().Py_DecRef)(o);
            }
        }
    }
    crate::abi::callback::interop_callback_failed();
}

macro_rules! trampolines {
    ($($tramp:ident($($a:ident $v:ident $i:tt),*);)*) => {$(
        impl<$($a,)* R> CallType for unsafe extern "C" fn(*mut c_void, $($a),*) -> R {
            const ENTRY: &'static CallbackEntry = &CallbackEntry {
                trampoline: $tramp::<$($a,)* R> as *const (),
                params: &[$(AbiLayout::of::<$a>()),*],
                ret: AbiLayout::of::<R>(),
            };
        }

        /// The `call` of the signature (see the module docs).
        ///
        /// # Safety
        /// `context` comes from the closure conversion whose argument and result conversions
        /// were checked against this signature's layouts at init.
        #[allow(unused_variables, unused_mut, clippy::unused_unit)]
        unsafe extern "C" fn $tramp<$($a,)* R>(context: *mut c_void, $($v: $a),*) -> R {
            // The conversions take the arguments over: Rust never drops them here.
            let mut values = ManuallyDrop::new(($($v,)*));
            let values = &mut *values;
            let slots: &[*mut u8] = &[$((&raw mut values.$i).cast::<u8>()),*];
            let mut out = MaybeUninit::<R>::uninit();
            // SAFETY: see the function docs; `invoke` writes every byte of `out`.
            unsafe {
                invoke(context, slots, out.as_mut_ptr().cast());
                out.assume_init()
            }
        }
    )*};
}

trampolines! {
    trampoline0();
    trampoline1(A0 a0 0);
    trampoline2(A0 a0 0, A1 a1 1);
    trampoline3(A0 a0 0, A1 a1 1, A2 a2 2);
    trampoline4(A0 a0 0, A1 a1 1, A2 a2 2, A3 a3 3);
    trampoline5(A0 a0 0, A1 a1 1, A2 a2 2, A3 a3 3, A4 a4 4);
    trampoline6(A0 a0 0, A1 a1 1, A2 a2 2, A3 a3 3, A4 a4 4, A5 a5 5);
}

/// The package's `_take_callback_error()` (set by the first closure conversion made).
static TAKE_ERROR: std::sync::OnceLock<Ptr> = std::sync::OnceLock::new();

struct Ptr(*mut PyObject);
// SAFETY: a Python object kept for the process, used with the GIL held.
unsafe impl Send for Ptr {}
// SAFETY: as above.
unsafe impl Sync for Ptr {}

/// Keep the package's `_take_callback_error` (a strong reference for the process).
///
/// # Safety
/// The GIL is held; `take` is live.
pub unsafe fn set_take_error(take: *mut PyObject) {
    if TAKE_ERROR.get().is_none() {
        // SAFETY: see the function docs.
        let _ = TAKE_ERROR.set(Ptr(unsafe { ffi::new_ref(take) }));
    }
}

/// The call failed with an error the library recorded: when it stands for an exception a
/// callback raised on this thread, set that exception and return true.
///
/// # Safety
/// The GIL is held.
pub unsafe fn reraise() -> bool {
    let Some(take) = TAKE_ERROR.get() else {
        return false;
    };
    // SAFETY: see the function docs.
    unsafe {
        let error =
            (api().PyObject_VectorcallDict)(take.0, core::ptr::null(), 0, core::ptr::null_mut());
        if error.is_null() {
            (api().PyErr_Clear)();
            return false;
        }
        if error == builtins().none {
            (api().Py_DecRef)(error);
            return false;
        }
        (api().PyErr_SetObject)(ffi::type_of(error), error);
        (api().Py_DecRef)(error);
        true
    }
}
