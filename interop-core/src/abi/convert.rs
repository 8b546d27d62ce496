//! Lifting arguments from their ABI values and lowering results into theirs.
//!
//! Every `#[ffi]` shim is the same three steps, whatever the types: **lift** each argument from its
//! ABI value ([`Lift`], which may fail: NULL for a reference, a `bool` byte that is not 0 or 1, an
//! enum value that is not a discriminant), **call** the Rust function, **lower** the result into its
//! ABI value ([`Lower`]). When the call panics (or an argument does not lift), the shim returns the
//! return type's [panic value](Lower::panic_abi) instead, already in ABI space.
//!
//! Types that are already C-compatible lift and lower as the identity, so in release builds a shim
//! over them compiles to the same instructions as a hand-written `extern "C"` function (the bench
//! fixture's `raw_*` twins; `tests/inventory` compares the disassembly).
//!
//! Later constructs add impls here, never code in the macro: a borrowed string lifts from a
//! [`View`](super::View), a `String` lowers into a [`Buffer`](super::Buffer), a record that owns one
//! gets a mirror `#[repr(C)]` struct as its `Abi`, and so on.

use core::mem::ManuallyDrop;

use crate::registry::DescribeFn;

pub mod callback_args;
pub mod callback_optional_refs;
pub mod callback_slices;
mod callbacks;
mod lift_error;
pub mod messages;
mod optional_views;
pub mod options;
pub mod ordering;
pub mod results;
mod scalars;
mod slices;
mod strings;
mod tuples;
mod vecs;
mod views;

#[cfg(test)]
mod known_utf8_tests;
#[cfg(test)]
mod lift_error_tests;
#[cfg(test)]
mod message_tests;
#[cfg(test)]
mod option_result_tests;
#[cfg(test)]
mod optional_view_mut_tests;
#[cfg(test)]
mod optional_view_tests;
#[cfg(test)]
mod take_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_enums;

pub use callbacks::{
    HeldMut, HeldRef, describe_c_compatible, describe_callback, describe_fn_pointer,
};
pub use lift_error::{Invalid, LiftError};
pub use optional_views::OptionSliceHeld;
pub use options::Optional;
pub use results::FfiError;
pub use slices::SliceHeld;
pub use tuples::{Tuple2, Tuple3, Tuple4, Tuple5, Tuple6, Tuple7, Tuple8};
pub use vecs::lower_vec;

/// A type an `#[ffi]` function can take as an argument: how it crosses the C ABI ([`Lift::Abi`], the
/// shim's parameter type) and how the Rust value is rebuilt from it.
///
/// # Safety
/// `Abi` must be a C-compatible type whose values the bindings produce as the inventory describes
/// the type, and `lift` must return `Err` (never undefined behaviour) for every value of `Abi` that
/// is not a valid `Self`, except where its docs say what the caller guarantees (pointers must point
/// to memory they are valid for). Do not implement by hand: use `#[ffi]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be passed across the FFI boundary",
    label = "not supported by #[ffi] as a parameter",
    note = "supported: bool, u8-u64, i8-i64, usize, isize, f32, f64, #[ffi] structs and enums, \
            &str, String, &CStr, &[T], &mut [T], Vec<T>, Box<[T]>, tuples (A, B, …) and Option<T> of those (by value), \
            &T, &mut T, Option<&T>, Option<&mut T>, *const T, *mut T (T: an #[ffi] type, a primitive, \
            an #[ffi(opaque)] type or c_void)",
    note = "for your own type, add #[ffi] to its definition; opaque types go behind a pointer"
)]
pub unsafe trait Lift: Sized {
    /// The parameter type of the shim.
    type Abi;

    /// What [`Lift::lift`] returns and the shim keeps alive until the call has returned: the value
    /// itself (`ManuallyDrop<Self>`, moved out by [`Holder::take`]), or the storage a borrowed
    /// argument points into (`&[String]` borrows the strings copied in from the caller's memory).
    type Held: Holder<Arg = Self>;

    /// Describes the type to the inventory (its
    /// [`FfiType::describe`](crate::types::FfiType::describe)).
    #[doc(hidden)]
    const DESCRIBE: DescribeFn;

    /// Rebuild the Rust value (or what it borrows).
    ///
    /// # Safety
    /// Pointers in `abi` (of references, views and buffers, and of records holding them) are NULL or
    /// valid for reads (and writes, for `&mut T` and `&mut [T]`) of their target for the duration of
    /// the call; everything else is checked.
    unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError>;

    /// [`Lift::lift`] of a value the compiled Python path wrote (the second shim `#[ffi]` writes
    /// for functions taking `&str` or `String`, reachable only through the descriptor, ADR 52):
    /// the same checks, except that a text view is CPython's own UTF-8 form of a `str`
    /// (`PyUnicode_AsUTF8AndSize`, valid by construction) and is not validated again.
    ///
    /// # Safety
    /// As for [`Lift::lift`]; a text view's bytes are valid UTF-8 (the implementations for `&str`
    /// and `String` rely on it, every other one is [`Lift::lift`]).
    #[inline(always)]
    unsafe fn lift_known_utf8(abi: Self::Abi) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller.
        unsafe { Self::lift(abi) }
    }
}

/// What a shim keeps of a lifted argument until the call has returned (see [`Lift::Held`]).
pub trait Holder {
    /// The argument passed to the Rust function.
    type Arg;

    /// The argument.
    ///
    /// # Safety
    /// Called at most once; `self` outlives every use of the result (the shim keeps it until the
    /// function has returned, and a function cannot return a borrow of its arguments).
    unsafe fn take(&mut self) -> Self::Arg;
}

impl<T> Holder for ManuallyDrop<T> {
    type Arg = T;

    #[inline(always)]
    unsafe fn take(&mut self) -> T {
        // SAFETY: taken once (the caller's promise).
        unsafe { ManuallyDrop::take(self) }
    }
}

/// A lifted value held as itself.
#[inline(always)]
pub fn held<T>(value: Result<T, LiftError>) -> Result<ManuallyDrop<T>, LiftError> {
    value.map(ManuallyDrop::new)
}

/// A type an `#[ffi]` function can return: how it crosses the C ABI ([`Lower::Abi`], the shim's
/// return type), and the value the shim returns instead when the call panicked or an argument was
/// invalid.
///
/// # Safety
/// `Abi` must be a C-compatible type that the bindings read as the inventory describes the type.
/// Do not implement by hand: use `#[ffi]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be returned across the FFI boundary",
    label = "not supported by #[ffi] as a return type",
    note = "supported: (), bool, u8-u64, i8-i64, usize, isize, f32, f64, #[ffi] structs and enums, \
            String, Vec<T>, Box<[T]>, &'static CStr, tuples (A, B, …) and Option<T> of those (by value), \
            Result<T, E> (E: an #[ffi] enum or struct, or String), Option<&T>, Option<&mut T>, *const T, *mut T (T: an #[ffi] type, a primitive, \
            an #[ffi(opaque)] type or c_void)",
    note = "for your own type, add #[ffi] to its definition; opaque types go behind a pointer"
)]
pub unsafe trait Lower: Sized {
    /// The return type of the shim.
    type Abi;

    /// Describes the type to the inventory (its
    /// [`FfiType::describe`](crate::types::FfiType::describe)).
    #[doc(hidden)]
    const DESCRIBE: DescribeFn;

    /// The ABI value of `self`.
    fn lower(self) -> Self::Abi;

    /// [`lower`](Self::lower) of what the function `function` returned: what the shims call. A
    /// returned Rust closure keeps the function's name for its error messages (``panic in closure
    /// returned by `make_adder`: …``); everything else is [`lower`](Self::lower).
    #[inline(always)]
    fn lower_from(self, function: &'static crate::registry::FunctionDesc) -> Self::Abi {
        let _ = function;
        self.lower()
    }

    /// What the shim returns when the call panicked or an argument did not lift, in ABI space: the
    /// ABI value of a valid value of the type, never uninitialized memory (see
    /// [`FfiType::panic_value`](crate::types::FfiType::panic_value) for each kind of type).
    fn panic_abi() -> Self::Abi;
}
