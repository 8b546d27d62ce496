//! The guard of a Python service object (ADR 25, ADR 41): the service's handle and one word, the
//! count of calls in progress through the object and whether it is closed (or consumed).
//!
//! The Python package keeps a guard (a `ctypes.Structure` of two words, `_Guard`) per service
//! object, shared by the object and its `weakref.finalize` safety net. Every call that passes the
//! object *enters* the guard before reading the handle and *leaves* it after the shim returned;
//! `close()` (and a call that consumes the object, which *takes* it: enters and closes in one step)
//! *closes* it. The handle is freed exactly once, by whoever makes the word reach "closed, no call
//! in progress": `close()` when no call is in progress, else the last call to leave. So a handle is
//! never freed while a call that read it is still running (also with the GIL released), and a call
//! that starts after `close()` gets no handle at all (the bindings raise `ValueError`). This is the
//! guarantee .NET's `SafeHandle` gives: `close()` never waits, and never frees under a running call.
//!
//! # Two modes, one per process (ADR 41)
//! - **GIL mode** ([`Mode::Gil`]): the package runs on the compiled path, so on a CPython with a
//!   GIL, and every access to every guard is made with the GIL held: the compiled entries enter
//!   before releasing the GIL (`release-gil`) and leave after taking it back, and the package's own
//!   guard operations (`close()`, the finalizer, functions left on the ctypes path) call the
//!   exported functions through `ctypes.PyDLL`, which keeps the GIL. The GIL serializes them, so a
//!   guard is changed with a plain load and store: no read-modify-write on the call path.
//! - **Atomic mode** ([`Mode::Atomic`]): the ctypes path (PyPy, free-threaded CPython, a package
//!   told to use ctypes, a compiled path that failed to start), where guard operations may run
//!   concurrently: every change is a compare-exchange or a `fetch_sub`.
//!
//! The mode is claimed once, at the package's import ([`claim`]): by `interop_python_init` when it
//! built the compiled path, else by the package through `interop_guard_mode`. A claim of the other
//! mode fails, so the two can never be mixed in one process (the compiled path then refuses to
//! start). The exported `interop_guard_*` functions follow the mode in force; the compiled path only
//! exists in GIL mode and uses the plain operations directly.

use core::ffi::c_void;
use core::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

/// No call may start (set by `close()`, a consuming call or the finalizer).
pub const CLOSED: usize = 1;
/// Closed because a call took the value by value (for the message).
pub const CONSUMED: usize = 2;
/// One call in progress.
const CALL: usize = 4;

/// How guard operations are made in this process (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Mode {
    /// Not chosen yet (guard operations are atomic until one is).
    Unset = 0,
    /// Compare-exchange and `fetch_sub` (the ctypes path).
    Atomic = 1,
    /// Plain loads and stores, every access made with the GIL held (the compiled path).
    Gil = 2,
}

static MODE: AtomicU8 = AtomicU8::new(Mode::Unset as u8);

/// The mode in force.
#[inline(always)]
pub fn mode() -> Mode {
    match MODE.load(Ordering::Acquire) {
        1 => Mode::Atomic,
        2 => Mode::Gil,
        _ => Mode::Unset,
    }
}

/// Choose the mode for the life of the process: `Ok` when `mode` is (now) the mode in force,
/// `Err(the other)` when the other mode was claimed first. Claiming `Unset` claims nothing.
pub fn claim(mode: Mode) -> Result<(), Mode> {
    if mode == Mode::Unset {
        return Ok(());
    }
    match MODE.compare_exchange(
        Mode::Unset as u8,
        mode as u8,
        Ordering::AcqRel,
        Ordering::Acquire,
    ) {
        Ok(_) => Ok(()),
        Err(now) if now == mode as u8 => Ok(()),
        Err(_) => Err(self::mode()),
    }
}

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

/// What entering or taking a guard answers: the handle, or `Err(state)` when it is closed.
pub type Entry = Result<*mut c_void, usize>;

/// After a call left or a close: whether the caller frees the handle now.
#[inline(always)]
fn last_out(before: usize) -> bool {
    before & CLOSED != 0 && before / CALL == 1
}

/// The state after closing `state` (`consumed`: a call took the value).
#[inline(always)]
fn closed(state: usize, consumed: bool) -> usize {
    state | if consumed { CLOSED | CONSUMED } else { CLOSED }
}

impl Guard {
    // Atomic mode: every change is one read-modify-write.

    /// Count a call in: the handle, or `Err(state)` when the guard is closed.
    #[inline(always)]
    pub fn enter(&self) -> Entry {
        self.update(|state| state + CALL)
    }

    /// Count a call in and close the guard as consumed, in one step (a call taking the value):
    /// the handle, or `Err(state)` when it is closed. Of several threads taking one guard at once,
    /// exactly one gets the handle.
    #[inline(always)]
    pub fn take(&self) -> Entry {
        self.update(|state| closed(state + CALL, true))
    }

    #[inline(always)]
    fn update(&self, next: impl Fn(usize) -> usize) -> Entry {
        let mut state = self.state.load(Ordering::Relaxed);
        loop {
            if state & CLOSED != 0 {
                return Err(state);
            }
            match self.state.compare_exchange_weak(
                state,
                next(state),
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
        last_out(self.state.fetch_sub(CALL, Ordering::AcqRel))
    }

    /// Close the guard (`consumed`: a call took the value): true when the caller must free the
    /// handle now (this call closed it and no call is in progress). Closing twice does nothing.
    pub fn close(&self, consumed: bool) -> bool {
        let mut state = self.state.load(Ordering::Relaxed);
        loop {
            if state & CLOSED != 0 {
                // Already closed (its reason stays).
                return false;
            }
            match self.state.compare_exchange_weak(
                state,
                closed(state, consumed),
                Ordering::AcqRel,
                Ordering::Relaxed,
            ) {
                Ok(_) => return state / CALL == 0,
                Err(now) => state = now,
            }
        }
    }

    // GIL mode: a load and a store. `Relaxed` atomics compile to plain moves; the GIL orders them
    // (taking and releasing it synchronizes), so they never race.

    /// [`Guard::enter`] in GIL mode.
    ///
    /// # Safety
    /// The process is in GIL mode and the caller holds the GIL.
    #[inline(always)]
    pub unsafe fn enter_gil(&self) -> Entry {
        let state = self.state.load(Ordering::Relaxed);
        if state & CLOSED != 0 {
            return Err(state);
        }
        self.state.store(state + CALL, Ordering::Relaxed);
        Ok(self.handle)
    }

    /// [`Guard::take`] in GIL mode.
    ///
    /// # Safety
    /// As [`Guard::enter_gil`].
    #[inline(always)]
    pub unsafe fn take_gil(&self) -> Entry {
        let state = self.state.load(Ordering::Relaxed);
        if state & CLOSED != 0 {
            return Err(state);
        }
        self.state
            .store(closed(state + CALL, true), Ordering::Relaxed);
        Ok(self.handle)
    }

    /// [`Guard::leave`] in GIL mode.
    ///
    /// # Safety
    /// As [`Guard::enter_gil`], and this call entered the guard.
    #[inline(always)]
    pub unsafe fn leave_gil(&self) -> bool {
        let before = self.state.load(Ordering::Relaxed);
        self.state.store(before - CALL, Ordering::Relaxed);
        last_out(before)
    }

    /// [`Guard::close`] in GIL mode.
    ///
    /// # Safety
    /// As [`Guard::enter_gil`].
    pub unsafe fn close_gil(&self, consumed: bool) -> bool {
        let state = self.state.load(Ordering::Relaxed);
        if state & CLOSED != 0 {
            return false;
        }
        self.state.store(closed(state, consumed), Ordering::Relaxed);
        state / CALL == 0
    }
}

/// `interop_guard_mode(mode)`: claim `mode` (1 atomic, 2 GIL; 0 claims nothing) and answer the
/// mode in force (0 unset, 1 atomic, 2 GIL). The package claims atomic mode at import when it does
/// not run on the compiled path; `interop_python_init` claims GIL mode.
#[unsafe(no_mangle)]
pub extern "C" fn interop_guard_mode(mode: u8) -> u8 {
    let wanted = match mode {
        1 => Mode::Atomic,
        2 => Mode::Gil,
        _ => Mode::Unset,
    };
    let _ = claim(wanted);
    self::mode() as u8
}

/// The guard operations of the mode in force, for the exported functions.
///
/// # Safety
/// In GIL mode the caller holds the GIL (the package calls these through `ctypes.PyDLL`).
#[inline(always)]
unsafe fn with_mode<T>(atomic: impl FnOnce() -> T, gil: impl FnOnce() -> T) -> T {
    if mode() == Mode::Gil { gil() } else { atomic() }
}

/// `interop_guard_enter(guard)`: the handle, counted in; NULL when the guard is closed (or NULL).
///
/// # Safety
/// `guard` is NULL or a live `_Guard`; in GIL mode the GIL is held.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_guard_enter(guard: *const Guard) -> *mut c_void {
    // SAFETY: the caller's word.
    let Some(g) = (unsafe { guard.as_ref() }) else {
        return core::ptr::null_mut();
    };
    // SAFETY: the caller's word.
    unsafe { with_mode(|| g.enter(), || g.enter_gil()) }.unwrap_or(core::ptr::null_mut())
}

/// `interop_guard_take(guard)`: the handle, counted in, and the guard closed as consumed, in one
/// step; NULL when the guard is closed (or NULL).
///
/// # Safety
/// As [`interop_guard_enter`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_guard_take(guard: *const Guard) -> *mut c_void {
    // SAFETY: the caller's word.
    let Some(g) = (unsafe { guard.as_ref() }) else {
        return core::ptr::null_mut();
    };
    // SAFETY: the caller's word.
    unsafe { with_mode(|| g.take(), || g.take_gil()) }.unwrap_or(core::ptr::null_mut())
}

/// `interop_guard_leave(guard)`: counts a call out; true when the caller must free the handle.
///
/// # Safety
/// `guard` is a live `_Guard` this caller entered; in GIL mode the GIL is held.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_guard_leave(guard: *const Guard) -> bool {
    // SAFETY: the caller's word.
    let Some(g) = (unsafe { guard.as_ref() }) else {
        return false;
    };
    // SAFETY: the caller's word.
    unsafe { with_mode(|| g.leave(), || g.leave_gil()) }
}

/// `interop_guard_close(guard, consumed)`: closes the guard; true when the caller must free the
/// handle.
///
/// # Safety
/// `guard` is NULL or a live `_Guard`; in GIL mode the GIL is held.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn interop_guard_close(guard: *const Guard, consumed: bool) -> bool {
    // SAFETY: the caller's word.
    let Some(g) = (unsafe { guard.as_ref() }) else {
        return false;
    };
    // SAFETY: the caller's word.
    unsafe { with_mode(|| g.close(consumed), || g.close_gil(consumed)) }
}

#[cfg(test)]
#[path = "guard_tests.rs"]
mod tests;
