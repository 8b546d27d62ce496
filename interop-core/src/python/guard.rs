//! The guard of a Python service object (ADR 25): the service's handle and one atomic word, the
//! count of calls in progress through the object and whether it is closed (or consumed).
//!
//! The Python package keeps a guard (a `ctypes.Structure` of two words, `_Guard`) per service
//! object, shared by the object and its `weakref.finalize` safety net. Every call that passes the
//! object *enters* the guard before reading the handle and *leaves* it after the shim returned;
//! `close()` (and a call that consumes the object) *closes* it. The handle is freed exactly once,
//! by whoever makes the word reach "closed, no call in progress": `close()` when no call is in
//! progress, else the last call to leave. So a handle is never freed while a call that read it is
//! still running (also with the GIL released, and on free-threaded builds), and a call that starts
//! after `close()` gets no handle at all (the bindings raise `ValueError`). This is the guarantee
//! .NET's `SafeHandle` gives: `close()` never waits, and never frees under a running call.
//!
//! Plain atomics, no Python API: the compiled path uses [`Guard`] directly, the ctypes path (also
//! on PyPy and free-threaded CPython) through the exported `interop_guard_*` functions.

use core::ffi::c_void;
use core::sync::atomic::{AtomicUsize, Ordering};

/// No call may start (set by `close()`, a consuming call or the finalizer).
pub const CLOSED: usize = 1;
/// Closed because a call took the value by value (for the message).
pub const CONSUMED: usize = 2;
/// One call in progress.
const CALL: usize = 4;

/// The guard's memory (`_Guard` in the package: `handle: c_void_p`, `state: c_size_t`).
#[repr(C)]
pub struct Guard {
    pub handle: *mut c_void,
    pub state: AtomicUsize,
}

// SAFETY: the guard never dereferences `handle` (an address it hands out); `state` is atomic.
unsafe impl Send for Guard {}
// SAFETY: as above.
unsafe impl Sync for Guard {}

impl Guard {
    /// Count a call in: the handle, or `Err(state)` when the guard is closed.
    #[inline(always)]
    pub fn enter(&self) -> Result<*mut c_void, usize> {
        let mut state = self.state.load(Ordering::Relaxed);
        loop {
            if state & CLOSED != 0 {
                return Err(state);
            }
            match self.state.compare_exchange_weak(
                state,
                state + CALL,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return Ok(self.handle),
                Err(now) => state = now,
            }
        }
    }

    /// Count a call out (one that entered): true when the caller must free the handle now (the
    /// guard is closed and this was the last call).
    #[inline(always)]
    pub fn leave(&self) -> bool {
        let before = self.state.fetch_sub(CALL, Ordering::AcqRel);
        before & CLOSED != 0 && before / CALL == 1
    }

    /// Close the guard (`consumed`: a call took the value): true when the caller must free the
    /// handle now (this call closed it and no call is in progress). Closing twice does nothing.
    pub fn close(&self, consumed: bool) -> bool {
        let flags = if consumed { CLOSED | CONSUMED } else { CLOSED };
        let mut state = self.state.load(Ordering::Relaxed);
        loop {
            if state & CLOSED != 0 {
                // Already closed (its reason stays).
                return false;
            }
            match self.state.compare_exchange_weak(
                state,
                state | flags,
                Ordering::AcqRel,
                Ordering::Relaxed,
            ) {
                Ok(_) => return state / CALL == 0,
                Err(now) => state = now,
            }
        }
    }
}

/// `interop_guard_enter(guard)`: the handle, counted in; NULL when the guard is closed (or NULL).
///
/// # Safety
/// `guard` is NULL or a live `_Guard`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_guard_enter(guard: *const Guard) -> *mut c_void {
    // SAFETY: the caller's word.
    match unsafe { guard.as_ref() }.map(Guard::enter) {
        Some(Ok(handle)) => handle,
        _ => core::ptr::null_mut(),
    }
}

/// `interop_guard_leave(guard)`: counts a call out; true when the caller must free the handle.
///
/// # Safety
/// `guard` is a live `_Guard` this caller entered.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_guard_leave(guard: *const Guard) -> bool {
    // SAFETY: the caller's word.
    unsafe { guard.as_ref() }.is_some_and(Guard::leave)
}

/// `interop_guard_close(guard, consumed)`: closes the guard; true when the caller must free the
/// handle.
///
/// # Safety
/// `guard` is NULL or a live `_Guard`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_guard_close(guard: *const Guard, consumed: bool) -> bool {
    // SAFETY: the caller's word.
    unsafe { guard.as_ref() }.is_some_and(|g| g.close(consumed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guard() -> Guard {
        Guard {
            handle: 0x1000 as *mut c_void,
            state: AtomicUsize::new(0),
        }
    }

    #[test]
    fn close_without_calls_frees_once() {
        let g = guard();
        assert!(g.close(false));
        assert!(!g.close(false));
        assert!(!g.close(true));
        assert_eq!(g.enter(), Err(CLOSED));
    }

    #[test]
    fn the_last_call_out_frees_after_close() {
        let g = guard();
        assert_eq!(g.enter(), Ok(0x1000 as *mut c_void));
        assert_eq!(g.enter(), Ok(0x1000 as *mut c_void));
        assert!(!g.close(true));
        assert_eq!(g.enter(), Err((CLOSED | CONSUMED) + 2 * CALL));
        assert!(!g.leave());
        assert!(g.leave());
        assert_eq!(g.state.load(Ordering::SeqCst), CLOSED | CONSUMED);
    }

    #[test]
    fn calls_without_close_never_free() {
        let g = guard();
        for _ in 0..3 {
            assert!(g.enter().is_ok());
            assert!(!g.leave());
        }
        assert!(g.close(false));
    }

    #[test]
    fn eight_threads_free_exactly_once() {
        use std::sync::Arc;
        use std::sync::atomic::AtomicU32;
        for _ in 0..50 {
            let g = Arc::new(guard());
            let frees = Arc::new(AtomicU32::new(0));
            let threads: Vec<_> = (0..8)
                .map(|i| {
                    let (g, frees) = (g.clone(), frees.clone());
                    std::thread::spawn(move || {
                        for _ in 0..200 {
                            if g.enter().is_ok() && g.leave() {
                                frees.fetch_add(1, Ordering::SeqCst);
                            }
                        }
                        if i == 3 && g.close(false) {
                            frees.fetch_add(1, Ordering::SeqCst);
                        }
                    })
                })
                .collect();
            for t in threads {
                t.join().unwrap();
            }
            assert_eq!(frees.load(Ordering::SeqCst), 1);
        }
    }
}
