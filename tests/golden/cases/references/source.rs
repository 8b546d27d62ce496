//! `&T` and `&mut T` parameters (never NULL: the shim checks), and a `&'static T` field.
use interop_core::ffi;

/// A vector.
#[ffi]
#[derive(Clone, Copy)]
pub struct Vec3 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// A struct holding a reference.
#[ffi]
#[derive(Clone, Copy)]
pub struct Anchor {
    pub origin: &'static Vec3,
    pub scale: f32,
}

static ORIGIN: Vec3 = Vec3 { x: 0.0, y: 0.0, z: 0.0 };

/// The dot product of two vectors read through references.
#[ffi]
pub fn vec3_dot(a: &Vec3, b: &Vec3) -> f32 {
    a.x * b.x + a.y * b.y + a.z * b.z
}

/// Normalizes a vector in place.
#[ffi]
pub fn vec3_normalize(v: &mut Vec3) {
    let n = (v.x * v.x + v.y * v.y + v.z * v.z).sqrt();
    if n > 0.0 {
        v.x /= n;
        v.y /= n;
        v.z /= n;
    }
}

/// Copies a number through references to primitives.
#[ffi]
pub fn copy_i32(from: &i32, to: &mut i32) {
    *to = *from;
}

/// An anchor at the origin.
#[ffi]
pub fn anchor_origin(scale: f32) -> Anchor {
    Anchor { origin: &ORIGIN, scale }
}
