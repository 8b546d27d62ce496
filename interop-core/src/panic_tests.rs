//! The Python hook with fake function pointers. The hook is process-wide, so these tests hold
//! `SERIAL`; the fake `gil_check` answers per thread, so errors recorded by other tests running
//! in parallel (on other threads) never reach the fake setter.

use super::*;
use std::cell::Cell;
use std::ffi::CStr;
use std::sync::Mutex;

static SERIAL: Mutex<()> = Mutex::new(());

thread_local! {
    static HOLDS_GIL: Cell<bool> = const { Cell::new(false) };
    static RAISED: RefCell<Vec<(usize, String)>> = const { RefCell::new(Vec::new()) };
}

unsafe extern "C" fn fake_gil_check() -> c_int {
    HOLDS_GIL.with(Cell::get).into()
}

unsafe extern "C" fn fake_set_error(exception: *mut c_void, message: *const c_char) {
    // SAFETY: `raise_in_python` passes a valid C string.
    let text = unsafe { CStr::from_ptr(message) }
        .to_str()
        .unwrap()
        .to_string();
    RAISED.with(|r| r.borrow_mut().push((exception as usize, text)));
}

fn register(exception: usize) {
    // SAFETY: the fakes have the documented signatures and live forever.
    unsafe {
        interop_python_error_hook(
            Some(fake_set_error),
            Some(fake_gil_check),
            exception as *mut c_void,
        )
    };
}

/// Holds the lock; removes the hook and clears this thread's state when dropped.
struct Hooked(#[allow(dead_code)] std::sync::MutexGuard<'static, ()>);

impl Hooked {
    fn new(exception: usize) -> Self {
        let guard = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        register(exception);
        Self(guard)
    }
}

impl Drop for Hooked {
    fn drop(&mut self) {
        // SAFETY: NULL removes the hook.
        unsafe { interop_python_error_hook(None, None, std::ptr::null_mut()) };
        HOLDS_GIL.with(|g| g.set(false));
        RAISED.with(|r| r.borrow_mut().clear());
        let _ = take();
    }
}

fn raised() -> Vec<(usize, String)> {
    RAISED.with(|r| std::mem::take(&mut *r.borrow_mut()))
}

#[test]
fn with_the_gil_the_error_becomes_the_exception_and_is_not_pending() {
    let _h = Hooked::new(0x1234);
    HOLDS_GIL.with(|g| g.set(true));
    record("f", "boom".to_string());
    assert_eq!(raised(), [(0x1234, "panic in `f`: boom".to_string())]);
    assert_eq!(take(), None, "taken back out of the slot");
    record_panic("g", Box::new("payload"));
    assert_eq!(raised(), [(0x1234, "panic in `g`: payload".to_string())]);
    assert_eq!(take(), None);
}

#[test]
fn without_the_gil_the_error_stays_pending() {
    let _h = Hooked::new(0x1234);
    HOLDS_GIL.with(|g| g.set(false));
    record("f", "boom".to_string());
    assert_eq!(raised(), []);
    assert_eq!(take().as_deref(), Some("panic in `f`: boom"));
    assert_eq!(take(), None);
}

#[test]
fn registration_replaces_and_null_removes() {
    let _h = Hooked::new(1);
    HOLDS_GIL.with(|g| g.set(true));
    register(2);
    record("f", "x".to_string());
    assert_eq!(raised(), [(2, "panic in `f`: x".to_string())]);
    // SAFETY: NULL removes the hook.
    unsafe { interop_python_error_hook(None, Some(fake_gil_check), std::ptr::null_mut()) };
    record("f", "y".to_string());
    assert_eq!(raised(), []);
    assert_eq!(take().as_deref(), Some("panic in `f`: y"));
}

#[test]
fn a_stale_message_is_replaced_and_cleared_and_nuls_are_dropped() {
    let _h = Hooked::new(3);
    HOLDS_GIL.with(|g| g.set(false));
    record("old", "never taken".to_string());
    HOLDS_GIL.with(|g| g.set(true));
    record("new", "a\0b".to_string());
    assert_eq!(raised(), [(3, "panic in `new`: ab".to_string())]);
    assert_eq!(
        take(),
        None,
        "the slot is empty, so the counter is back to what it was"
    );
}

#[test]
fn take_error_reports_the_kind_and_clears_the_slot() {
    let _h = Hooked::new(5);
    let mut kind = 99u32;
    // SAFETY: a valid `u32` to write.
    assert!(unsafe { interop_take_error(&mut kind) }.is_null());
    assert_eq!(kind, 0, "no message: kind 0");
    record_kind(
        ErrorKind::ServiceBusy,
        "f",
        "argument `s` of `f`: busy".to_string(),
    );
    // SAFETY: as above.
    let p = unsafe { interop_take_error(&mut kind) };
    assert_eq!(kind, 2);
    // SAFETY: a string returned by interop_take_error, freed once.
    unsafe {
        assert_eq!(
            CStr::from_ptr(p).to_str().unwrap(),
            "argument `s` of `f`: busy"
        );
        interop_string_free(p);
    }
    record("g", "boom".to_string());
    assert_eq!(
        take_error(),
        Some((ErrorKind::Panic, "panic in `g`: boom".to_string()))
    );
    record_kind(
        ErrorKind::InvalidArgument,
        "k",
        "argument `b` of `k`: 2 is not a bool (0 or 1)".to_string(),
    );
    assert_eq!(
        take_error(),
        Some((
            ErrorKind::InvalidArgument,
            "argument `b` of `k`: 2 is not a bool (0 or 1)".to_string()
        )),
        "a refused argument's message is not a panic's"
    );
    record_kind(ErrorKind::ServiceConsumed, "h", "gone".to_string());
    // SAFETY: NULL is allowed for `kind`.
    let p = unsafe { interop_take_error(std::ptr::null_mut()) };
    // SAFETY: as above.
    unsafe { interop_string_free(p) };
    assert_eq!(take_error(), None);
}

#[test]
fn lift_errors_of_service_locks_have_their_kinds() {
    use crate::abi::Invalid;
    let busy = Invalid::InUse {
        ty: "S",
        this_thread: false,
    };
    let again = Invalid::InUse {
        ty: "S",
        this_thread: true,
    };
    assert_eq!(ErrorKind::of_lift(&busy), ErrorKind::ServiceBusy);
    assert_eq!(ErrorKind::of_lift(&again), ErrorKind::ServiceReentrant);
    assert_eq!(
        ErrorKind::of_lift(&Invalid::Spent { ty: "S" }),
        ErrorKind::ServiceConsumed
    );
    assert_eq!(
        ErrorKind::of_lift(&Invalid::Null),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        ErrorKind::of_lift(&Invalid::Bool(2)),
        ErrorKind::InvalidArgument
    );
    assert_eq!(
        ErrorKind::of_lift(&Invalid::Utf8 { valid_up_to: 3 }),
        ErrorKind::InvalidArgument
    );
}

#[test]
fn take_panic_strips_interior_nuls() {
    let _h = Hooked::new(4);
    record("f", "a\0b".to_string());
    let p = interop_take_panic();
    assert!(!p.is_null());
    // SAFETY: a string returned by interop_take_panic, freed once.
    unsafe {
        assert_eq!(CStr::from_ptr(p).to_str().unwrap(), "panic in `f`: ab");
        interop_string_free(p);
    }
    assert!(interop_take_panic().is_null());
}
