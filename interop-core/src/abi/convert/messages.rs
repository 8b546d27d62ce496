//! The message of an `Err` as it crosses ([ADR 35](../../../../docs/adr/0035-static-error-messages.md)):
//! owned by the receiver (`cap` > 0: rendered for this error), or kept by the library (`cap == 0`:
//! static text every receiver reads and never frees, as `interop_buffer_free` does nothing for
//! `cap == 0`).
//!
//! - [`owned_message`]: `Display` (else `Debug`, else `#[ffi]`'s rendering) into a new `String`, on
//!   every `Err`: errors that own data (`String`, records, data enums).
//! - [`static_message`]: a literal the expansion wrote (a fieldless enum without `Display` or
//!   `Debug`: `Name::Variant`): no allocation, no formatting.
//! - [`MessageCell`]: a fieldless (C-like) enum with `Display` or `Debug`: rendered once per
//!   variant per process, then handed out as static text. The assumption: the `Display` of a
//!   variant without fields is a constant (it can only read the discriminant and global state).

use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicU8, Ordering};

use super::results::FfiError;
use super::vecs::lower_vec;
use crate::abi::Buffer;

/// The message of an error whose `Display` (or `Debug`) panicked.
pub const PANICKED: &str = "(the error's message could not be formatted: it panicked)";

/// The longest message a [`MessageCell`] keeps, in bytes; a longer one is rendered on every `Err`.
pub const CELL_CAPACITY: usize = 240;

/// The error's message rendered now, owned by the receiver (`cap` > 0 unless empty). A `Display`
/// that panics gives [`PANICKED`] (static). The rendering runs outside the shim's panic guard: a
/// panic must not unwind into the `extern "C"` shim.
#[inline(never)]
pub fn owned_message<E: FfiError>(e: &E) -> Buffer<u8> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| e.message())) {
        Ok(message) => lower_vec(message.into_bytes()),
        Err(_) => static_message(PANICKED),
    }
}

/// Static text as a message the receiver reads and does not free (`cap == 0`).
#[inline(always)]
pub fn static_message(text: &'static str) -> Buffer<u8> {
    Buffer {
        // Never written through: every receiver copies the text (ADR 35).
        ptr: text.as_ptr().cast_mut(),
        len: text.len(),
        cap: 0,
    }
}

const EMPTY: u8 = 0;
const BUSY: u8 = 1;
const READY: u8 = 2;
const TOO_LONG: u8 = 3;
const PANICKED_ONCE: u8 = 4;

/// The message of one variant of a fieldless enum, rendered by the first `Err` of that variant and
/// kept in the library's static memory (no heap: nothing is left allocated at exit).
///
/// Lock-free: the first thread to move it from empty to busy renders it; meanwhile, and for a
/// `Display` that calls back into the library for the same variant, other `Err`s render their own
/// owned message. A message longer than [`CELL_CAPACITY`] is rendered on every `Err`; a `Display`
/// that panicked once gives [`PANICKED`] from then on without running again.
#[doc(hidden)]
pub struct MessageCell {
    state: AtomicU8,
    len: UnsafeCell<usize>,
    bytes: UnsafeCell<[u8; CELL_CAPACITY]>,
}

// SAFETY: `len` and `bytes` are written only by the thread that moved `state` from EMPTY to BUSY,
// before it publishes READY with `Release`; they are read only after an `Acquire` load saw READY,
// and never written again.
unsafe impl Sync for MessageCell {}

impl Default for MessageCell {
    fn default() -> Self {
        Self::new()
    }
}

impl MessageCell {
    /// An empty cell (a `static` per variant in the enum's `#[ffi]` expansion).
    pub const fn new() -> Self {
        MessageCell {
            state: AtomicU8::new(EMPTY),
            len: UnsafeCell::new(0),
            bytes: UnsafeCell::new([0; CELL_CAPACITY]),
        }
    }

    /// The message of `e` (a value of the variant this cell belongs to).
    #[inline(always)]
    pub fn message<E: FfiError>(&'static self, e: &E) -> Buffer<u8> {
        if self.state.load(Ordering::Acquire) == READY {
            return self.text();
        }
        self.render(e)
    }

    /// The kept text. Only once READY was seen with `Acquire`.
    #[inline(always)]
    fn text(&'static self) -> Buffer<u8> {
        Buffer {
            ptr: self.bytes.get().cast(),
            // SAFETY: READY was published after `len` was written; it is never written again.
            len: unsafe { *self.len.get() },
            cap: 0,
        }
    }

    #[cold]
    #[inline(never)]
    fn render<E: FfiError>(&'static self, e: &E) -> Buffer<u8> {
        match self
            .state
            .compare_exchange(EMPTY, BUSY, Ordering::Acquire, Ordering::Acquire)
        {
            Ok(_) => {}
            Err(READY) => return self.text(),
            Err(PANICKED_ONCE) => return static_message(PANICKED),
            // BUSY (another thread, or this one re-entering, is rendering) or TOO_LONG.
            Err(_) => return owned_message(e),
        }
        let Ok(message) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| e.message()))
        else {
            self.state.store(PANICKED_ONCE, Ordering::Release);
            return static_message(PANICKED);
        };
        if message.len() > CELL_CAPACITY {
            self.state.store(TOO_LONG, Ordering::Release);
            return lower_vec(message.into_bytes());
        }
        // SAFETY: this thread alone moved the cell to BUSY: nobody reads or writes these until
        // READY is published below.
        unsafe {
            core::ptr::copy_nonoverlapping(
                message.as_ptr(),
                self.bytes.get().cast::<u8>(),
                message.len(),
            );
            *self.len.get() = message.len();
        }
        self.state.store(READY, Ordering::Release);
        self.text()
    }
}

/// `FfiError` for a fieldless (C-like) `#[ffi]` enum: `type`, its bindings name, its variants
/// `(Variant, "name")`. The message is kept per variant ([`MessageCell`]) when the enum has
/// `Display` or `Debug`, else it is the literal `Name::Variant`.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_fieldless_error {
    ($ident:ident, $name:literal, [$(($variant:ident, $vname:literal)),* $(,)?]) => {
        impl $crate::abi::convert::FfiError for $ident {
            fn message(&self) -> ::std::string::String {
                #[allow(unused_imports)]
                use $crate::abi::convert::results::{ViaDebug, ViaDisplay, ViaNothing};
                match (&&&$crate::abi::convert::results::Render(self)).render() {
                    ::core::option::Option::Some(message) => message,
                    ::core::option::Option::None => match self {
                        $($ident::$variant => ::std::string::String::from(
                            ::core::concat!($name, "::", $vname),
                        ),)*
                    },
                }
            }

            #[inline(always)]
            fn lower_message(&self) -> $crate::abi::Buffer<u8> {
                #[allow(unused_imports)]
                use $crate::abi::convert::results::{ViaDebug, ViaDisplay, ViaNothing};
                if !(&&&$crate::abi::convert::results::Render(self)).renders() {
                    return $crate::abi::convert::messages::static_message(match self {
                        $($ident::$variant => ::core::concat!($name, "::", $vname),)*
                    });
                }
                match self {
                    $($ident::$variant => {
                        static CELL: $crate::abi::convert::messages::MessageCell =
                            $crate::abi::convert::messages::MessageCell::new();
                        CELL.message(self)
                    })*
                }
            }
        }
    };
}
