//! The `#[repr(C)]` types behind the ABI shapes. Their layout is the contract: the C header declares
//! the same structs, and the managed backends read sizes and alignments from the inventory.

use core::ffi::c_void;
use core::mem::{ManuallyDrop, MaybeUninit};

/// A borrowed, read-only view `{ptr, len}` (`&str` as UTF-8 bytes, `&[T]`). Valid for the duration of
/// the call only. `ptr` may be NULL only when `len` is 0.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct View<T> {
    pub ptr: *const T,
    pub len: usize,
}

/// A borrowed, writable view `{ptr, len}` (`&mut [T]`). Valid for the duration of the call only.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ViewMut<T> {
    pub ptr: *mut T,
    pub len: usize,
}

/// An owned buffer `{ptr, len, cap}` (`String` as UTF-8 bytes, `Vec<T>`, `Box<[T]>`), allocated by the
/// library's allocator. Whoever receives it owns it and gives it back to the library's free function
/// for its type exactly once; the foreign side never frees it with its own allocator.
#[repr(C)]
#[derive(Debug)]
pub struct Buffer<T> {
    pub ptr: *mut T,
    pub len: usize,
    pub cap: usize,
}

/// An `Option<T>` by value: `is_some` is 0 or 1 (any other value is rejected when lifted); `value` is
/// meaningful only when `is_some` is 1 (and then owned as `T` is). The library writes zeros into
/// `value` for `None`; a caller's `value` is never read when `is_some` is 0 (`MaybeUninit`: a `bool`
/// or an enum there may be anything). `T` is the ABI form of the value inside data
/// ([`FfiType::Abi`](crate::FfiType::Abi)) in every position, so one C struct serves arguments,
/// returns and fields.
#[repr(C)]
#[derive(Debug)]
pub struct OptionAbi<T> {
    pub is_some: u8,
    pub value: MaybeUninit<T>,
}

impl<T: Copy> Clone for OptionAbi<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Copy> Copy for OptionAbi<T> {}

/// The status tag of a [`ResultAbi`]. One byte; values other than the constants below are rejected
/// when a result is lifted (from a foreign callback).
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status(pub u8);

impl Status {
    /// The call succeeded; `value.ok` holds the result.
    pub const OK: Status = Status(0);
    /// The call returned an error; `value.err` holds it.
    pub const ERROR: Status = Status(1);
    /// The call panicked; the message is in the error channel (`interop_take_panic`), `value` is unset.
    pub const PANIC: Status = Status(2);
    /// The call was cancelled (asynchronous calls); `value` is unset.
    pub const CANCELLED: Status = Status(3);
}

/// The payload of a [`ResultAbi`]: `ok` or `err`, as the status says.
#[repr(C)]
pub union ResultValue<T, E> {
    pub ok: ManuallyDrop<T>,
    pub err: ManuallyDrop<E>,
}

/// A `Result<T, E>` returned by value `{status, union {ok, err}}`: no out-parameter, one return.
#[repr(C)]
pub struct ResultAbi<T, E> {
    pub status: Status,
    pub value: ResultValue<T, E>,
}

/// The error of a [`ResultAbi`] (`value.err` when the status is [`Status::ERROR`]): the error value
/// in its ABI form, and its message as UTF-8 text owned by the receiver (the error's `Display`, or a
/// rendering of the value when it has none). The receiver frees both (the message with
/// `interop_buffer_free(ptr, cap, 1, 1)`).
#[repr(C)]
#[derive(Debug)]
pub struct ErrorAbi<E> {
    pub value: E,
    pub message: Buffer<u8>,
}

/// A callback `{call, context, drop}`: `call` is invoked with `context` as its first argument;
/// `drop`, when not NULL, is called exactly once with `context` when the receiver is done with the
/// callback (after the call for a borrowed callback, when the last clone is dropped for a stored one).
/// `F` is the `extern "C"` function pointer type of `call`.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct CallbackAbi<F> {
    pub call: F,
    pub context: *mut c_void,
    pub drop: Option<unsafe extern "C" fn(*mut c_void)>,
}

/// A handle to a library-owned future (asynchronous calls): polled, cancelled and freed through the
/// library's functions.
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct FutureHandle(pub *mut c_void);

/// A serialized value (`Wire<T>`): an owned buffer of bytes in the library's documented encoding.
pub type Serialized = Buffer<u8>;
