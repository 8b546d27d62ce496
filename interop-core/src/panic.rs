//! The error channel: how a panic inside an `#[ffi]` function reaches the caller.
//!
//! Every shim runs the user's function inside `catch_unwind`. On a panic it stores the message in a
//! thread-local slot, bumps a process-wide counter of pending (not yet taken) panics, and returns the
//! return type's [panic value](crate::FfiType::panic_value) (0, `false`, NULL, a struct of those, an
//! enum's variant with discriminant 0 or else its first variant). Callers check cheaply and take the
//! message:
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
//!
//! ## The Python hook
//!
//! The Python bindings can do without the check. They load the library with `ctypes.PyDLL`, which
//! keeps the GIL during the call and, after it, raises whatever exception the callee set
//! (`PyErr_Occurred()`). At import they register [`interop_python_error_hook`]: the addresses of
//! `PyErr_SetString` and `PyGILState_Check` and the exception class. From then on [`record`] (the
//! cold path; shims are unchanged) asks `gil_check()`; when it returns 1, the calling thread holds
//! the GIL, so it was called from Python (through `PyDLL` or a compiled layer): the message is taken
//! back out of the slot (the pending counter is restored) and handed to `set_error(exception, msg)`
//! instead, so the very call raises the exception. Any other caller (C, C#, a thread without the GIL,
//! the `release-gil` Python mode using `CDLL`) finds the message pending as usual.

use std::any::Any;
use std::cell::RefCell;
use std::ffi::{CString, c_char, c_int, c_void};
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};

static PENDING: AtomicU32 = AtomicU32::new(0);

/// What kind of error a recorded message is: the number [`interop_take_error`] writes
/// (`INTEROP_ERROR_*` in the C header). Bindings map each kind to its own exception. See
/// docs/adr/0027-service-errors-in-the-channel.md and docs/adr/0047-invalid-argument-kind.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum ErrorKind {
    /// A panic (`INTEROP_ERROR_PANIC`).
    Panic = 1,
    /// A service this call needs is used by another thread while the call holds another service
    /// (`INTEROP_ERROR_SERVICE_BUSY`): nothing ran; retry the call.
    ServiceBusy = 2,
    /// A service this thread is already using: the same object twice in one call, or a call on it
    /// from inside one of its own calls (`INTEROP_ERROR_SERVICE_REENTRANT`): nothing ran.
    ServiceReentrant = 3,
    /// A service whose value a method or call took by value, or that was closed by its
    /// `_dispose` (`INTEROP_ERROR_SERVICE_CONSUMED`): nothing ran; the handle still has to be freed.
    ServiceConsumed = 4,
    /// An argument the shim refused: not a value of its type (a `bool` byte of 2, an enum tag that
    /// is no discriminant, text that is not UTF-8, NULL where a value is required…)
    /// (`INTEROP_ERROR_INVALID_ARGUMENT`): nothing ran.
    InvalidArgument = 5,
}

impl ErrorKind {
    /// The kind of an argument that did not lift.
    pub fn of_lift(invalid: &crate::abi::Invalid) -> ErrorKind {
        use crate::abi::Invalid;
        match invalid {
            Invalid::InUse {
                this_thread: false, ..
            } => ErrorKind::ServiceBusy,
            Invalid::InUse {
                this_thread: true, ..
            } => ErrorKind::ServiceReentrant,
            Invalid::Spent { .. } | Invalid::Closed { .. } => ErrorKind::ServiceConsumed,
            _ => ErrorKind::InvalidArgument,
        }
    }
}

/// `PyErr_SetString(PyObject *type, const char *message)`: sets the calling thread's exception (the
/// message is copied).
pub type SetErrorFn = unsafe extern "C" fn(*mut c_void, *const c_char);
/// `PyGILState_Check()`: 1 when the calling thread holds the GIL.
pub type GilCheckFn = unsafe extern "C" fn() -> c_int;

/// A registered hook. Never freed once published (see [`interop_python_error_hook`]).
struct PythonHook {
    set_error: SetErrorFn,
    gil_check: GilCheckFn,
    exception: *mut c_void,
}

/// The current hook, or NULL. One pointer so that a reader always sees a consistent triple.
static PYTHON_HOOK: AtomicPtr<PythonHook> = AtomicPtr::new(std::ptr::null_mut());

/// This thread's message. A thread that exits without taking its message drops it with the slot,
/// and the pending count goes down with it (otherwise the count would stay non-zero forever and
/// every later checked call, on every thread, would take the slow path).
struct Slot(RefCell<Option<(ErrorKind, String)>>);

impl Drop for Slot {
    fn drop(&mut self) {
        if self.0.get_mut().take().is_some() {
            PENDING.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

thread_local! {
    static LAST: Slot = const { Slot(RefCell::new(None)) };
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
///
/// When a Python hook is registered and the calling thread holds the GIL, the error is raised as
/// that Python exception instead, and nothing stays pending (see the module docs).
#[cold]
pub fn record(function: &str, message: String) {
    record_kind(ErrorKind::Panic, function, message);
}

/// [`record`] with the kind of the error (a service's lock, a refused argument, see [`ErrorKind`]).
/// A panic's message reads ``panic in `f`: …``; the others are `message` as it is (it names the
/// argument and `f`).
#[cold]
pub fn record_kind(kind: ErrorKind, function: &str, message: String) {
    let message = match kind {
        ErrorKind::Panic => format!("panic in `{function}`: {message}"),
        _ => message,
    };
    record_message(kind, message);
}

/// Record an error of `kind` for the calling thread with its whole message (a returned closure's
/// errors name the function that returned it: ``panic in closure returned by `f`: …``).
#[cold]
pub fn record_message(kind: ErrorKind, message: String) {
    // During the thread's own teardown (a shim called from another thread-local's destructor) the
    // slot is gone: the message has nowhere to go and is dropped.
    let stored = LAST.try_with(|slot| {
        let mut slot = slot.0.borrow_mut();
        if slot.is_none() {
            PENDING.fetch_add(1, Ordering::SeqCst);
        }
        *slot = Some((kind, message));
    });
    if stored.is_ok() {
        raise_in_python();
    }
}

/// Record an error for the calling thread without handing it to the Python hook: the bindings that
/// wait for the call take it themselves (a callback's exception, which they rethrow as it was).
#[cold]
pub fn record_quietly(function: &str, message: String) {
    let message = format!("panic in `{function}`: {message}");
    let _ = LAST.try_with(|slot| {
        let mut slot = slot.0.borrow_mut();
        if slot.is_none() {
            PENDING.fetch_add(1, Ordering::SeqCst);
        }
        *slot = Some((ErrorKind::Panic, message));
    });
}

/// If a Python hook is registered and this thread holds the GIL, move this thread's message into
/// a Python exception.
#[cold]
fn raise_in_python() {
    let hook = PYTHON_HOOK.load(Ordering::Acquire);
    if hook.is_null() {
        return;
    }
    // SAFETY: a published hook is never freed or changed (re-registration publishes a new one).
    let hook = unsafe { &*hook };
    // SAFETY: the registrant passed `PyGILState_Check` (or a function with its signature); it may be
    // called from any thread.
    if unsafe { (hook.gil_check)() } != 1 {
        return;
    }
    let Some(message) = take() else { return };
    let message = c_string(message);
    // SAFETY: this thread holds the GIL (checked above), which is what `PyErr_SetString` requires;
    // `exception` is the class the registrant keeps alive; the message is a valid C string for the
    // duration of the call (the callee copies it).
    unsafe { (hook.set_error)(hook.exception, message.as_ptr()) };
}

/// A message as a C string, interior NULs removed.
fn c_string(message: String) -> CString {
    let bytes: Vec<u8> = message
        .into_bytes()
        .into_iter()
        .filter(|b| *b != 0)
        .collect();
    CString::new(bytes).unwrap_or_default()
}

/// Register the Python error hook (called by the generated `_raw.py` at import, through `PyDLL`,
/// so with the GIL held). `set_error` is `PyErr_SetString`, `gil_check` is `PyGILState_Check`,
/// `exception` the exception class (a `PyObject*` the caller keeps alive). From then on, an error
/// recorded on a thread for which `gil_check()` returns 1 is set as that exception instead of being
/// left pending. A second registration replaces the first; passing NULL for `set_error` or
/// `gil_check` removes the hook. Each registration keeps a 24-byte record for the rest of the
/// process (a reader on another thread may still be using the previous one).
///
/// `PyGILState_Check` returns 1 on every thread once a sub-interpreter has been created (CPython
/// turns the check off): do not use the direct (`PyDLL`) Python mode in such a process.
///
/// # Safety
/// The function pointers must have the documented semantics and stay valid while the library is
/// loaded; `exception` must stay a valid exception class.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_python_error_hook(
    set_error: Option<SetErrorFn>,
    gil_check: Option<GilCheckFn>,
    exception: *mut c_void,
) {
    let hook = match (set_error, gil_check) {
        (Some(set_error), Some(gil_check)) => Box::into_raw(Box::new(PythonHook {
            set_error,
            gil_check,
            exception,
        })),
        _ => std::ptr::null_mut(),
    };
    PYTHON_HOOK.store(hook, Ordering::Release);
}

/// Record a caught panic payload for the calling thread.
#[cold]
pub fn record_panic(function: &str, payload: Box<dyn Any + Send>) {
    record(function, consume_payload(payload));
}

/// The message of a caught panic payload, the payload dropped (dropping a payload can itself
/// panic; that never escapes).
pub fn consume_payload(payload: Box<dyn Any + Send>) -> String {
    let message = payload_message(&*payload);
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(payload)));
    message
}

/// The count of errors recorded and not yet taken, in every thread (what [`interop_panic_pending`]
/// points to). The compiled Python path loads it after each call.
#[inline(always)]
pub fn pending_count() -> u32 {
    PENDING.load(Ordering::Relaxed)
}

/// Take the calling thread's pending message, if any.
pub fn take() -> Option<String> {
    take_error().map(|(_, message)| message)
}

/// Take the calling thread's pending error and its kind, if any.
pub fn take_error() -> Option<(ErrorKind, String)> {
    LAST.try_with(|slot| {
        let taken = slot.0.borrow_mut().take();
        if taken.is_some() {
            PENDING.fetch_sub(1, Ordering::SeqCst);
        }
        taken
    })
    .ok()
    .flatten()
}

/// Address of the process-wide count of panics recorded and not yet taken. The address is fixed for
/// the library's lifetime: read it once, then load through it after each call.
#[unsafe(no_mangle)]
pub extern "C" fn interop_panic_pending() -> *const u32 {
    crate::panic_hook::install();
    PENDING.as_ptr() as *const u32
}

/// The calling thread's pending panic message as a NUL-terminated UTF-8 string, or NULL when this
/// thread has none. Taking it clears it. Free the string with [`interop_string_free`].
#[unsafe(no_mangle)]
pub extern "C" fn interop_take_panic() -> *mut c_char {
    match take() {
        Some(msg) => c_string(msg).into_raw(),
        None => std::ptr::null_mut(),
    }
}

/// Like [`interop_take_panic`], and writes the error's [`ErrorKind`] to `kind` (when not NULL):
/// 1 a panic, 2 a busy service, 3 a service already in use by this thread, 4 a consumed service,
/// 5 a refused argument; 0 when this thread has no message (then it returns NULL).
///
/// # Safety
/// `kind` is NULL or valid for writing a `u32`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_take_error(kind: *mut u32) -> *mut c_char {
    let (code, message) = match take_error() {
        Some((k, msg)) => (k as u32, c_string(msg).into_raw()),
        None => (0, std::ptr::null_mut()),
    };
    if !kind.is_null() {
        // SAFETY: the caller's promise.
        unsafe { kind.write(code) };
    }
    message
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

#[cfg(test)]
#[path = "panic_tests.rs"]
mod tests;
