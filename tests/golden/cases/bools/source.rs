//! `bool` as a parameter, a return, a field, a pointee and a constant (one byte, 0 or 1).
use interop_core::ffi;

/// A flag next to a number.
#[ffi]
#[derive(Clone, Copy)]
pub struct Flagged {
    pub flag: bool,
    pub value: u32,
}

/// Logical not.
#[ffi]
pub fn negate(b: bool) -> bool {
    !b
}

/// Flips the flag.
#[ffi]
pub fn flagged_flip(f: Flagged) -> Flagged {
    Flagged { flag: !f.flag, ..f }
}

/// Sets the bool behind the reference.
#[ffi]
pub fn set_true(b: &mut bool) {
    *b = true;
}

/// A boolean constant.
#[ffi]
pub const ENABLED: bool = true;

/// Another one.
#[ffi]
pub const DISABLED: bool = false;
