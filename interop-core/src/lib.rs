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
mod macros;
mod macros_data_enum;
mod macros_enum;
mod macros_function;
mod macros_record;
mod macros_service;
pub mod model;
pub mod panic;
mod panic_hook;
pub mod python;
pub mod registry;
pub mod service;
mod shim;
pub mod symbols;
mod types;

#[cfg(test)]
mod tests;

pub use abi::{Lift, Lower};
pub use interop_core_macros::ffi;
#[doc(hidden)]
pub use types::ArgKeep;
pub use types::{FfiConst, FfiOwner, FfiPointee, FfiType};

/// Used by the code `#[ffi]` generates. Not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::registry::{
        CONSTANTS, ConstantDesc, FUNCTIONS, FieldDesc, FunctionDesc, ParamDesc, Registry, TYPES,
        TypeDesc, TypeKindDesc, VariantDesc, docs,
    };
    pub use crate::shim::{
        MAX_PARAMS, call0, call1, call2, call3, call4, call5, call6, call7, call8, call9, call10,
        call11, call12, call13, call14, call15, call16, checked_symbol, guard, is_reserved,
        lift_failed, lifts_failed, str_eq, take_lifted,
    };
    /// The per-signature expansion of closures with borrowed parameters.
    pub mod callback_args {
        pub use crate::abi::callback::{returned, returned_in_slot};
        pub use crate::abi::convert::callback_args::*;
        pub use crate::abi::convert::callback_optional_refs::*;
        pub use crate::abi::convert::callback_slices::*;
        pub use crate::abi::convert::{HeldMut, HeldRef, describe_c_compatible, describe_callback};
        pub use core::mem::MaybeUninit;
    }

    use crate::model::{ConstValue, PointerKind, Primitive, TypeRef};

    /// The owned copy of a value a method returns borrowed from its object (`&[T]`, `&str`,
    /// `&CStr`): what the method's `_copy` export returns, made while the object is still locked
    /// (ADR 31).
    pub trait OwnedCopy {
        /// The owned type (`Vec<T>`, `String`).
        type Owned;
        /// The copy.
        fn owned_copy(self) -> Self::Owned;
    }

    impl<T: Clone> OwnedCopy for &[T] {
        type Owned = Vec<T>;
        #[inline]
        fn owned_copy(self) -> Vec<T> {
            self.to_vec()
        }
    }

    impl OwnedCopy for &str {
        type Owned = String;
        #[inline]
        fn owned_copy(self) -> String {
            self.to_owned()
        }
    }

    /// Text that is not UTF-8 is copied with U+FFFD in place of each invalid sequence (C# and
    /// Python decode a returned `&'static CStr` the same way).
    impl OwnedCopy for &core::ffi::CStr {
        type Owned = String;
        #[inline]
        fn owned_copy(self) -> String {
            self.to_string_lossy().into_owned()
        }
    }

    /// Describes `*const c_char` (`MUTABLE = false`) or `*mut c_char`: `c_char` is an alias of `i8`
    /// or `u8`, so `#[ffi]` recognises it by name and describes it as a C `char`.
    pub fn describe_c_char_pointer<const MUTABLE: bool>(_: &mut Registry) -> TypeRef {
        TypeRef::pointer(
            TypeRef::primitive(Primitive::CChar),
            MUTABLE,
            PointerKind::Raw,
        )
    }

    /// The type and value of an `#[ffi]` constant.
    pub fn constant<T: crate::FfiConst>(value: T, reg: &mut Registry) -> (TypeRef, ConstValue) {
        (T::describe(reg), value.const_value())
    }
}
