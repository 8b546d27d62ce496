//! `#[ffi(module = "…")]` on functions, constants and types, next to top-level items.
use interop_core::ffi;

/// A top-level type.
#[ffi]
#[derive(Clone, Copy)]
pub struct Version {
    pub major: u16,
    pub minor: u16,
}

/// An angle, in the `geometry` module.
#[ffi(module = "geometry")]
#[derive(Clone, Copy)]
pub struct Angle {
    pub radians: f64,
}

/// A top-level function.
#[ffi]
pub fn version() -> Version {
    Version { major: 1, minor: 0 }
}

/// Clamps `x` to `[lo, hi]`, in the `math` module.
#[ffi(module = "math")]
pub fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

/// Turns an angle around, in the `geometry` module.
#[ffi(module = "geometry")]
pub fn angle_flip(a: Angle) -> Angle {
    Angle { radians: -a.radians }
}

/// A top-level constant.
#[ffi]
pub const ANSWER: u32 = 42;

/// Tau, in the `math` module.
#[ffi(module = "math")]
pub const TAU: f64 = 6.283185307179586;

/// A right angle, in the `geometry` module.
#[ffi(module = "geometry")]
pub const RIGHT_ANGLE: f64 = 1.5707963267948966;
