//! The hello-world example of cargo-interop (the seed example, nearly as written).
//!
//! `cargo interop build --manifest-path examples/hello_world/Cargo.toml` generates C, C# and Python
//! bindings and packages for this library, as configured in `Interop.toml`.

use interop_core::ffi;

/// A simple vector.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vec2f32 {
    pub x: f32,
    pub y: f32,
    pub z: f32,
}

/// A function which does something with the vector.
#[ffi]
pub fn my_game_function(input: Option<&Vec2f32>) -> Vec2f32 {
    match input {
        Some(v) => Vec2f32 {
            x: v.x + 1.0,
            y: v.y + 2.0,
            z: v.z + 3.0,
        },
        None => Vec2f32 {
            x: 2.0,
            y: 4.0,
            z: 6.0,
        },
    }
}
