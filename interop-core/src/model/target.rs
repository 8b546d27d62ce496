//! Facts about the target a library was built for, measured inside the library itself.
//!
//! Backends read pointer sizes, endianness and the layout of every fixed ABI shape from here instead
//! of deriving them from the spelling of a target triple (which is wrong for e.g. `thumbv7neon` or
//! `x86_64-unknown-linux-gnux32`). The values are measured with `size_of`/`align_of` on the very
//! `#[repr(C)]` types of [`crate::abi`] the shims use, when the inventory is collected.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Primitive;

/// What the library reports about its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFacts {
    /// `std::env::consts::ARCH` of the library (`x86_64`, `aarch64`, `arm`, …).
    pub arch: String,
    /// `std::env::consts::OS` (`linux`, `macos`, `windows`, …).
    pub os: String,
    /// `std::env::consts::FAMILY` (`unix`, `windows`, or empty).
    pub family: String,
    /// `size_of::<*const ()>()` in bytes (also the size of `usize` and `isize`).
    pub pointer_size: u64,
    /// `align_of::<*const ()>()` in bytes.
    pub pointer_align: u64,
    /// Byte order.
    pub endianness: Endianness,
    /// Size and alignment of each primitive that crosses by value (`()` and `c_void` excluded).
    pub primitives: BTreeMap<Primitive, Layout>,
    /// Size and alignment of each fixed ABI shape (see `docs/abi.md`).
    pub shapes: BTreeMap<FixedShape, Layout>,
}

#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Endianness {
    Little,
    Big,
}

/// Size and alignment in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Layout {
    pub size: u64,
    pub align: u64,
}

/// The ABI shapes whose layout does not depend on a type parameter (or whose every instance has the
/// same layout, as for pointers): measured once per library. Shapes with a payload (`option`,
/// `result`) are laid out by the C rules from their payload's layout.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixedShape {
    /// A thin pointer or handle.
    Pointer,
    /// The borrowed view `{ptr, len}`.
    View,
    /// The owned buffer `{ptr, len, cap}`.
    OwnedBuffer,
    /// The callback `{call, context, drop}`.
    Callback,
    /// A future handle.
    FutureHandle,
    /// The status tag of a result.
    Status,
}

impl TargetFacts {
    /// The facts of the running process's own target (what a library built for the host reports).
    pub fn host() -> Self {
        crate::abi::layout::target_facts()
    }

    /// The layout of a primitive (none for `()` and `c_void`). `Ordering` is an `i32` (ADR 57): it
    /// is not measured apart, so the target facts (and every inventory's hash) stay as they were.
    pub fn primitive(&self, p: Primitive) -> Option<Layout> {
        let p = match p {
            Primitive::Ordering => Primitive::I32,
            p => p,
        };
        self.primitives.get(&p).copied()
    }

    /// The layout of a fixed shape.
    pub fn shape(&self, shape: FixedShape) -> Option<Layout> {
        self.shapes.get(&shape).copied()
    }

    /// True on x86-64 System V targets (Linux, macOS, the BSDs): there an aggregate with a misaligned
    /// field is passed and returned in memory, which some managed marshallers do not do by themselves.
    pub fn is_sysv_x86_64(&self) -> bool {
        self.arch == "x86_64" && self.family == "unix"
    }
}
