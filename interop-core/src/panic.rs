//! The error channel: how a panic inside an `#[ffi]` function reaches the caller.
//!
//! Every shim runs the user's function inside `catch_unwind`. On a panic it stores the message in a
//! thread-local slot, bumps a process-wide counter of pending (not yet taken) panics, and returns a
//! zeroed value. Callers check cheaply and take the message:
//!
//! ```c
//! Vec2f32 v = my_game_function(&input);
//! if (*interop_panic_pending() != 0) {           /* any thread has an untaken panic */
//!     char *msg = interop_take_panic();           /* this thread's, or NULL */
//!     if (msg) { fprintf(stderr, "%s\n", msg); interop_string_free(msg); }
//! }
//! ```
//!
//! The happy path costs the caller one load from a cached address; bindings (C#, Python) do exactly
//! this after each call and raise the language's exception when this thread's call panicked.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{CString, c_char};
use std::sync::atomic::{AtomicU32, Ordering};

static PENDING: AtomicU32 = AtomicU32::new(0);

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Turn a panic payload into a message.
pub fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&'static str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-string payload".to_string()
    }
}

/// Record an error for the calling thread (used by shims; public for generated code).
#[cold]
pub fn record(function: &str, message: String) {
    let message = format!("panic in `{function}`: {message}");
    LAST.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.is_none() {
            PENDING.fetch_add(1, Ordering::SeqCst);
        }
        *slot = Some(message);
    });
}

/// Record a caught panic payload for the calling thread.
#[cold]
pub fn record_panic(function: &str, payload: Box<dyn Any + Send>) {
    let message = payload_message(&*payload);
    // Dropping a payload can itself panic; never let that escape.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(payload)));
    record(function, message);
}

/// Take the calling thread's pending message, if any.
pub fn take() -> Option<String> {
    LAST.with(|slot| {
        let taken = slot.borrow_mut().take();
        if taken.is_some() {
            PENDING.fetch_sub(1, Ordering::SeqCst);
        }
        taken
    })
}

/// Address of the process-wide count of panics recorded and not yet taken. The address is fixed for
/// the library's lifetime: read it once, then load through it after each call.
#[unsafe(no_mangle)]
pub extern "C" fn interop_panic_pending() -> *const u32 {
    PENDING.as_ptr() as *const u32
}

/// The calling thread's pending panic message as a NUL-terminated UTF-8 string, or NULL when this
/// thread has none. Taking it clears it. Free the string with [`interop_string_free`].
#[unsafe(no_mangle)]
pub extern "C" fn interop_take_panic() -> *mut c_char {
    match take() {
        Some(msg) => {
            let bytes: Vec<u8> = msg.into_bytes().into_iter().filter(|b| *b != 0).collect();
            // Interior NULs were removed above, so this cannot fail.
            CString::new(bytes).map_or(std::ptr::null_mut(), CString::into_raw)
        }
        None => std::ptr::null_mut(),
    }
}

/// Free a string returned by this library. NULL is allowed and ignored.
///
/// # Safety
/// `s` must be NULL or a pointer returned by this library that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_string_free(s: *mut c_char) {
    if !s.is_null() {
        // SAFETY: the caller passes a pointer obtained from CString::into_raw in this library.
        drop(unsafe { CString::from_raw(s) });
    }
}
