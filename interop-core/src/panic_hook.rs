//! Caught panics are quiet: the panic hook interop-core installs when the library is loaded does not
//! print a panic that a shim will catch (nor capture its backtrace), so a host with `RUST_BACKTRACE`
//! set does not get a backtrace on stderr, nor pay for one (about 79 ms per panic, measured), for a
//! panic that reaches it as an error. Every other panic goes to the hook that was installed before
//! (std's, by default), unchanged.
//!
//! Whether a shim will catch the panic is found on the panic's own (cold) path: the hook walks the
//! stack without symbolizing it and looks for a frame inside one of the library's shims (each
//! function's descriptor holds its shim's address). Shims themselves do nothing more per call.
//!
//! Opt in to the usual output (the message, and a backtrace when `RUST_BACKTRACE` asks for one)
//! with the environment variable `INTEROP_PRINT_PANICS=1`, read when the library is loaded.

use std::panic::PanicHookInfo;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Once, OnceLock};

type Hook = Box<dyn Fn(&PanicHookInfo<'_>) + Sync + Send + 'static>;

/// The hook that was installed before ours.
static PREVIOUS: OnceLock<Hook> = OnceLock::new();
/// `INTEROP_PRINT_PANICS` was set.
static PRINT: AtomicBool = AtomicBool::new(false);

/// Install the hook (once). Runs when the library is loaded (see `INSTALL` below) and again,
/// harmlessly, from `interop_panic_pending`. Nothing is allocated: the hook is a plain function and
/// the previous hook is kept as it was handed over.
pub fn install() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let print =
            std::env::var_os("INTEROP_PRINT_PANICS").is_some_and(|v| !v.is_empty() && v != "0");
        PRINT.store(print, Ordering::Relaxed);
        let _ = PREVIOUS.set(std::panic::take_hook());
        std::panic::set_hook(Box::new(hook));
    });
}

thread_local! {
    /// Depth of Rust closures called by foreign code on this thread (their trampolines catch).
    static IN_CLOSURE: core::cell::Cell<u32> = const { core::cell::Cell::new(0) };
}

/// Runs `f` as a Rust closure called by foreign code: a panic inside is caught by the trampoline,
/// so the hook keeps it quiet.
#[inline(always)]
pub(crate) fn in_closure<T>(f: impl FnOnce() -> T) -> T {
    struct Leave;
    impl Drop for Leave {
        fn drop(&mut self) {
            let _ = IN_CLOSURE.try_with(|d| d.set(d.get().saturating_sub(1)));
        }
    }
    let _ = IN_CLOSURE.try_with(|d| d.set(d.get() + 1));
    let _leave = Leave;
    f()
}

fn caught_by_a_closure_trampoline() -> bool {
    IN_CLOSURE.try_with(|d| d.get() > 0).unwrap_or(false)
}

fn hook(info: &PanicHookInfo<'_>) {
    if (PRINT.load(Ordering::Relaxed) || !(caught_by_a_closure_trampoline() || caught_by_a_shim()))
        && let Some(previous) = PREVIOUS.get()
    {
        previous(info);
    }
}

extern "C" fn install_at_load() {
    install();
}

/// Run `install` when the library (or program) is loaded, before any shim can be called.
#[used]
#[cfg_attr(
    any(
        target_os = "linux",
        target_os = "android",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd",
        target_os = "dragonfly",
        target_os = "illumos",
        target_os = "solaris"
    ),
    unsafe(link_section = ".init_array")
)]
#[cfg_attr(
    any(target_os = "macos", target_os = "ios"),
    unsafe(link_section = "__DATA,__mod_init_func")
)]
#[cfg_attr(windows, unsafe(link_section = ".CRT$XCU"))]
static INSTALL: extern "C" fn() = install_at_load;

/// Whether `address` is the start of one of this library's shims (a linear scan of the
/// descriptors: the panic path only, and nothing is allocated).
fn is_shim(address: usize) -> bool {
    crate::registry::FUNCTIONS
        .iter()
        .any(|f| f.shim.address() == address || f.python_shim.address() == address)
}

#[cfg(unix)]
pub(crate) fn caught_by_a_shim() -> bool {
    use core::ffi::{c_int, c_void};

    type Trace = extern "C" fn(context: *mut c_void, found: *mut c_void) -> c_int;
    unsafe extern "C" {
        fn _Unwind_Backtrace(trace: Trace, arg: *mut c_void) -> c_int;
        fn _Unwind_GetIP(context: *mut c_void) -> usize;
        fn _Unwind_FindEnclosingFunction(pc: *mut c_void) -> *mut c_void;
    }
    const CONTINUE: c_int = 0; // _URC_NO_REASON
    const STOP: c_int = 4; // _URC_NORMAL_STOP

    extern "C" fn visit(context: *mut c_void, found: *mut c_void) -> c_int {
        // SAFETY: the unwinder passes a valid context for the frame being visited.
        let ip = unsafe { _Unwind_GetIP(context) };
        if ip == 0 {
            return CONTINUE;
        }
        // SAFETY: any address may be looked up; NULL comes back when it is in no known function.
        let start = unsafe { _Unwind_FindEnclosingFunction((ip - 1) as *mut c_void) } as usize;
        if start != 0 && is_shim(start) {
            // SAFETY: `found` is the `bool` `caught_by_a_shim` passes.
            unsafe { *found.cast::<bool>() = true };
            return STOP;
        }
        CONTINUE
    }

    let mut found = false;
    // SAFETY: `visit` matches the unwinder's callback type and only writes to `found`.
    unsafe { _Unwind_Backtrace(visit, (&raw mut found).cast()) };
    found
}

/// Without the unwinder's C interface the hook cannot tell: every panic is reported as before.
#[cfg(not(unix))]
pub(crate) fn caught_by_a_shim() -> bool {
    false
}
