//! What every `#[ffi]` shim calls: the panic guard and the report of an argument that did not lift.
//!
//! A shim (see [`__ffi_function!`](crate::__ffi_function)) lifts its arguments, then calls the
//! function through `callN` (one per arity), which moves the arguments and the function into a
//! frame and runs it through [`guard`]. `guard` is not generic; `callN` and its `run` are generic
//! over the function's item type, so the user's crate compiles no code of its own for them (only
//! instances, which incremental builds reuse). In release builds everything is inlined and the
//! happy path is the user's function alone (the landing pad sits out of line).

use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::abi::{Holder, Invalid, LiftError};
use crate::registry::FunctionDesc;

/// Calls `run(frame)`; on a panic records it for `desc` and returns `false`.
///
/// `run` takes the lifted arguments out of `frame`, calls the Rust function and stores the result
/// back into `frame`.
///
/// # Safety
/// `frame` is what `run` expects.
#[inline(always)]
pub unsafe fn guard(frame: *mut u8, run: unsafe fn(*mut u8), desc: &'static FunctionDesc) -> bool {
    // SAFETY: the caller made `frame` for `run`.
    match catch_unwind(AssertUnwindSafe(|| unsafe { run(frame) })) {
        Ok(()) => true,
        Err(payload) => {
            panicked(desc, payload);
            false
        }
    }
}

#[cold]
#[inline(never)]
fn panicked(desc: &'static FunctionDesc, payload: Box<dyn std::any::Any + Send>) {
    crate::panic::record_panic(desc.display(), payload);
}

macro_rules! calls {
    ($($call:ident($($arg:ident: $ty:ident),*);)*) => {$(
        /// Calls `f` with the (lifted) arguments through [`guard`] and returns `lower` of its
        /// result (and `desc`), or `panic()` when it panicked (then recorded for `desc`). `lower`
        /// and `panic` are the return type's `Lower::lower_from` and `Lower::panic_abi`.
        ///
        /// `extern "C"` like the shim, so that once inlined into it the arguments and the result
        /// need no conversion between calling conventions (a record of floats stays in its
        /// registers).
        #[inline(always)]
        #[allow(clippy::too_many_arguments, improper_ctypes_definitions)]
        pub extern "C" fn $call<$($ty,)* R, Abi, F: FnOnce($($ty),*) -> R>(
            desc: &'static FunctionDesc,
            f: F,
            lower: fn(R, &'static FunctionDesc) -> Abi,
            panic: fn() -> Abi,
            $($arg: $ty),*
        ) -> Abi {
            type Frame<F, $($ty,)* R> = (Option<(F, $($ty,)*)>, Option<R>);
            #[inline(always)]
            unsafe fn run<F: FnOnce($($ty),*) -> R, $($ty,)* R>(frame: *mut u8) {
                // SAFETY: `guard` passes the frame `$call` made for this instance of `run`.
                let frame = unsafe { &mut *frame.cast::<Frame<F, $($ty,)* R>>() };
                if let Some((f, $($arg,)*)) = frame.0.take() {
                    frame.1 = Some(f($($arg),*));
                }
            }
            let mut frame: Frame<F, $($ty,)* R> = (Some((f, $($arg,)*)), None);
            // SAFETY: `frame` is the `Frame` this instance of `run` reads.
            if unsafe { guard((&raw mut frame).cast(), run::<F, $($ty,)* R>, desc) } {
                if let Some(value) = frame.1 {
                    return lower(value, desc);
                }
            }
            panic()
        }
    )*};
}

/// The most parameters an `#[ffi]` function may have (`call0` … `call16`).
pub const MAX_PARAMS: usize = 16;

calls! {
    call0();
    call1(a0: A0);
    call2(a0: A0, a1: A1);
    call3(a0: A0, a1: A1, a2: A2);
    call4(a0: A0, a1: A1, a2: A2, a3: A3);
    call5(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4);
    call6(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5);
    call7(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6);
    call8(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7);
    call9(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8);
    call10(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8, a9: A9);
    call11(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8, a9: A9, a10: A10);
    call12(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8, a9: A9, a10: A10, a11: A11);
    call13(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8, a9: A9, a10: A10, a11: A11, a12: A12);
    call14(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8, a9: A9, a10: A10, a11: A11, a12: A12, a13: A13);
    call15(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8, a9: A9, a10: A10, a11: A11, a12: A12, a13: A13, a14: A14);
    call16(a0: A0, a1: A1, a2: A2, a3: A3, a4: A4, a5: A5, a6: A6, a7: A7, a8: A8, a9: A9, a10: A10, a11: A11, a12: A12, a13: A13, a14: A14, a15: A15);
}

/// Takes the argument out of what its parameter lifted into (ADR 36): `None` when it did not
/// lift, the first such failure (by parameter order) kept in `failed` with the parameter's index.
///
/// # Safety
/// As for [`Holder::take`]: called once per lifted parameter, and the holder outlives the
/// argument.
#[inline(always)]
pub unsafe fn take_lifted<H: Holder>(
    lifted: &mut Result<H, LiftError>,
    index: usize,
    failed: &mut Option<(usize, LiftError)>,
) -> Option<H::Arg> {
    match lifted {
        // SAFETY: forwarded.
        Ok(held) => Some(unsafe { held.take() }),
        Err(error) => {
            if failed.is_none() {
                *failed = Some((index, core::mem::replace(error, LiftError::null())));
            }
            None
        }
    }
}

/// The shim's failure path: drops the arguments that did lift (`taken`: the shim's tuple of
/// `Option`s), then reports the failure [`take_lifted`] kept (always one when the shim calls this)
/// as [`lift_failed`] does.
///
/// When nothing in `taken` has a `drop` (views, strings, numbers, references: the common case),
/// this is one call of [`lift_failed`] with every operand in a register (the index and the
/// two-word [`LiftError`]), which the shim makes as a jump: its happy path keeps no stack frame.
/// Otherwise the arguments are dropped out of line first.
#[inline(always)]
pub fn lifts_failed<Taken, Abi>(
    desc: &'static FunctionDesc,
    taken: Taken,
    failed: Option<(usize, LiftError)>,
    panic: fn() -> Abi,
) -> Abi {
    if core::mem::needs_drop::<Taken>() {
        return drop_then_report(desc, taken, failed, panic);
    }
    // Nothing to drop.
    core::mem::forget(taken);
    let (index, error) = match failed {
        Some(failed) => failed,
        None => (0, LiftError::null()),
    };
    lift_failed(desc, index, error, panic)
}

/// [`lifts_failed`] for arguments with a `drop`: drops them (a panic in a `drop` is contained),
/// then reports.
#[cold]
#[inline(never)]
#[allow(improper_ctypes_definitions)]
extern "C" fn drop_then_report<Taken, Abi>(
    desc: &'static FunctionDesc,
    taken: Taken,
    failed: Option<(usize, LiftError)>,
    panic: fn() -> Abi,
) -> Abi {
    // A panic in an argument's `drop` stays here (its message goes to the panic hook): the lift
    // failure is what the caller hears about.
    let _ = catch_unwind(AssertUnwindSafe(move || drop(taken)));
    let (index, error) = failed.unwrap_or((0, LiftError::null()));
    lift_failed(desc, index, error, panic)
}

/// Records, for the function `desc`, that its argument number `index` could not be lifted, and
/// returns `panic()` (the return type's `Lower::panic_abi`): the shim returns it without calling
/// the function. Out of line, and `extern "C"` like the shim (it never unwinds), so the shim can
/// jump to it.
#[cold]
#[inline(never)]
#[allow(improper_ctypes_definitions)]
pub extern "C" fn lift_failed<Abi>(
    desc: &'static FunctionDesc,
    index: usize,
    error: LiftError,
    panic: fn() -> Abi,
) -> Abi {
    let function = desc.display();
    let param = desc.params.get(index).map_or("?", |p| p.name);
    let kind = crate::panic::ErrorKind::of_lift(&error.invalid());
    crate::panic::record_kind(kind, function, lift_message(function, param, &error));
    panic()
}

/// `argument `v` of `f` must not be null`, `argument `c` of `f`: 7 is not a value of enum `Color``.
pub fn lift_message(function: &str, param: &str, error: &LiftError) -> String {
    match (error.invalid(), error.field_path().is_empty()) {
        (Invalid::Null, true) => format!("argument `{param}` of `{function}` must not be null"),
        _ => format!("argument `{param}` of `{function}`: {error}"),
    }
}

/// The symbol, checked at compile time against the symbols interop-core exports itself and the
/// functions of the C standard library and POSIX (`message` names the item and the fix). Used in
/// the initializer of each function's descriptor, so a clash is a compile error at the item.
pub const fn checked_symbol(symbol: &'static str, message: &'static str) -> &'static str {
    if is_reserved(symbol) || crate::symbols::is_c_library_symbol(symbol) {
        panic!("{}", message);
    }
    symbol
}

/// Whether `symbol` is one of [`crate::model::RESERVED_SYMBOLS`] (usable in const context).
pub const fn is_reserved(symbol: &str) -> bool {
    let reserved = crate::model::RESERVED_SYMBOLS;
    let mut i = 0;
    while i < reserved.len() {
        if str_eq(reserved[i], symbol) {
            return true;
        }
        i += 1;
    }
    false
}

/// `a == b`, usable in constants (checks of `#[ffi] impl` blocks).
pub const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_argument_the_function_and_the_value() {
        let null = LiftError::null();
        assert_eq!(
            lift_message("vec_x", "v", &null),
            "argument `v` of `vec_x` must not be null"
        );
        let e = LiftError::discriminant("Color", 7);
        assert_eq!(
            lift_message("color_next", "c", &e),
            "argument `c` of `color_next`: 7 is not a value of enum `Color`"
        );
        let nested = LiftError::bool(2).in_field("flag").in_field("inner");
        assert_eq!(
            lift_message("f", "s", &nested),
            "argument `s` of `f`: field `inner.flag`: 2 is not a bool (0 or 1)"
        );
        let null_field = LiftError::null().in_field("r");
        assert_eq!(
            lift_message("f", "s", &null_field),
            "argument `s` of `f`: field `r`: must not be null"
        );
    }

    #[test]
    fn field_paths_are_outermost_first() {
        let mut e = LiftError::bool(9);
        for name in ["f", "e", "d", "c", "b", "a"] {
            e = e.in_field(name);
        }
        assert_eq!(e.field_path(), "a.b.c.d.e.f");
    }
}
