//! Validation at the boundary, seen from Rust: the shims are called through their C ABI with values
//! that are not values of the Rust types (a `bool` byte of 2, an enum value that is no discriminant,
//! NULL for a reference, and the same inside records), and report through the error channel without
//! calling the function. Every warning is denied.
#![deny(warnings)]

use core::mem::MaybeUninit;
use std::sync::atomic::{AtomicU32, Ordering};

use interop_core::ffi;

static CALLS: AtomicU32 = AtomicU32::new(0);

#[ffi]
#[repr(u16)]
#[derive(Clone, Copy)]
pub enum Mode {
    Off = 0,
    On = 7,
}

#[ffi]
#[derive(Clone, Copy)]
pub struct Settings {
    pub verbose: bool,
    pub mode: Mode,
    pub limit: &'static u32,
}

#[ffi]
pub fn count_bool(b: bool) -> u32 {
    CALLS.fetch_add(1, Ordering::SeqCst);
    u32::from(b)
}

#[ffi]
pub fn count_mode(m: Mode) -> u32 {
    CALLS.fetch_add(1, Ordering::SeqCst);
    m as u32
}

#[ffi]
pub fn count_settings(s: Settings) -> u32 {
    CALLS.fetch_add(1, Ordering::SeqCst);
    u32::from(s.verbose) + s.mode as u32 + *s.limit
}

#[ffi]
pub fn count_settings_at(s: &Settings) -> u32 {
    count_settings(*s)
}

unsafe extern "C" {
    #[link_name = "count_bool"]
    fn raw_bool(b: u8) -> u32;
    #[link_name = "count_mode"]
    fn raw_mode(m: u16) -> u32;
    #[link_name = "count_settings"]
    fn raw_settings(s: MaybeUninit<Settings>) -> u32;
    #[link_name = "count_settings_at"]
    fn raw_settings_at(s: *const MaybeUninit<Settings>) -> u32;
}

/// This thread's error, which must be a refused argument (kind 5, not a panic).
fn taken() -> String {
    let (kind, message) = interop_core::panic::take_error().expect("a message");
    assert_eq!(kind, interop_core::panic::ErrorKind::InvalidArgument, "{message}");
    message
}

/// `Settings` memory with `verbose`'s byte, `mode`'s value and `limit`'s pointer as given.
fn settings(verbose: u8, mode: u16, limit: *const u32) -> MaybeUninit<Settings> {
    let mut s = MaybeUninit::<Settings>::zeroed();
    let p = s.as_mut_ptr();
    // SAFETY: writing raw field memory of a zeroed, not yet valid record.
    unsafe {
        core::ptr::addr_of_mut!((*p).verbose).cast::<u8>().write(verbose);
        core::ptr::addr_of_mut!((*p).mode).cast::<u16>().write(mode);
        core::ptr::addr_of_mut!((*p).limit).cast::<*const u32>().write(limit);
    }
    s
}

fn main() {
    static LIMIT: u32 = 10;
    // SAFETY: the shims' C ABI, called with the raw representations of their parameters.
    unsafe {
        assert_eq!(raw_bool(1), 1);
        assert_eq!(raw_bool(2), 0);
        assert_eq!(taken(), "argument `b` of `count_bool`: 2 is not a bool (0 or 1)");
        assert_eq!(raw_mode(7), 7);
        assert_eq!(raw_mode(1), 0);
        assert_eq!(taken(), "argument `m` of `count_mode`: 1 is not a value of enum `Mode`");
        assert_eq!(raw_settings(settings(1, 7, &LIMIT)), 18);
        assert_eq!(raw_settings(settings(1, 3, &LIMIT)), 0);
        assert_eq!(
            taken(),
            "argument `s` of `count_settings`: field `mode`: 3 is not a value of enum `Mode`"
        );
        assert_eq!(raw_settings(settings(0, 0, core::ptr::null())), 0);
        assert_eq!(
            taken(),
            "argument `s` of `count_settings`: field `limit`: must not be null"
        );
        let bad = settings(9, 0, &LIMIT);
        assert_eq!(raw_settings_at(&bad), 0);
        assert_eq!(
            taken(),
            "argument `s` of `count_settings_at`: field `verbose`: 9 is not a bool (0 or 1)"
        );
        assert_eq!(raw_settings_at(core::ptr::null()), 0);
        assert_eq!(taken(), "argument `s` of `count_settings_at` must not be null");
    }
    // Only the valid calls reached the functions (`count_settings_at` calls `count_settings`).
    assert_eq!(CALLS.load(Ordering::SeqCst), 3);
    assert!(interop_core::panic::take().is_none());
}
