//! The non-generic parts of a call: binding positional and keyword arguments to the parameters,
//! converting each into its slot, and after the shim returned, the error channel and the result.
//!
//! Errors read like CPython's own: `add_u8() missing 1 required positional argument: 'b'`,
//! `add_u8() got an unexpected keyword argument 'c'`, `add_u8() argument 'a' must be int, not str`,
//! `add_u8() argument 'a' is out of range for u8 (0 to 255)`; the package's ctypes path raises the
//! same.

use core::ffi::{c_int, c_void};
use core::mem::MaybeUninit;
use std::sync::OnceLock;

use super::convert::{Arg, ArgError};
use super::ffi::{self, ARGUMENTS_OFFSET, PyObject, api};
use super::function::{FunctionData, c_text};
use crate::shim::MAX_PARAMS;

/// The objects of the interpreter the conversions compare with or raise (static objects of
/// CPython, alive for the process).
pub struct Builtins {
    pub none: *mut PyObject,
    pub true_: *mut PyObject,
    pub false_: *mut PyObject,
    pub int_type: *mut PyObject,
    pub float_type: *mut PyObject,
    pub str_type: *mut PyObject,
    pub bytes_type: *mut PyObject,
    pub type_error: *mut PyObject,
    pub overflow_error: *mut PyObject,
    pub value_error: *mut PyObject,
    pub runtime_error: *mut PyObject,
    pub empty_tuple: *mut PyObject,
}

// SAFETY: immortal (static) objects, used only with the GIL held.
unsafe impl Send for Builtins {}
// SAFETY: as above.
unsafe impl Sync for Builtins {}

pub(super) static BUILTINS: OnceLock<Builtins> = OnceLock::new();

/// The installed [`Builtins`] (reachable only once the init installed them, like [`api`]).
#[inline(always)]
pub fn builtins() -> &'static Builtins {
    match BUILTINS.get() {
        Some(b) => b,
        None => std::process::abort(),
    }
}

/// Frees what a frame owns until the shim is called (see [`Frame::until_called`]).
pub type FreeFn = unsafe fn(*mut c_void);

/// One parameter of a function.
pub struct Param {
    /// The Python name (for keywords and messages).
    pub name: String,
    /// The same, interned: keyword names of a call compare by identity first.
    pub key: *mut PyObject,
    /// What a wrong type is told it must be (`int`, `Vec2f32 or None`).
    pub expected: String,
    pub conv: Box<dyn Arg>,
}

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
    guards: [MaybeUninit<super::convert::service::Entered>; MAX_PARAMS],
    entered: usize,
    /// What the shim takes over once it is called (closure contexts), with how to free it when
    /// the call never happens (an argument after it did not convert).
    unclaimed: Vec<(*mut c_void, FreeFn)>,
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
        }
    }

    /// Own `value` until the shim is called (it takes it over then); freed with `free` (GIL
    /// held) when the call does not happen.
    pub fn until_called(&mut self, value: *mut c_void, free: FreeFn) {
        self.unclaimed.push((value, free));
    }

    /// Every argument converted: the shim is called next and takes over what it owns.
    #[inline(always)]
    fn claimed(&mut self) {
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
    pub fn entered(&mut self, entered: super::convert::service::Entered) {
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
    /// handle whose object was closed meanwhile), then the buffers and the objects.
    fn release(&mut self) {
        for (value, free) in self.unclaimed.drain(..) {
            // SAFETY: never handed to the shim; freed once, with the GIL held (see below).
            unsafe { free(value) };
        }
        while self.entered > 0 {
            self.entered -= 1;
            // SAFETY: written by `entered`, left once.
            unsafe { self.guards[self.entered].assume_init_read().leave() };
        }
        if self.objects.is_empty() && self.held == 0 {
            return;
        }
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

/// Bind `args` (`nargsf` positional ones, then one per name of `kwnames`) to the parameters of
/// `f` and convert each into its slot. On failure an exception is set and `false` returned.
///
/// # Safety
/// The vectorcall arguments as CPython passed them; `slots[i]` is writable storage for the ABI
/// value of parameter `i` (as checked at init).
#[inline]
pub unsafe fn arguments(
    f: &FunctionData,
    args: *const *mut PyObject,
    nargsf: usize,
    kwnames: *mut PyObject,
    slots: &[*mut u8],
    frame: &mut Frame,
) -> bool {
    let nargs = nargsf & !ARGUMENTS_OFFSET;
    let n = f.params.len();
    if kwnames.is_null() && nargs == n {
        for (i, p) in f.params.iter().enumerate() {
            // SAFETY: `nargs` arguments, one slot per parameter.
            unsafe {
                let arg = *args.add(i);
                if let Err(e) = p.conv.lower(arg, slots[i], frame) {
                    return raise_arg(f, p, arg, e);
                }
            }
        }
        frame.claimed();
        return true;
    }
    // SAFETY: forwarded.
    let bound = unsafe { bind_slow(f, args, nargs, kwnames, slots, frame) };
    if bound {
        frame.claimed();
    }
    bound
}

/// Keywords, or a wrong count: gather the arguments by parameter first.
#[cold]
unsafe fn bind_slow(
    f: &FunctionData,
    args: *const *mut PyObject,
    nargs: usize,
    kwnames: *mut PyObject,
    slots: &[*mut u8],
    frame: &mut Frame,
) -> bool {
    let n = f.params.len();
    if nargs > n {
        let given = if nargs == 1 { "was" } else { "were" };
        return raise_type_error(&format!(
            "{}() takes {} positional argument{} but {nargs} {given} given",
            f.display,
            n,
            if n == 1 { "" } else { "s" }
        ));
    }
    let mut bound: [*mut PyObject; 16] = [core::ptr::null_mut(); 16];
    for (i, b) in bound.iter_mut().enumerate().take(nargs) {
        // SAFETY: `nargs` positional arguments.
        *b = unsafe { *args.add(i) };
    }
    if !kwnames.is_null() {
        // SAFETY: `kwnames` is a tuple of str, one per value after the positional ones.
        let nkw = unsafe { (api().PyTuple_Size)(kwnames) }.max(0) as usize;
        for k in 0..nkw {
            // SAFETY: in range; borrowed references.
            let (key, value) = unsafe {
                (
                    (api().PyTuple_GetItem)(kwnames, k as isize),
                    *args.add(nargs + k),
                )
            };
            // SAFETY: `key` is a str.
            let Some(i) = (unsafe { find_keyword(f, key) }) else {
                // SAFETY: the GIL is held.
                let name = unsafe { py_text(key) };
                return raise_type_error(&format!(
                    "{}() got an unexpected keyword argument '{name}'",
                    f.display
                ));
            };
            if !bound[i].is_null() {
                return raise_type_error(&format!(
                    "{}() got multiple values for argument '{}'",
                    f.display, f.params[i].name
                ));
            }
            bound[i] = value;
        }
    }
    let missing: Vec<&str> = f
        .params
        .iter()
        .zip(&bound)
        .filter(|(_, b)| b.is_null())
        .map(|(p, _)| p.name.as_str())
        .collect();
    if !missing.is_empty() {
        return raise_type_error(&format!(
            "{}() missing {} required positional argument{}: {}",
            f.display,
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            quoted_list(&missing)
        ));
    }
    for (i, p) in f.params.iter().enumerate() {
        // SAFETY: every parameter is bound; one slot per parameter.
        unsafe {
            if let Err(e) = p.conv.lower(bound[i], slots[i], frame) {
                return raise_arg(f, p, bound[i], e);
            }
        }
    }
    true
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` (CPython's wording).
fn quoted_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// The parameter a keyword names: by identity (names are interned on both sides), else by value.
unsafe fn find_keyword(f: &FunctionData, key: *mut PyObject) -> Option<usize> {
    if let Some(i) = f.params.iter().position(|p| p.key == key) {
        return Some(i);
    }
    f.params.iter().position(|p| {
        // SAFETY: two str objects; Py_EQ is 2.
        let eq = unsafe { (api().PyObject_RichCompareBool)(p.key, key, 2) };
        if eq < 0 {
            // SAFETY: the GIL is held.
            unsafe { (api().PyErr_Clear)() };
        }
        eq == 1
    })
}

/// The text of a str (or its `str()`), for messages.
///
/// # Safety
/// The GIL is held; `o` is live.
pub unsafe fn py_text(o: *mut PyObject) -> String {
    // SAFETY: see the function docs; every result is checked.
    unsafe {
        let s = (api().PyObject_Str)(o);
        if s.is_null() {
            (api().PyErr_Clear)();
            return "?".to_string();
        }
        let mut len = 0isize;
        let p = (api().PyUnicode_AsUTF8AndSize)(s, &mut len);
        let text = if p.is_null() {
            (api().PyErr_Clear)();
            "?".to_string()
        } else {
            String::from_utf8_lossy(core::slice::from_raw_parts(p.cast::<u8>(), len as usize))
                .into_owned()
        };
        (api().Py_DecRef)(s);
        text
    }
}

/// Raise the error of a conversion of argument `arg` for parameter `p`.
#[cold]
#[inline(never)]
unsafe fn raise_arg(f: &FunctionData, p: &Param, arg: *mut PyObject, e: ArgError) -> bool {
    let b = builtins();
    let message = match e {
        ArgError::Raised => return false,
        ArgError::Type => {
            let actual = if arg == b.none {
                "None".to_string()
            } else {
                // SAFETY: a live argument.
                unsafe { ffi::type_name(arg) }
            };
            (
                b.type_error,
                format!(
                    "{}() argument '{}' must be {}, not {actual}",
                    f.display, p.name, p.expected
                ),
            )
        }
        ArgError::Range(range) => (
            b.overflow_error,
            format!(
                "{}() argument '{}' is out of range for {range}",
                f.display, p.name
            ),
        ),
        ArgError::Value(why) => (
            b.value_error,
            format!("{}() argument '{}': {why}", f.display, p.name),
        ),
    };
    // SAFETY: the GIL is held.
    unsafe { raise(message.0, &message.1) };
    false
}

/// Set `exception` with `message`.
///
/// # Safety
/// The GIL is held; `exception` is an exception class.
pub unsafe fn raise(exception: *mut PyObject, message: &str) {
    // SAFETY: see the function docs.
    unsafe {
        let text = super::function::str_object(message);
        if text.is_null() {
            // Not UTF-8-representable: fall back to the C string API (NULs removed).
            (api().PyErr_Clear)();
            (api().PyErr_SetString)(exception, c_text(message).as_ptr());
            return;
        }
        (api().PyErr_SetObject)(exception, text);
        (api().Py_DecRef)(text);
    }
}

#[cold]
fn raise_type_error(message: &str) -> bool {
    // SAFETY: called from an entry, with the GIL held.
    unsafe { raise(builtins().type_error, message) };
    false
}

/// Release the GIL (`Py_BEGIN_ALLOW_THREADS`).
///
/// # Safety
/// The GIL is held by this thread.
#[inline(always)]
pub unsafe fn release_gil() -> *mut c_void {
    // SAFETY: see the function docs.
    unsafe { (api().PyEval_SaveThread)() }
}

/// Take the GIL back (`Py_END_ALLOW_THREADS`).
///
/// # Safety
/// `state` comes from [`release_gil`] on this thread.
#[inline(always)]
pub unsafe fn restore_gil(state: *mut c_void) {
    // SAFETY: see the function docs.
    unsafe { (api().PyEval_RestoreThread)(state) }
}

/// After the shim returned: raise the exception of its kind (`RustPanic`, `ServiceInUseError`,
/// `ValueError`) when this call recorded an error (the shim then
/// returned its panic value, which is released unseen), else convert the result.
///
/// What the arguments held (`frame`) is released after the result is converted.
///
/// # Safety
/// `result` holds the shim's result, which this function takes over; the GIL is held.
#[inline]
pub unsafe fn finish(f: &FunctionData, result: *mut u8, frame: &mut Frame) -> *mut PyObject {
    let out = if crate::panic::pending_count() != 0 {
        // SAFETY: forwarded.
        unsafe { finish_pending(f, result) }
    } else {
        // SAFETY: forwarded.
        unsafe { f.ret.lift(result) }
    };
    frame.release();
    out
}

/// Some thread has an error pending: if it is this one's, this call failed.
#[cold]
unsafe fn finish_pending(f: &FunctionData, result: *mut u8) -> *mut PyObject {
    match crate::panic::take_error() {
        Some((kind, message)) => {
            use crate::panic::ErrorKind;
            let exception = match kind {
                ErrorKind::Panic => f.errors.panic,
                ErrorKind::ServiceBusy | ErrorKind::ServiceReentrant => f.errors.in_use,
                ErrorKind::ServiceConsumed => f.errors.consumed,
            };
            // SAFETY: the panic value is the shim's to release; then the exception is set: the
            // one a callback raised when the error stands for it (ADR 33), else the kind's.
            unsafe {
                f.ret.discard(result);
                if kind != ErrorKind::Panic || !super::callback::reraise() {
                    raise(exception, &message);
                }
            }
            core::ptr::null_mut()
        }
        // SAFETY: another thread's error: this call succeeded.
        None => unsafe { f.ret.lift(result) },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn missing_arguments_are_listed_as_cpython_does() {
        assert_eq!(super::quoted_list(&["a"]), "'a'");
        assert_eq!(super::quoted_list(&["a", "b"]), "'a' and 'b'");
        assert_eq!(super::quoted_list(&["a", "b", "c"]), "'a', 'b', and 'c'");
    }
}
