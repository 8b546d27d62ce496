//! interop-core: mark a Rust API with `#[ffi]`, get a C ABI and an inventory that `cargo interop`
//! turns into C, C# and Python bindings.
//!
//! ```
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
//!
//! // The Rust function is still there for Rust callers, and the item is in the inventory.
//! assert_eq!(my_game_function(None).y, 4.0);
//! let inventory = interop_core::inventory::inventory();
//! assert!(inventory.functions.iter().any(|f| f.symbol == "my_game_function"));
//! ```

// Lets the code `#[ffi]` generates (which names `::interop_core`) compile inside this crate's own tests.
extern crate self as interop_core;

pub mod abi;
pub mod inventory;
pub mod model;
pub mod panic;
pub mod registry;
mod types;

#[cfg(test)]
mod tests;

pub use interop_core_macros::ffi;
pub use types::{FfiConst, FfiPointee, FfiType};

/// Used by the code `#[ffi]` generates. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::registry::{
        CONSTANTS, ConstantDesc, FUNCTIONS, FieldDesc, FunctionDesc, ParamDesc, Registry, TYPES,
        TypeDesc, TypeKindDesc, VariantDesc, docs,
    };
    pub use linkme;

    /// Whether `symbol` is one of [`crate::model::RESERVED_SYMBOLS`] (usable in const context, so
    /// `#[ffi]` turns a clash into a compile error instead of a duplicate-symbol link error).
    pub const fn is_reserved(symbol: &str) -> bool {
        let reserved = crate::model::RESERVED_SYMBOLS;
        let mut i = 0;
        while i < reserved.len() {
            if str_eq(reserved[i], symbol) {
                return true;
            }
            i += 1;
        }
        false
    }

    pub use std::panic::{AssertUnwindSafe, catch_unwind};

    /// The body of every shim: runs `f`, and on a panic records it for `function` and returns
    /// `panic_value()` (the return type's [`FfiType::panic_value`](crate::FfiType::panic_value), passed
    /// by the shim so that an unsupported return type is reported once, at the type). Inlined, so the
    /// happy path of a shim is the call itself (the landing pad sits out of line).
    #[inline(always)]
    pub fn call<R>(function: &'static str, f: impl FnOnce() -> R, panic_value: fn() -> R) -> R {
        // The result goes to a local of its own rather than through `catch_unwind`'s return value:
        // that one shares a union with the closure inside std, which makes LLVM rebuild a struct
        // returned in registers through the stack (measured: 14 instructions instead of 3 for a
        // 12-byte struct). With the local, the happy path compiles to the user's function alone.
        let mut result = None;
        let outcome = catch_unwind(AssertUnwindSafe(|| result = Some(f())));
        match outcome {
            Ok(()) => match result {
                Some(value) => value,
                None => panic_value(),
            },
            Err(payload) => {
                crate::panic::record_panic(function, payload);
                panic_value()
            }
        }
    }

    use crate::model::{ConstValue, TypeRef};

    /// Records the error for a NULL passed where a reference is required and returns the shim's
    /// panic value. Out of line and called in tail position, so the shim's happy path keeps only the
    /// NULL test (no stack frame for a call it does not make). `extern "C"` makes it non-unwinding
    /// (an unwind would abort), so the shim needs no abort guard around the call and can jump to it.
    #[cold]
    #[inline(never)]
    #[allow(improper_ctypes_definitions)]
    pub extern "C" fn null_argument<R>(
        param: &'static str,
        function: &'static str,
        panic_value: fn() -> R,
    ) -> R {
        crate::panic::record(
            function,
            format!("argument `{param}` of `{function}` must not be null"),
        );
        panic_value()
    }

    /// `a == b`, usable in constants (checks of `#[ffi] impl` blocks).
    pub const fn str_eq(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }

    /// The type and value of an `#[ffi]` constant.
    pub fn constant<T: crate::FfiConst>(value: T, reg: &mut Registry) -> (TypeRef, ConstValue) {
        (T::describe(reg), value.const_value())
    }
}
