//! Constants of every type: exact integer literals at the extremes, floats that round-trip, NaN and
//! infinities, bools, enum-typed, computed and renamed constants.
use interop_core::ffi;

/// An enum for an enum-typed constant.
#[ffi]
#[repr(u8)]
#[derive(Clone, Copy)]
pub enum Level {
    Low = 1,
    High = 200,
}

/// Maximum number of players.
#[ffi]
pub const MAX_PLAYERS: u32 = 16;

/// Computed at compile time: 1 << 40.
#[ffi]
pub const COMPUTED: u64 = 1 << 40;

/// The largest u64.
#[ffi]
pub const BIG: u64 = u64::MAX;

/// The smallest i64 (no plain literal in C).
#[ffi]
pub const MIN_I64: i64 = i64::MIN;

/// The smallest i8.
#[ffi]
pub const MIN_I8: i8 = i8::MIN;

/// A negative constant.
#[ffi]
pub const NEGATIVE: i32 = -42;

/// A size.
#[ffi]
pub const PAGE: usize = 4096;

/// A signed size.
#[ffi]
pub const OFFSET: isize = -8;

/// Roughly pi.
#[ffi]
pub const PI_ISH: f64 = 3.14159;

/// One half, as f32.
#[ffi]
pub const HALF: f32 = 0.5;

/// A tiny double (needs an exponent).
#[ffi]
pub const TINY: f64 = 5e-324;

/// Not a number.
#[ffi]
pub const NOT_A_NUMBER: f64 = f64::NAN;

/// Negative infinity, as f32.
#[ffi]
pub const MINUS_INFINITY: f32 = f32::NEG_INFINITY;

/// A boolean constant.
#[ffi]
pub const ENABLED: bool = true;

/// An enum-typed constant.
#[ffi]
pub const DEFAULT_LEVEL: Level = Level::High;

/// `ORIGINAL_CONST` in Rust, `RENAMED_CONST` in the bindings.
#[ffi(name = "RENAMED_CONST")]
pub const ORIGINAL_CONST: u8 = 7;
