//! The runtime of callbacks: foreign closures Rust calls, Rust closures foreign code calls, and how a
//! foreign exception thrown inside a callback reaches the right place ([ADR 14]).
//!
//! A **foreign closure** arrives as a [`CallbackAbi`] `{call, context, drop}`. [`Foreign`] owns it:
//! Rust calls `call(context, args…)` (arguments in their ABI form, [`FfiType::into_abi`]) and, when
//! the last owner is gone, `drop(context)` exactly once ([ADR 7]).
//!
//! A **Rust closure** handed out (a returned `Box<dyn Fn(..) -> R + Send + Sync>`) crosses the same
//! way: `context` is the boxed closure, `call` a trampoline that lifts the arguments, runs the
//! closure inside `catch_unwind` (a panic goes to the error channel and `call` returns the return
//! type's panic value) and lowers the result; `drop` frees it.
//!
//! **Foreign exceptions.** A binding's trampoline never lets an exception unwind into Rust: it
//! catches it, keeps it in a thread-local of its own, calls [`interop_callback_failed`] and returns
//! the return type's zero value (the documented failure value). Right after each call of a foreign
//! closure Rust looks at that flag (a load of a process-wide count of flags set, and the
//! thread-local only when it is not 0: ADR 39); when it is set:
//! - if an exported function of this library is on the thread's stack (a foreign caller waits for
//!   it), an error is recorded in the error channel: the waiting binding sees it after the call
//!   returns and rethrows the exception it kept (C#: `ExceptionDispatchInfo`, Python: `raise`);
//! - otherwise (a thread Rust started) every hook registered with
//!   [`interop_callback_unhandled_hook`] is called on this thread: each binding hands the exception
//!   it kept to its language's unhandled-exception handler.
//!
//! [ADR 7]: ../../../docs/adr/0007-callback-drop-exactly-once.md
//! [ADR 14]: ../../../docs/adr/0014-callbacks.md

use core::cell::Cell;
use core::ffi::c_void;
use core::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use super::{CallbackAbi, LiftError};
use crate::FfiType;

/// A closure trait object whose signature can be described (`dyn Fn(u64, u64) + Send + Sync`): what
/// `#[ffi] pub type OnProgress = …;` registers.
pub trait Signature {
    /// The parameters and the return type.
    fn describe_signature(
        reg: &mut crate::registry::Registry,
    ) -> (Vec<crate::model::TypeRef>, crate::model::TypeRef);
}

/// A `drop` function of a [`CallbackAbi`].
pub type DropFn = unsafe extern "C" fn(*mut c_void);

/// A foreign closure owned by Rust: `drop(context)` runs once, when this is dropped.
///
/// Send and Sync: the bindings' closures may be called from any thread (C#: a delegate, Python: a
/// callable called with the GIL taken by ctypes); a C caller promises the same by passing one to a
/// function that keeps it (documented in the header).
pub struct Foreign<F: Copy> {
    call: F,
    context: *mut c_void,
    drop: Option<DropFn>,
}

// SAFETY: see the type's docs (the foreign side's contract).
unsafe impl<F: Copy> Send for Foreign<F> {}
// SAFETY: as above.
unsafe impl<F: Copy> Sync for Foreign<F> {}

impl<F: Copy> Foreign<F> {
    /// The function and its context, for one call.
    #[inline(always)]
    pub fn parts(&self) -> Parts<F> {
        Parts {
            call: self.call,
            context: self.context,
        }
    }
}

impl<F: Copy> Foreign<F> {
    /// The function and its context, and the guard that drops the context.
    #[inline(always)]
    pub fn split(self) -> (Parts<F>, DropGuard) {
        let parts = self.parts();
        let guard = DropGuard {
            context: self.context,
            drop: self.drop,
        };
        core::mem::forget(self);
        (parts, guard)
    }
}

/// Calls `drop(context)` once, when dropped (a borrowed callback, after the call).
pub struct DropGuard {
    context: *mut c_void,
    drop: Option<DropFn>,
}

impl Drop for DropGuard {
    fn drop(&mut self) {
        if let Some(drop) = self.drop {
            // SAFETY: the foreign side passed `drop` for `context`, to be called once (here).
            unsafe { drop(self.context) };
        }
    }
}

impl<F: Copy> Drop for Foreign<F> {
    fn drop(&mut self) {
        if let Some(drop) = self.drop {
            // SAFETY: the foreign side passed `drop` for `context`, to be called once (here).
            unsafe { drop(self.context) };
        }
    }
}

/// `call` and `context` of a foreign closure, copied into the closure Rust builds over it.
#[derive(Clone, Copy)]
pub struct Parts<F: Copy> {
    pub call: F,
    pub context: *mut c_void,
}

// SAFETY: as for `Foreign`.
unsafe impl<F: Copy> Send for Parts<F> {}
// SAFETY: as for `Foreign`.
unsafe impl<F: Copy> Sync for Parts<F> {}

/// Takes ownership of `abi`: `Ok(None)` when `call` is NULL (after dropping the context, if a
/// `drop` came with it), else the owner.
///
/// # Safety
/// `abi` is a callback as the ABI describes it: `call` and `drop` are NULL or valid for `context`.
#[inline(always)]
pub unsafe fn take<F: Copy>(abi: CallbackAbi<Option<F>>) -> Option<Foreign<F>> {
    match abi.call {
        Some(call) => Some(Foreign {
            call,
            context: abi.context,
            drop: abi.drop,
        }),
        None => {
            if let Some(drop) = abi.drop {
                // SAFETY: forwarded from the caller; called once.
                unsafe { drop(abi.context) };
            }
            None
        }
    }
}

/// As [`take`], for a callback that must not be NULL.
///
/// # Safety
/// As for [`take`].
#[inline(always)]
pub unsafe fn take_required<F: Copy>(abi: CallbackAbi<Option<F>>) -> Result<Foreign<F>, LiftError> {
    // SAFETY: forwarded.
    unsafe { take(abi) }.ok_or_else(LiftError::null)
}

thread_local! {
    /// Set by [`interop_callback_failed`] during a foreign closure's call on this thread.
    static FAILED: Cell<bool> = const { Cell::new(false) };
}

/// How many threads have [`FAILED`] set: what [`check_failed`] reads first, so that a call whose
/// closure raised nothing costs a plain load of a static instead of a thread-local access (in a
/// cdylib, a call of `__tls_get_addr`) (ADR 39). Raised only by [`interop_callback_failed`] when it
/// sets this thread's flag, lowered by [`failed`] when it clears it; a thread always sees its own
/// increment (one atomic's modification order), so a flag this thread set is never missed, and a
/// flag of another thread only sends this thread to its own (clear) thread-local.
static PENDING: AtomicUsize = AtomicUsize::new(0);

/// The value a foreign closure returned, lifted; called right after each call of one. A closure
/// whose binding reported an exception ([`interop_callback_failed`]) returned its failure value (0,
/// `false`, a zeroed record): see the module docs for where the exception goes. A value that is no
/// value of `R` (a `bool` that is 2, an enum tag out of range) panics, naming the callback.
#[inline(always)]
pub fn returned<R: FfiType>(abi: R::Abi) -> R {
    const {
        assert!(
            R::CALLBACK_RETURN,
            "#[ffi]: a callback returns a value that crosses by value (a number, bool, enum, \
             pointer, String, Vec<T>, Box<[T]>, Option<T>, tuple, #[ffi] struct or data enum of \
             those) or nothing"
        )
    }
    check_failed();
    // SAFETY: `abi` is one readable value.
    match unsafe { R::from_abi(&abi) } {
        Ok(value) => value,
        Err(e) => invalid_return(e),
    }
}

/// The value a foreign closure returning owned data wrote to the slot Rust passed (ADR 54): `call`
/// runs `call(context, args…, slot)` with a zeroed slot; the value is taken from it
/// ([`FfiType::take_abi`]: its `cap > 0` buffers become Rust's). A closure whose binding reported
/// an exception returns `R`'s panic value (the slot's buffers are freed); an invalid value (not
/// UTF-8, `len > cap`, a bad tag) panics naming the callback, after its buffers are freed.
#[inline(always)]
pub fn returned_in_slot<R: FfiType>(call: impl FnOnce(*mut R::Abi)) -> R {
    returned_in_slot_of::<R>(false, call)
}

/// [`returned_in_slot`]; `known_utf8`: `call` is the library's own compiled Python trampoline of
/// the closure's signature, which writes a `String` only in CPython's UTF-8 form or after checking
/// it (`python::convert::callback_return`), so the slot's text is not checked again
/// ([`FfiType::take_abi_known_utf8`], ADR 54, third addendum). Never true for a `call` foreign code
/// chose: the trampoline's address is not exported, only the library's own conversion of a Python
/// callable puts it in a closure.
#[inline(always)]
pub(crate) fn returned_in_slot_of<R: FfiType>(
    known_utf8: bool,
    call: impl FnOnce(*mut R::Abi),
) -> R {
    const {
        assert!(
            R::CALLBACK_RETURN,
            "#[ffi]: a callback returns a value that crosses by value (a number, bool, enum, \
             pointer, String, Vec<T>, Box<[T]>, Option<T>, tuple, #[ffi] struct or data enum of \
             those) or nothing"
        )
    }
    let mut slot = core::mem::MaybeUninit::<R::Abi>::zeroed();
    call(slot.as_mut_ptr());
    if check_failed() {
        // SAFETY: the slot is zeroed or holds what the callee wrote before failing.
        unsafe { R::free_abi(slot.as_mut_ptr()) };
        return R::panic_value();
    }
    // SAFETY: the callee wrote one value in owned ABI form (or left the zeroed slot), taken once;
    // its text is UTF-8 when `known_utf8` (see above).
    let taken = unsafe {
        if known_utf8 {
            R::take_abi_known_utf8(slot.as_mut_ptr())
        } else {
            R::take_abi(slot.as_mut_ptr())
        }
    };
    match taken {
        Ok(value) => value,
        Err(e) => invalid_return(e),
    }
}

/// True when the binding reported an exception during the foreign closure's call that just
/// returned (the exception is then routed: see the module docs). Called right after each call:
/// inline, one load of [`PENDING`] and one branch; the rest is out of line (ADR 44).
#[inline(always)]
pub fn check_failed() -> bool {
    PENDING.load(Ordering::Relaxed) != 0 && check_failed_slow()
}

/// The rest of [`check_failed`] when some thread has its flag set: out of line, so that a loop
/// calling a closure keeps one load and one branch per call, and no thread-local address live
/// across it.
#[cold]
#[inline(never)]
fn check_failed_slow() -> bool {
    if FAILED.with(Cell::get) {
        failed();
        return true;
    }
    false
}

#[cold]
#[inline(never)]
pub(crate) fn invalid_return(e: LiftError) -> ! {
    panic!("a callback returned a value that is not a value of its return type: {e}")
}

/// The hooks the bindings registered for exceptions nobody waits for.
static UNHANDLED: Mutex<Vec<unsafe extern "C" fn()>> = Mutex::new(Vec::new());

#[cold]
#[inline(never)]
fn failed() {
    FAILED.with(|f| f.set(false));
    PENDING.fetch_sub(1, Ordering::Relaxed);
    if crate::panic_hook::caught_by_a_shim() {
        crate::panic::record_quietly(
            "callback",
            "a callback raised an exception (the bindings rethrow it)".into(),
        );
        return;
    }
    let hooks = match UNHANDLED.lock() {
        Ok(hooks) => hooks.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    };
    for hook in hooks {
        // SAFETY: registered through `interop_callback_unhandled_hook`, valid for the process.
        unsafe { hook() };
    }
}

/// Called by a binding's callback trampoline on the thread where it caught an exception (it keeps
/// the exception itself and returns its failure value). See the module docs.
#[unsafe(no_mangle)]
pub extern "C" fn interop_callback_failed() {
    // Counted once per thread: a second report before the check is the same pending exception.
    let _ = FAILED.try_with(|f| {
        if !f.replace(true) {
            PENDING.fetch_add(1, Ordering::Relaxed);
        }
    });
}

/// Registers `hook`, called on a thread where a callback raised an exception while no foreign
/// caller was waiting (a thread Rust started): the binding hands the exception it kept on that
/// thread to its language's unhandled-exception handler. Registering the same hook twice is the
/// same as once; NULL is ignored.
///
/// # Safety
/// `hook` must stay callable, from any thread, while the library is loaded.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_callback_unhandled_hook(hook: Option<unsafe extern "C" fn()>) {
    let Some(hook) = hook else { return };
    let mut hooks = match UNHANDLED.lock() {
        Ok(hooks) => hooks,
        Err(poisoned) => poisoned.into_inner(),
    };
    if !hooks.iter().any(|h| core::ptr::fn_addr_eq(*h, hook)) {
        hooks.push(hook);
    }
}

mod handed;
pub use handed::{call_rust, call_rust_into, call_rust_result, drop_rust, into_context};

#[cfg(test)]
mod tests {
    use super::{check_failed, interop_callback_failed};

    /// The count is process-wide, the flag per thread: another thread's check finds nothing, this
    /// thread's finds its flag once (reported twice, counted once).
    #[test]
    fn a_reported_failure_is_seen_once_and_only_by_its_thread() {
        assert!(!check_failed());
        interop_callback_failed();
        interop_callback_failed();
        let other = std::thread::spawn(check_failed).join();
        assert!(matches!(other, Ok(false)));
        assert!(check_failed());
        assert!(!check_failed());
        let threads: Vec<_> = (0..8)
            .map(|_| {
                std::thread::spawn(|| {
                    (0..1000).all(|_| {
                        interop_callback_failed();
                        check_failed() && !check_failed()
                    })
                })
            })
            .collect();
        for t in threads {
            assert!(matches!(t.join(), Ok(true)));
        }
    }
}
