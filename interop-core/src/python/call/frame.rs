//! What the arguments of one call keep alive or must release after the shim returned.

use core::ffi::{c_int, c_void};
use core::mem::MaybeUninit;

use crate::python::convert::service::Entered;
use crate::python::ffi::{self, PyObject, api};
use crate::shim::MAX_PARAMS;

/// Frees what a frame owns until the shim is called (see [`Frame::until_called`]).
pub type FreeFn = unsafe fn(*mut c_void);

/// What the arguments of one call keep alive or must release after the shim returned (buffers of
/// borrowed views, temporary objects). Empty, and free, for most calls.
///
/// A frame lives on the stack of the entry and is never moved once it holds a buffer: the
/// `Py_buffer`s stay where the exporter filled them until they are released.
pub struct Frame {
    objects: Vec<*mut PyObject>,
    buffers: [MaybeUninit<ffi::PyBuffer>; MAX_PARAMS],
    /// How many of `buffers` are exported (the first ones).
    held: usize,
    /// The guards of service arguments this call entered (the first `entered`), left after it.
    guards: [MaybeUninit<Entered>; MAX_PARAMS],
    entered: usize,
    /// What the shim takes over once it is called (closure contexts), with how to free it when
    /// the call never happens (an argument after it did not convert).
    unclaimed: Vec<(*mut c_void, FreeFn)>,
    /// What to call once the shim returned, `(function, argument)` (a list passed as `&mut [T]`
    /// gets the elements written: the package's `_write_back(view)`); both kept alive by the
    /// conversion and the frame. Never called when the call does not happen.
    after: Vec<(*mut PyObject, *mut PyObject)>,
}

impl Frame {
    pub fn new() -> Self {
        Frame {
            objects: Vec::new(),
            buffers: [const { MaybeUninit::uninit() }; MAX_PARAMS],
            held: 0,
            guards: [const { MaybeUninit::uninit() }; MAX_PARAMS],
            entered: 0,
            unclaimed: Vec::new(),
            after: Vec::new(),
        }
    }

    /// Call `function(argument)` once the shim returned (see [`Frame::called`]).
    pub fn after_call(&mut self, function: *mut PyObject, argument: *mut PyObject) {
        self.after.push((function, argument));
    }

    /// The shim returned and `out` is the call's result (NULL with an exception set): run what
    /// [`Frame::after_call`] registered, as the ctypes path's `finally` does. An exception one of
    /// them raises replaces the result (or the exception already set).
    ///
    /// # Safety
    /// The GIL is held; `out` is a new reference or NULL.
    #[inline(always)]
    pub unsafe fn called(&mut self, out: *mut PyObject) -> *mut PyObject {
        if self.after.is_empty() {
            out
        } else {
            // SAFETY: forwarded.
            unsafe { self.run_after(out) }
        }
    }

    #[cold]
    #[inline(never)]
    unsafe fn run_after(&mut self, mut out: *mut PyObject) -> *mut PyObject {
        let api = api();
        for (function, argument) in core::mem::take(&mut self.after) {
            // SAFETY: the GIL is held; both objects are alive (see `after`); each result is
            // checked and released once.
            unsafe {
                let mut pending = [core::ptr::null_mut(); 3];
                if out.is_null() {
                    (api.PyErr_Fetch)(&mut pending[0], &mut pending[1], &mut pending[2]);
                }
                let args = [argument];
                let done = crate::python::vectorcall::call(api, function, 0, args.as_ptr(), 1);
                if done.is_null() {
                    if !out.is_null() {
                        (api.Py_DecRef)(out);
                        out = core::ptr::null_mut();
                    }
                    for o in pending.into_iter().filter(|o| !o.is_null()) {
                        (api.Py_DecRef)(o);
                    }
                } else {
                    (api.Py_DecRef)(done);
                    if out.is_null() {
                        (api.PyErr_Restore)(pending[0], pending[1], pending[2]);
                    }
                }
            }
        }
        out
    }

    /// Own `value` until the shim is called (it takes it over then); freed with `free` (GIL
    /// held) when the call does not happen.
    pub fn until_called(&mut self, value: *mut c_void, free: FreeFn) {
        self.unclaimed.push((value, free));
    }

    /// Every argument converted: the shim is called next and takes over what it owns.
    #[inline(always)]
    pub(super) fn claimed(&mut self) {
        if !self.unclaimed.is_empty() {
            self.unclaimed.clear();
        }
    }

    /// Keep a new reference until the call is over.
    pub fn keep(&mut self, object: *mut PyObject) {
        self.objects.push(object);
    }

    /// Export the buffer of `obj` (`PyObject_GetBuffer` with `flags`) until the call is over; `None`
    /// with the exporter's exception set when it refuses.
    ///
    /// # Safety
    /// The GIL is held; `obj` is live and outlives the call.
    pub unsafe fn export(&mut self, obj: *mut PyObject, flags: c_int) -> Option<&ffi::PyBuffer> {
        if self.held == MAX_PARAMS {
            // One buffer per parameter at most: unreachable.
            return None;
        }
        let slot = self.buffers[self.held].as_mut_ptr();
        // SAFETY: `slot` is storage for a `Py_buffer` that stays in place (see the type docs).
        if unsafe { (api().PyObject_GetBuffer)(obj, slot, flags) } != 0 {
            return None;
        }
        self.held += 1;
        // SAFETY: filled by the exporter.
        Some(unsafe { &*slot })
    }

    /// Leave `entered` after the call (a service argument's guard, see `convert::service`).
    pub fn entered(&mut self, entered: Entered) {
        if self.entered < MAX_PARAMS {
            self.guards[self.entered].write(entered);
            self.entered += 1;
        }
    }

    /// Release the buffer exported last (it did not fit the parameter).
    ///
    /// # Safety
    /// The GIL is held; [`Frame::export`] succeeded last.
    pub unsafe fn release_last(&mut self) {
        self.held -= 1;
        // SAFETY: an exported buffer, released once.
        unsafe { (api().PyBuffer_Release)(self.buffers[self.held].as_mut_ptr()) };
    }

    /// Release everything (with the GIL held): the guards of service arguments first (freeing a
    /// handle whose object was closed meanwhile), then the buffers and the objects. Called after
    /// the call and again on drop: for most calls (nothing held, at most a few guards) a few
    /// compares, the rest out of line.
    #[inline(always)]
    pub(super) fn release(&mut self) {
        if !self.unclaimed.is_empty() {
            self.release_unclaimed();
        }
        if !self.after.is_empty() {
            self.after.clear();
        }
        while self.entered > 0 {
            self.entered -= 1;
            // SAFETY: written by `entered`, left once.
            unsafe { self.guards[self.entered].assume_init_read().leave() };
        }
        if !self.objects.is_empty() || self.held != 0 {
            self.release_held();
        }
    }

    #[cold]
    #[inline(never)]
    fn release_unclaimed(&mut self) {
        for (value, free) in self.unclaimed.drain(..) {
            // SAFETY: never handed to the shim; freed once, with the GIL held (see below).
            unsafe { free(value) };
        }
    }

    #[inline(never)]
    fn release_held(&mut self) {
        // SAFETY: a frame lives inside an entry, which runs with the GIL held (the GIL is taken
        // back before the frame is released); each object and buffer was acquired once.
        unsafe {
            while self.held > 0 {
                self.release_last();
            }
            for o in self.objects.drain(..) {
                (api().Py_DecRef)(o);
            }
        }
    }
}

impl Default for Frame {
    fn default() -> Self {
        Frame::new()
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        self.release();
    }
}
