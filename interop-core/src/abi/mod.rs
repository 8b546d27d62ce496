//! The ABI contract: how every model type crosses the C ABI, decided once, in one place.
//!
//! A closed set of **shapes**, each backed by a `#[repr(C)]` Rust type in [`shapes`] whose size and
//! alignment the library measures and reports in the inventory's [target facts](crate::model::TargetFacts):
//!
//! | shape | Rust type | C spelling | owner |
//! |---|---|---|---|
//! | direct | the type itself (primitives, C-like enums, `#[repr(C)]` records) | the type | the value is copied |
//! | thin pointer | `&T`, `&mut T`, `Option<&T>`, `*const T`, `*mut T` | `T *` | the caller |
//! | handle | a pointer to an opaque type (later: services) | `T *` | see the type's destructor |
//! | borrowed view | [`View`], [`ViewMut`] | `{const T *ptr; size_t len;}` | the caller, for the call |
//! | owned buffer | [`Buffer`] | `{T *ptr; size_t len; size_t cap;}` | the library: freed by its free function |
//! | option | [`OptionAbi`] | `{uint8_t is_some; T value;}` | as for `T` |
//! | result | [`ResultAbi`] | `{uint8_t status; union {T ok; E err;} value;}` | as for `T` / `E` |
//! | callback | [`CallbackAbi`] | `{call, void *context, void (*drop)(void *)}` | the receiver calls `drop` once |
//! | future handle | [`FutureHandle`] | `void *` | the library |
//! | serialized buffer | [`Serialized`] | an owned buffer of bytes | the library |
//!
//! [`classify`] maps a model type to its shape for the backends (language-neutral; each backend spells
//! each shape once). `docs/abi.md` is the one-page statement of this contract and `docs/adr/` records
//! the decisions behind it.

pub mod classify;
pub mod convert;
pub mod layout;
pub mod shapes;

pub use classify::AbiShape;
pub use convert::{Invalid, Lift, LiftError, Lower};
pub use shapes::{
    Buffer, CallbackAbi, FutureHandle, OptionAbi, ResultAbi, Serialized, Status, View, ViewMut,
};
