//! The ABI contract: how every model type crosses the C ABI, decided once, in one place.
//!
//! A closed set of **shapes**, each backed by a `#[repr(C)]` Rust type in [`shapes`] whose size and
//! alignment the library measures and reports in the inventory's [target facts](crate::model::TargetFacts):
//!
//! | shape | Rust type | C spelling | `Lift::Abi` / `Lower::Abi` | owner |
//! |---|---|---|---|---|
//! | unit | `()` (returns) | `void` | `()` | — |
//! | primitive | `u8`…`u64`, `i8`…`i64`, `usize`, `isize`, `f32`, `f64` | `uint8_t` … `double` | itself | copied |
//! | bool | `bool` | `bool` | `u8` checked 0/1 / `bool` | copied |
//! | C-like enum | `#[ffi] enum` | its storage integer | the storage integer, checked | copied |
//! | record | `#[repr(C)]` / packed / transparent `#[ffi] struct` | the struct | `MaybeUninit<T>`, checked field by field / `T` | copied |
//! | thin pointer | `&T`, `&mut T`, `Option<&T>`, `*const T`, `*mut T` | `T *` | `*const T` / `*mut T` (NULL checked for `&T`) | the caller |
//! | handle | a pointer to an opaque type (later: services) | `T *` | `*const T` / `*mut T` | see the type's destructor |
//! | borrowed view | [`View`], [`ViewMut`] | `{const T *ptr; size_t len;}` | itself | the caller, for the call |
//! | owned buffer | [`Buffer`] | `{T *ptr; size_t len; size_t cap;}` | itself | the library: freed by its free function |
//! | option | [`OptionAbi`] | `{uint8_t is_some; T value;}` | itself, `is_some` checked | as for `T` |
//! | result | [`ResultAbi`] | `{uint8_t status; union {T ok; E err;} value;}` | itself | as for `T` / `E` |
//! | callback | [`CallbackAbi`] | `{call, void *context, void (*drop)(void *)}` | itself | the receiver calls `drop` once |
//! | future handle | [`FutureHandle`] | `void *` | itself | the library |
//! | serialized buffer | [`Serialized`] | an owned buffer of bytes | itself | the library |
//!
//! [`convert`] holds the [`Lift`] and [`Lower`] traits: how each Rust type becomes its ABI value and
//! back (the shim `#[ffi]` writes is "lift each argument, call, lower the result").
//! [`classify`] maps a model type to its shape for the backends (language-neutral; each backend spells
//! each shape once). `docs/abi.md` is the one-page statement of this contract and `docs/adr/` records
//! the decisions behind it.

pub mod callback;
pub mod classify;
pub mod convert;
pub mod free;
pub mod layout;
pub mod shapes;

pub use classify::{AbiShape, ServicePass};
pub use convert::{Holder, Invalid, Lift, LiftError, Lower};
pub use shapes::{
    Buffer, CallbackAbi, ErrorAbi, FutureHandle, OptionAbi, ResultAbi, Serialized, Status, View,
    ViewMut,
};
