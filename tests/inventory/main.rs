//! The inventory a real cdylib reports about itself, and its shims called through the C ABI.
//!
//! Builds the conformance fixture (and the `unlinked` fixture) with cargo in three profiles — dev,
//! release, and `release-lto` (lto, strip, one codegen unit) — loads each library with libloading, reads
//! `interop_inventory`, and checks what `#[ffi]` registered: items in private modules, items of linked
//! dependency crates, layouts, enum values, constants, names, symbols and docs.

mod conformance;
mod identity;
mod loaded;
mod lookup;
mod profiles;
mod shims;
