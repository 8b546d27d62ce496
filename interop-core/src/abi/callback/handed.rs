//! Rust closures handed out (a returned `Box<dyn Fn(..) -> R + Send + Sync>`): their context, their
//! `drop`, and the trampolines' runtime (the catch, the error messages, the result slots of ADR 56).

use core::ffi::c_void;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::FfiType;
use crate::abi::LiftError;

/// What the context of a Rust closure handed out points to: the closure, and the name of the
/// function that returned it (for its error messages).
struct Handed<T: ?Sized> {
    function: &'static str,
    closure: Box<T>,
}

/// The context of a Rust closure handed out by `function` (its name in error messages): the boxed
/// closure behind a thin pointer.
pub fn into_context<T: ?Sized>(closure: Box<T>, function: &'static str) -> *mut c_void {
    Box::into_raw(Box::new(Handed { function, closure })).cast()
}

/// The `drop` of a Rust closure handed out.
///
/// # Safety
/// `context` comes from [`into_context`] with the same `T`, and is dropped once.
pub unsafe extern "C" fn drop_rust<T: ?Sized>(context: *mut c_void) {
    if context.is_null() {
        return;
    }
    // SAFETY: the caller's promise.
    let handed = unsafe { Box::from_raw(context.cast::<Handed<T>>()) };
    let function = handed.function;
    // A closure whose drop panics must not unwind into the foreign caller.
    if let Err(payload) = catch_unwind(AssertUnwindSafe(move || drop(handed))) {
        let message = crate::panic::consume_payload(payload);
        crate::panic::record_message(
            crate::panic::ErrorKind::Panic,
            format!("panic in the drop of the closure returned by `{function}`: {message}"),
        );
    }
}

/// Runs `body` over the Rust closure at `context` for a foreign caller: a panic (kind 1,
/// ``panic in closure returned by `f`: …``) or an argument that does not lift (kind 5,
/// ``argument 1 of the closure returned by `f`: …``) goes to the error channel, naming the
/// function that returned the closure, and the return type's panic value is returned instead.
///
/// # Safety
/// `context` comes from [`into_context`] with the same `T` and was not dropped.
#[inline]
pub unsafe fn call_rust<T: ?Sized, R: FfiType>(
    context: *mut c_void,
    body: impl FnOnce(&T) -> Result<R, (usize, LiftError)>,
) -> R::Abi {
    // SAFETY: forwarded.
    match unsafe { run_rust(context, body) } {
        Some(value) => value.into_abi(),
        None => R::panic_value().into_abi(),
    }
}

/// As [`call_rust`], for a closure returning owned data (ADR 56): the value (or, after a panic or
/// an argument that did not lift, the return type's panic value: an empty string or vector,
/// `None`, a record of those; nothing to free) is written to `*ret`, overwriting whatever it held.
/// A NULL `ret` is an error (kind 5) and the value is freed.
///
/// # Safety
/// As for [`call_rust`]; `ret` is NULL or writable for one `R::Abi`.
#[inline]
pub unsafe fn call_rust_into<T: ?Sized, R: FfiType>(
    context: *mut c_void,
    ret: *mut R::Abi,
    body: impl FnOnce(&T) -> Result<R, (usize, LiftError)>,
) {
    // SAFETY: forwarded.
    let value = unsafe { call_rust::<T, R>(context, body) };
    // SAFETY: forwarded.
    unsafe { write_slot::<R>(ret, value) };
}

/// As [`call_rust`], for a closure returning `Result<T, E>` (ADR 56, the ADR 14 shape): returns
/// the status (0: `*ok` written, 1: `*err` written); after a panic or an argument that did not
/// lift, 2 (`Status::PANIC`: the message is in the error channel) with the panic value of `T` in
/// `*ok` and of `E` in `*err` (nothing to free). `ok` is NULL for `Result<(), E>` (no slot).
///
/// # Safety
/// As for [`call_rust`]; `ok` and `err` are NULL or writable for one value each.
#[inline]
pub unsafe fn call_rust_result<C: ?Sized, T: FfiType, E: FfiType>(
    context: *mut c_void,
    ok: *mut T::Abi,
    err: *mut E::Abi,
    body: impl FnOnce(&C) -> Result<Result<T, E>, (usize, LiftError)>,
) -> u8 {
    // SAFETY: forwarded.
    match unsafe { run_rust(context, body) } {
        Some(Ok(value)) => {
            // SAFETY: forwarded.
            unsafe { write_slot::<T>(ok, value.into_abi()) };
            0
        }
        Some(Err(e)) => {
            // SAFETY: forwarded.
            unsafe { write_slot::<E>(err, e.into_abi()) };
            1
        }
        None => {
            // SAFETY: forwarded; a NULL slot of `()` is its absence, not an error.
            unsafe {
                if !ok.is_null() {
                    ok.write(T::panic_value().into_abi());
                }
                if !err.is_null() {
                    err.write(E::panic_value().into_abi());
                }
            }
            2
        }
    }
}

/// Writes `value` to the slot a foreign caller passed; a NULL slot is an error (kind 5: the
/// value has nowhere to go) and the value is freed.
///
/// # Safety
/// `ret` is NULL or writable for one `R::Abi`; `value` is in owned ABI form.
#[inline]
unsafe fn write_slot<R: FfiType>(ret: *mut R::Abi, value: R::Abi) {
    if ret.is_null() {
        null_slot::<R>(value);
        return;
    }
    // SAFETY: the caller's promise; what the slot held is overwritten, not freed.
    unsafe { ret.write(value) };
}

#[cold]
#[inline(never)]
fn null_slot<R: FfiType>(mut value: R::Abi) {
    if core::mem::size_of::<R::Abi>() == 0 {
        return;
    }
    crate::panic::record_message(
        crate::panic::ErrorKind::InvalidArgument,
        "the result slot passed to a closure the library returned is NULL".into(),
    );
    // SAFETY: `value` is in owned ABI form and not used after this.
    unsafe { R::free_abi(&mut value) };
}

/// The closure's value, or `None` after its failure was recorded (see [`call_rust`]).
///
/// # Safety
/// As for [`call_rust`].
#[inline]
unsafe fn run_rust<T: ?Sized, V>(
    context: *mut c_void,
    body: impl FnOnce(&T) -> Result<V, (usize, LiftError)>,
) -> Option<V> {
    use crate::panic::{ErrorKind, record_message};
    if context.is_null() {
        record_message(
            ErrorKind::InvalidArgument,
            "a closure the library returned was called after it was dropped (NULL context)".into(),
        );
        return None;
    }
    // SAFETY: the caller's promise.
    let handed: &Handed<T> = unsafe { &*context.cast::<Handed<T>>() };
    let function = handed.function;
    match catch_unwind(AssertUnwindSafe(|| {
        crate::panic_hook::in_closure(|| body(&handed.closure))
    })) {
        Ok(Ok(value)) => Some(value),
        Ok(Err((index, e))) => {
            record_message(
                ErrorKind::InvalidArgument,
                format!(
                    "argument {} of the closure returned by `{function}`: {e}",
                    index + 1
                ),
            );
            None
        }
        Err(payload) => {
            let message = crate::panic::consume_payload(payload);
            record_message(
                ErrorKind::Panic,
                format!("panic in closure returned by `{function}`: {message}"),
            );
            None
        }
    }
}
