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

use core::fmt;
use core::mem::ManuallyDrop;

use crate::registry::DescribeFn;
use crate::types::{FfiPointee, FfiType};

pub mod callback_args;
mod callbacks;
pub mod options;
pub mod results;
mod slices;
mod strings;
mod tuples;
mod vecs;
mod views;

#[cfg(test)]
mod option_result_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_enums;

pub use callbacks::{
    HeldMut, HeldRef, describe_c_compatible, describe_callback, describe_fn_pointer,
};
pub use options::Optional;
pub use results::FfiError;
pub use slices::SliceHeld;
pub use tuples::{Tuple2, Tuple3, Tuple4, Tuple5, Tuple6, Tuple7, Tuple8};
pub use vecs::lower_vec;

/// An ABI value that is not a value of the Rust type it should become.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Invalid {
    /// NULL where a reference is required.
    Null,
    /// A `bool` byte other than 0 or 1.
    Bool(u8),
    /// An integer that is not a discriminant of the C-like enum `ty` (its bindings name).
    Discriminant { ty: &'static str, value: i128 },
    /// Text that is not UTF-8 (`&str`, `String`): the first `valid_up_to` bytes are.
    Utf8 { valid_up_to: usize },
    /// A view or buffer whose pointer is NULL although its length is not 0.
    NullWithLength(usize),
    /// A length whose elements would not fit in memory (over `isize::MAX` bytes).
    TooLong(usize),
    /// A pointer that is not a multiple of its elements' alignment.
    Misaligned { align: usize },
    /// The `is_some` byte of an `Option<T>` other than 0 or 1.
    OptionTag(u8),
    /// The status a foreign closure returning `Result<T, E>` returned, other than 0 or 1.
    ResultStatus(u8),
    /// A service (its bindings name) whose lock this call cannot take: held by this thread already
    /// (`this_thread`: the same object twice in one call, or a call from inside one of its own
    /// calls), or by another thread while this call holds another service.
    InUse { ty: &'static str, this_thread: bool },
    /// A service (its bindings name) whose value a method or call took by value: the handle is
    /// empty (it still has to be freed).
    Spent { ty: &'static str },
}

/// Why an argument could not be lifted: what was wrong, and in which field of the argument (for
/// records checked field by field).
///
/// At most two words (a NULL argument is a constant, anything else is boxed, on the cold path), so
/// the `Result` a lift returns stays in registers and the shim's happy path keeps no stack frame
/// for the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiftError(Repr);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Repr {
    Null,
    Details(Box<Details>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    invalid: Invalid,
    /// Where inside the argument, innermost first.
    path: Vec<Step>,
}

/// One step into a value: a record field or an element of a vector, slice or array.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Field(&'static str),
    Index(usize),
}

impl LiftError {
    #[cold]
    #[inline(never)]
    pub fn new(invalid: Invalid) -> Self {
        LiftError(Repr::Details(Box::new(Details {
            invalid,
            path: Vec::new(),
        })))
    }

    /// NULL where a reference is required.
    #[inline(always)]
    pub const fn null() -> Self {
        LiftError(Repr::Null)
    }

    #[cold]
    #[inline(never)]
    pub fn bool(value: u8) -> Self {
        Self::new(Invalid::Bool(value))
    }

    #[cold]
    #[inline(never)]
    pub fn discriminant(ty: &'static str, value: i128) -> Self {
        Self::new(Invalid::Discriminant { ty, value })
    }

    /// The same error, found inside field `name` of the value being lifted.
    #[cold]
    #[inline(never)]
    pub fn in_field(self, name: &'static str) -> Self {
        self.step(Step::Field(name))
    }

    /// The same error, found in element `index` of the vector, slice or array being lifted.
    #[cold]
    #[inline(never)]
    pub fn at_index(self, index: usize) -> Self {
        self.step(Step::Index(index))
    }

    fn step(self, step: Step) -> Self {
        let mut details = match self.0 {
            Repr::Null => Box::new(Details {
                invalid: Invalid::Null,
                path: Vec::new(),
            }),
            Repr::Details(details) => details,
        };
        details.path.push(step);
        LiftError(Repr::Details(details))
    }

    /// What was wrong.
    pub fn invalid(&self) -> Invalid {
        match &self.0 {
            Repr::Null => Invalid::Null,
            Repr::Details(d) => d.invalid,
        }
    }

    fn path(&self) -> &[Step] {
        match &self.0 {
            Repr::Null => &[],
            Repr::Details(d) => &d.path,
        }
    }

    /// The path inside the argument, outermost first (`inner.mode`, `[3].name`), empty for the
    /// argument itself.
    pub fn field_path(&self) -> String {
        let mut out = String::new();
        for step in self.path().iter().rev() {
            match step {
                Step::Field(name) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::Null => f.write_str("must not be null"),
            Invalid::Bool(v) => write!(f, "{v} is not a bool (0 or 1)"),
            Invalid::Discriminant { ty, value } => {
                write!(f, "{value} is not a value of enum `{ty}`")
            }
            Invalid::Utf8 { valid_up_to } => {
                write!(f, "invalid UTF-8 (the first {valid_up_to} bytes are valid)")
            }
            Invalid::NullWithLength(len) => write!(f, "NULL pointer with length {len}"),
            Invalid::TooLong(len) => write!(f, "length {len} is too large"),
            Invalid::Misaligned { align } => {
                write!(f, "pointer is not aligned to {align} bytes")
            }
            Invalid::OptionTag(tag) => {
                write!(f, "{tag} is not an option tag (is_some must be 0 or 1)")
            }
            Invalid::ResultStatus(status) => {
                write!(f, "{status} is not a result status (0: ok, 1: error)")
            }
            // The bindings tell the next three apart by their kind in the error channel
            // (`ErrorKind::of_lift`, ADR 27), not by these texts.
            Invalid::InUse {
                ty,
                this_thread: true,
            } => write!(
                f,
                "this `{ty}` is already in use by this thread (the same object twice in one call, \
                 or a call on it from inside one of its own calls)"
            ),
            Invalid::InUse {
                ty,
                this_thread: false,
            } => write!(
                f,
                "this `{ty}` is in use by another thread (a call that holds one object does not \
                 wait for a second one); retry the call"
            ),
            Invalid::Spent { ty } => write!(
                f,
                "this `{ty}` was consumed (moved by a method or a call that takes it by value) \
                 and can no longer be used"
            ),
        }
    }
}

impl fmt::Display for LiftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.path().last() {
            None => {}
            Some(Step::Field(_)) => write!(f, "field `{}`: ", self.field_path())?,
            Some(Step::Index(_)) => write!(f, "element `{}`: ", self.field_path())?,
        }
        write!(f, "{}", self.invalid())
    }
}

impl std::error::Error for LiftError {}

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

    /// Describes the type to the inventory (its [`FfiType::describe`]).
    #[doc(hidden)]
    const DESCRIBE: DescribeFn;

    /// Rebuild the Rust value (or what it borrows).
    ///
    /// # Safety
    /// Pointers in `abi` (of references, views and buffers, and of records holding them) are NULL or
    /// valid for reads (and writes, for `&mut T` and `&mut [T]`) of their target for the duration of
    /// the call; everything else is checked.
    unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError>;
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

    /// Describes the type to the inventory (its [`FfiType::describe`]).
    #[doc(hidden)]
    const DESCRIBE: DescribeFn;

    /// The ABI value of `self`.
    fn lower(self) -> Self::Abi;

    /// What the shim returns when the call panicked or an argument did not lift, in ABI space: the
    /// ABI value of a valid value of the type, never uninitialized memory (see
    /// [`FfiType::panic_value`] for each kind of type).
    fn panic_abi() -> Self::Abi;
}

/// Identity for the types whose ABI value is the value itself.
macro_rules! identity {
    ($($t:ty),*) => {$(
        unsafe impl Lift for $t {
            type Abi = $t;
            type Held = ManuallyDrop<$t>;
            const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
            #[inline(always)]
            unsafe fn lift(abi: $t) -> Result<ManuallyDrop<$t>, LiftError> {
                Ok(ManuallyDrop::new(abi))
            }
        }
        unsafe impl Lower for $t {
            type Abi = $t;
            const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
            #[inline(always)]
            fn lower(self) -> $t {
                self
            }
            #[inline(always)]
            fn panic_abi() -> $t {
                <$t as FfiType>::panic_value()
            }
        }
    )*};
}

identity!(
    (),
    u8,
    u16,
    u32,
    u64,
    usize,
    i8,
    i16,
    i32,
    i64,
    isize,
    f32,
    f64
);

/// A `bool` argument arrives as its byte and is checked (one compare); a returned `bool` is itself.
unsafe impl Lift for bool {
    type Abi = u8;
    type Held = ManuallyDrop<bool>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: u8) -> Result<ManuallyDrop<bool>, LiftError> {
        match abi {
            0 => Ok(ManuallyDrop::new(false)),
            1 => Ok(ManuallyDrop::new(true)),
            other => Err(LiftError::bool(other)),
        }
    }
}

unsafe impl Lower for bool {
    type Abi = bool;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    fn lower(self) -> bool {
        self
    }
    #[inline(always)]
    fn panic_abi() -> bool {
        false
    }
}

unsafe impl<T: FfiPointee> Lift for *const T {
    type Abi = *const T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *const T) -> Result<ManuallyDrop<Self>, LiftError> {
        Ok(ManuallyDrop::new(abi))
    }
}

unsafe impl<T: FfiPointee> Lower for *const T {
    type Abi = *const T;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    fn lower(self) -> *const T {
        self
    }
    #[inline(always)]
    fn panic_abi() -> *const T {
        core::ptr::null()
    }
}

unsafe impl<T: FfiPointee> Lift for *mut T {
    type Abi = *mut T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *mut T) -> Result<ManuallyDrop<Self>, LiftError> {
        Ok(ManuallyDrop::new(abi))
    }
}

unsafe impl<T: FfiPointee> Lower for *mut T {
    type Abi = *mut T;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    fn lower(self) -> *mut T {
        self
    }
    #[inline(always)]
    fn panic_abi() -> *mut T {
        core::ptr::null_mut()
    }
}

/// `&T`: a non-NULL pointer whose target is checked when `T` has values to reject.
unsafe impl<T: FfiPointee + ?Sized> Lift for &T {
    type Abi = *const T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *const T) -> Result<ManuallyDrop<Self>, LiftError> {
        if abi.is_null() {
            return Err(LiftError::null());
        }
        if T::VALIDATE {
            // SAFETY: non-NULL, and the caller guarantees it is valid for reads.
            unsafe { T::validate(abi) }?;
        }
        // SAFETY: as above, and the target was checked.
        Ok(ManuallyDrop::new(unsafe { &*abi }))
    }
}

unsafe impl<T: FfiPointee + ?Sized> Lift for &mut T {
    type Abi = *mut T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *mut T) -> Result<ManuallyDrop<Self>, LiftError> {
        if abi.is_null() {
            return Err(LiftError::null());
        }
        if T::VALIDATE {
            // SAFETY: non-NULL, and the caller guarantees it is valid for reads and writes.
            unsafe { T::validate(abi) }?;
        }
        // SAFETY: as above, and the target was checked.
        Ok(ManuallyDrop::new(unsafe { &mut *abi }))
    }
}

// `Option<&T>` / `Option<&mut T>` (NULL is `None`): see `options`.
