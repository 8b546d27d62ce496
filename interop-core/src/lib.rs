//! interop-core: mark a Rust API with `#[ffi]`, get a C ABI and an inventory that `cargo interop`
//! turns into C, C# and Python bindings.
//!
//! ```ignore
//! use interop_core::ffi;
//!
//! /// A vector.
//! #[ffi]
//! pub struct Vec2f32 { pub x: f32, pub y: f32, pub z: f32 }
//!
//! /// A function which does something with the vector.
//! #[ffi]
//! pub fn my_game_function(input: Option<&Vec2f32>) -> Vec2f32 {
//!     Vec2f32 { x: 2.0, y: 4.0, z: 6.0 }
//! }
//! ```

pub mod inventory;
pub mod model;
pub mod panic;
pub mod registry;
mod types;

pub use interop_core_macros::ffi;
pub use types::{FfiPointee, FfiType};

/// Used by the code `#[ffi]` generates. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::registry::{CONSTANTS, FUNCTIONS, Registry, TYPES};
    pub use linkme;
}
