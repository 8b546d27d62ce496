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
//! [`invoke`] takes the GIL (`PyGILState_Ensure`: needed on a thread Rust started or while a
//! `release-gil` call waits) unless the parameter's closure can only run on the calling thread of
//! a call that keeps the GIL ([`takes_gil`], ADR 43), converts each argument with the result
//! conversions of [`super::convert`] (an owned value passes to Python, a `String` becomes a
//! `str`; numbers and `bool` inline, [`Scalar`]), calls the callable through its own vectorcall
//! function ([`vectorcall::call`]) and converts its result with the parameter conversion of the
//! return type (a number or `bool` of the exact type inline first). An exception (raised by the callable, or a result that
//! does not convert) never unwinds into Rust: it goes to the package's `_callback_failed`, which
//! keeps it for the thread and tells the library (`interop_callback_failed`), so the waiting call
//! re-raises it and a thread Rust started hands it to `sys.unraisablehook`, as on the ctypes path;
//! `call` then returns zero bytes (the documented failure value).
//! Owned data (ADR 54): [`CallbackEntry::slot`], whose trampoline takes Rust's zeroed slot; the
//! result is written there in owned form (`convert/callback_return.rs`); a failure leaves it.

use core::cell::Cell;
use core::ffi::c_void;
use core::mem::{ManuallyDrop, MaybeUninit};

use super::call::{Builtins, Frame, builtins};
use super::convert::scalar::Scalar;
use super::convert::{Arg, ArgError, Ret};
use super::entry::AbiLayout;
use super::ffi::{self, ARGUMENTS_OFFSET, Api, PyObject, api};
use super::vectorcall;
use crate::model::{CallbackOwnership, TypeRef};
use crate::registry::{DescribeFn, Registry};

mod context;
pub use context::{Context, drop_context, drop_context_held, free_unclaimed};

/// The most parameters a closure of the generic impls has.
pub const MAX_CALLBACK_PARAMS: usize = 6;

/// The native `call` of one closure signature, and the layouts it moves.
pub struct CallbackEntry {
    /// `unsafe extern "C" fn(*mut c_void, A0, …) -> R`, erased.
    pub trampoline: *const (),
    /// The layouts of `A0, …`.
    pub params: &'static [AbiLayout],
    /// The layout of `R` (of what the slot holds, for an entry [`in_slot`](Self::in_slot)).
    pub ret: AbiLayout,
    /// `unsafe extern "C" fn(*mut c_void, A0, …, *mut R)`: the result goes to a slot Rust passes
    /// (owned data, ADR 54).
    pub in_slot: bool,
    /// The entry of the same signature with its result in a slot (`None` for that entry).
    pub slot: Option<&'static CallbackEntry>,
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
    /// Each invocation takes the GIL ([`takes_gil`]); else it runs on the thread holding it.
    pub take_gil: bool,
    /// The arguments, when every one is a number or `bool`: converted inline instead of by
    /// `args`.
    pub scalar_args: Option<Vec<Scalar>>,
    /// The result, when it is a number or `bool`: tried inline before `ret`.
    pub scalar_ret: Option<Scalar>,
    /// What a C-compatible result must be (`int`, `CbColor`), for the message of one that is not.
    pub expected: String,
    /// The result goes to a slot (owned data, ADR 54): on a failure the slot keeps what was
    /// written (Rust frees it) instead of being zeroed.
    pub in_slot: bool,
    /// A C-like enum result: its values (another is the callback's `ValueError`).
    pub members: Option<super::convert::callback::Members>,
    /// The result is a `String` in a slot: a `str` is written inline first
    /// ([`write_str`](super::convert::callback_return::write_str)), without `ret`'s frame.
    pub text_ret: bool,
}

/// Whether the invocations of a closure parameter take the GIL (`PyGILState_Ensure`), or run on
/// the thread that holds it (ADR 43). A closure Rust borrows for the call (`&dyn Fn`, `&mut dyn
/// FnMut`, `impl Fn`, `Option` of them) without `Send` among its bounds cannot leave the calling
/// thread (`&dyn Fn` is `Send` only when the closure is `Sync`; `&mut dyn FnMut` only when it is
/// `Send`) nor outlive the call, so when the call keeps the GIL (`release_gil` off: no parameter
/// may go to another thread, no `release-gil`) every invocation happens on the caller's thread,
/// which holds the GIL. A kept closure (`Box<dyn Fn>`, even without `Send`: Rust may store it and
/// call it from a later call that released the GIL), one that may go to another thread, and every
/// closure of a call that releases the GIL take it.
pub fn takes_gil(ownership: CallbackOwnership, sendable: bool, release_gil: bool) -> bool {
    ownership != CallbackOwnership::Borrowed || sendable || release_gil
}

/// One call of a Python callable from Rust (see the module docs).
///
/// # Safety
/// `context` is a live [`Context`]; `slots[i]` holds argument `i` in its ABI form (taken over);
/// `out` is writable for the return type's ABI value. When the parameter's conversion does not
/// take the GIL ([`takes_gil`]), this thread holds it.
#[inline(never)]
pub unsafe fn invoke(context: *mut c_void, slots: &[*mut u8], out: *mut u8) {
    // SAFETY: see the function docs.
    unsafe {
        let ctx = &*context.cast::<Context>();
        let conv = &*ctx.conv;
        if conv.take_gil {
            let api = api();
            let gil = (api.PyGILState_Ensure)();
            call(ctx, conv, slots, out);
            (api.PyGILState_Release)(gil);
        } else {
            call(ctx, conv, slots, out);
        }
    }
}

/// [`invoke`] with the GIL held: convert the arguments, call, convert the result.
///
/// # Safety
/// As for [`invoke`]; the GIL is held.
#[inline(always)]
unsafe fn call(ctx: &Context, conv: &Conv, slots: &[*mut u8], out: *mut u8) {
    // SAFETY: see the function docs; every object is checked before use.
    unsafe {
        let api = api();
        let b = builtins();
        let n = slots.len();
        // One slot before the arguments: `PY_VECTORCALL_ARGUMENTS_OFFSET` lets the callee use it
        // (a bound method puts its `self` there instead of copying the arguments).
        let mut argv: [*mut PyObject; MAX_CALLBACK_PARAMS + 1] =
            [core::ptr::null_mut(); MAX_CALLBACK_PARAMS + 1];
        let converted = match &conv.scalar_args {
            Some(scalars) => lift_scalars(api, b, scalars, slots, &mut argv[1..]),
            None => lift_args(conv, slots, &mut argv[1..]),
        };
        let result = if converted {
            vectorcall::call(
                api,
                ctx.callable,
                ctx.vectorcall,
                argv.as_ptr().add(1),
                n | ARGUMENTS_OFFSET,
            )
        } else {
            core::ptr::null_mut()
        };
        for o in &argv[1..=n] {
            if !o.is_null() {
                (api.Py_DecRef)(*o);
            }
        }
        let ok = !result.is_null() && {
            let ok = conv
                .scalar_ret
                .is_some_and(|s| s.lower(api, b, result, out))
                || (conv.text_ret
                    && super::convert::callback_return::write_str(api, b, result, out))
                || lower_result(conv, result, out);
            let ok = ok
                && conv
                    .members
                    .as_ref()
                    .is_none_or(|m| m.check(&conv.what, &conv.expected, out));
            (api.Py_DecRef)(result);
            ok
        };
        if !ok {
            if !conv.in_slot {
                core::ptr::write_bytes(out, 0, conv.ret.layout().size);
            }
            failed(conv);
        }
    }
}

/// The arguments of a closure whose parameters are all numbers or `bool`, into `argv`; false
/// (an exception set) when CPython is out of memory.
///
/// # Safety
/// The GIL is held; `api` and `b` are the installed ones; `slots[i]` holds a value of
/// `scalars[i]`.
#[inline(always)]
unsafe fn lift_scalars(
    api: &Api,
    b: &Builtins,
    scalars: &[Scalar],
    slots: &[*mut u8],
    argv: &mut [*mut PyObject],
) -> bool {
    for ((scalar, slot), arg) in scalars.iter().zip(slots).zip(argv) {
        // SAFETY: see the function docs.
        *arg = unsafe { scalar.lift(api, b, *slot) };
        if arg.is_null() {
            return false;
        }
    }
    true
}

/// The arguments of a closure through their conversions, into `argv`; false (an exception set)
/// when one fails: the values after it are released.
///
/// # Safety
/// The GIL is held; `slots[i]` holds the ABI value of `conv.args[i]` (taken over).
#[inline(never)]
unsafe fn lift_args(conv: &Conv, slots: &[*mut u8], argv: &mut [*mut PyObject]) -> bool {
    let mut converted = true;
    for ((lift, slot), arg) in conv.args.iter().zip(slots).zip(argv) {
        // SAFETY: see the function docs.
        unsafe {
            if converted {
                *arg = lift.lift(*slot);
                converted = !arg.is_null();
            } else {
                lift.discard(*slot);
            }
        }
    }
    converted
}

/// The callable's result through the return type's conversion (what the inline scalar did not
/// take): false with the callable's exception set when it does not convert.
///
/// # Safety
/// The GIL is held; `result` is live; `out` is writable for the return type's ABI value.
#[inline(never)]
unsafe fn lower_result(conv: &Conv, result: *mut PyObject, out: *mut u8) -> bool {
    // A C-compatible result puts nothing into the frame; owned data is written to the slot in
    // memory the library takes (ADR 54).
    let mut frame = Frame::new();
    // SAFETY: see the function docs.
    unsafe {
        let lowered = conv.ret.lower(result, out, &mut frame);
        if let Err(e) = &lowered {
            bad_result(conv, result, e);
        }
        lowered.is_ok()
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
            // The ctypes path's words (`_bad_result`).
            ArgError::Type => (
                b.type_error,
                format!(
                    "{}: the callback returned {}, expected {}",
                    conv.what,
                    ffi::type_name(result),
                    conv.expected
                ),
            ),
            ArgError::Range(range) => (
                b.overflow_error,
                format!(
                    "{}: the callback returned a value out of range for {range}",
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
    ($($tramp:ident $slot:ident($($a:ident $v:ident $i:tt),*);)*) => {$(
        impl<$($a,)* R> CallType for unsafe extern "C" fn(*mut c_void, $($a),*) -> R {
            const ENTRY: &'static CallbackEntry = &CallbackEntry {
                trampoline: $tramp::<$($a,)* R> as *const (),
                params: &[$(AbiLayout::of::<$a>()),*],
                ret: AbiLayout::of::<R>(),
                in_slot: false,
                slot: Some(&CallbackEntry {
                    trampoline: $slot::<$($a,)* R> as *const (),
                    params: &[$(AbiLayout::of::<$a>()),*],
                    ret: AbiLayout::of::<R>(),
                    in_slot: true,
                    slot: None,
                }),
            };
        }

        /// The `call` of the signature returning owned data through `ret` (ADR 54).
        ///
        /// # Safety
        /// As for the by-value trampoline; `ret` is a zeroed slot writable for one `R`.
        #[allow(unused_variables, unused_mut, clippy::unused_unit)]
        unsafe extern "C" fn $slot<$($a,)* R>(context: *mut c_void, $($v: $a,)* ret: *mut R) {
            let mut values = ManuallyDrop::new(($($v,)*));
            let values = &mut *values;
            let slots: &[*mut u8] = &[$((&raw mut values.$i).cast::<u8>()),*];
            // SAFETY: see the function docs; on a failure the slot keeps what was written.
            unsafe { invoke(context, slots, ret.cast()) }
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
    trampoline0 slot0();
    trampoline1 slot1(A0 a0 0);
    trampoline2 slot2(A0 a0 0, A1 a1 1);
    trampoline3 slot3(A0 a0 0, A1 a1 1, A2 a2 2);
    trampoline4 slot4(A0 a0 0, A1 a1 1, A2 a2 2, A3 a3 3);
    trampoline5 slot5(A0 a0 0, A1 a1 1, A2 a2 2, A3 a3 3, A4 a4 4);
    trampoline6 slot6(A0 a0 0, A1 a1 1, A2 a2 2, A3 a3 3, A4 a4 4, A5 a5 5);
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
