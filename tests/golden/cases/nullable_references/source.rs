//! `Option<&T>` / `Option<&mut T>`: pointers that may be NULL, as parameters and returns.
use interop_core::ffi;

/// A vector.
#[ffi]
#[derive(Clone, Copy)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// The x coordinate, or 0 for NULL.
#[ffi]
pub fn vec3_x_or_zero(v: Option<&Vec3>) -> f32 {
    v.map_or(0.0, |v| v.x)
}

/// Resets the vector if one is given; returns whether it was.
#[ffi]
pub fn vec3_reset(v: Option<&mut Vec3>) -> bool {
    match v {
        Some(v) => {
            *v = Vec3 { x: 0.0, y: 0.0, z: 0.0 };
            true
        }
        None => false,
    }
}

/// The longer of two vectors (by x), or NULL when both are NULL.
#[ffi]
pub fn vec3_pick<'a>(a: Option<&'a Vec3>, b: Option<&'a Vec3>) -> Option<&'a Vec3> {
    a.or(b)
}

/// A counter through an optional mutable reference to a number.
#[ffi]
pub fn bump_if(counter: Option<&mut u32>) {
    if let Some(c) = counter {
        *c += 1;
    }
}
