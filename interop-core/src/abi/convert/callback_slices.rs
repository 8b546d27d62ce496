//! `&[T]` parameters of a closure the library calls when `T` is not its own C form (`&[String]`,
//! `&[Vec<u8>]`, `&[Person]` of a record owning data): the runtime half of the closure literal
//! `#[ffi]` writes ([ADR 62](../../../../docs/adr/0062-closure-slice-parameters-of-data-owning-types.md)).
//!
//! The foreign side receives the same `View<T::Abi>` `{ptr, len}` as for C-compatible elements,
//! borrowed for the call. Its elements are, by what `T` is (chosen at compile time by autoref
//! specialization on the concrete type the author wrote):
//! 1. `T` has a borrowed C form ([`ViewForm`]: `String`, `Vec<u8>`): a temporary array of
//!    `{ptr, len, cap = 0}` views into Rust's own buffers, no per-element allocation;
//! 2. `T: FfiType + Clone`: the elements in place when `T` is its own C form, otherwise a temporary
//!    array of copies in owned C form (ADR 58's copy, per element), each freed after `call`;
//! 3. any other `T`: in place, which needs `T` to be its own C form (a compile-time check).
//!
//! In every case the callee only reads, and must not free or keep anything.

use crate::FfiType;
use crate::abi::{Buffer, View};

/// A type with a borrowed C form: its owned ABI shape filled with `cap == 0` pointers into the
/// value itself, valid while the value is and freed by nobody.
pub trait ViewForm: FfiType {
    /// The borrowed C form of `self`.
    fn view_abi(&self) -> Self::Abi;
}

/// `bytes` as a borrowed buffer (`cap == 0`: the library's, freed by nobody).
#[inline(always)]
fn borrowed(bytes: &[u8]) -> Buffer<u8> {
    Buffer {
        ptr: bytes.as_ptr().cast_mut(),
        len: bytes.len(),
        cap: 0,
    }
}

impl ViewForm for String {
    #[inline(always)]
    fn view_abi(&self) -> Buffer<u8> {
        borrowed(self.as_bytes())
    }
}

impl ViewForm for Vec<u8> {
    #[inline(always)]
    fn view_abi(&self) -> Buffer<u8> {
        borrowed(self)
    }
}

/// A `&[T]` closure argument before it crosses: the closure literal calls
/// `(&&&SliceArg(arg)).lowered()`, which picks [`SliceByView`], [`SliceByCopy`] or
/// [`SliceInPlace`] (in that order) by what `T` implements.
pub struct SliceArg<'a, T>(pub &'a [T]);

/// A lowered `&[T]` argument: what the view points to, living until the end of the call's
/// statement.
pub enum SliceLowered<'a, T: FfiType> {
    /// `T` is its own C form: the caller's elements.
    Same(&'a [T]),
    /// Borrowed C forms (`cap == 0`) pointing into the caller's elements: only the array is freed.
    Views(Vec<T::Abi>),
    /// Copies in owned C form, each freed with `T::free_abi` on drop.
    Copied(Vec<T::Abi>),
}

impl<T: FfiType> SliceLowered<'_, T> {
    /// The view the foreign side receives.
    #[inline(always)]
    pub fn view(&self) -> View<T::Abi> {
        let (ptr, len) = match self {
            SliceLowered::Same(s) => (s.as_ptr().cast::<T::Abi>(), s.len()),
            SliceLowered::Views(v) | SliceLowered::Copied(v) => (v.as_ptr(), v.len()),
        };
        View { ptr, len }
    }
}

impl<T: FfiType> Drop for SliceLowered<'_, T> {
    fn drop(&mut self) {
        if let SliceLowered::Copied(v) = self {
            for abi in v.iter_mut() {
                // SAFETY: made by `into_abi`, not lifted (the callee only reads), freed once here.
                unsafe { T::free_abi(abi) }
            }
        }
    }
}

/// The borrowed form of [`SliceArg`] (`T: ViewForm`).
pub trait SliceByView<'a, T: FfiType> {
    /// The argument in the form the foreign side receives.
    fn lowered(&self) -> SliceLowered<'a, T>;
}

impl<'a, T: ViewForm> SliceByView<'a, T> for &&SliceArg<'a, T> {
    #[inline(always)]
    fn lowered(&self) -> SliceLowered<'a, T> {
        SliceLowered::Views(self.0.iter().map(ViewForm::view_abi).collect())
    }
}

/// The copying form of [`SliceArg`] (`T: FfiType + Clone`).
pub trait SliceByCopy<'a, T: FfiType> {
    /// The argument in the form the foreign side receives.
    fn lowered(&self) -> SliceLowered<'a, T>;
}

impl<'a, T: FfiType + Clone> SliceByCopy<'a, T> for &SliceArg<'a, T> {
    #[inline(always)]
    fn lowered(&self) -> SliceLowered<'a, T> {
        const {
            assert!(
                !T::KEEPS_CLOSURES,
                "#[ffi]: a closure parameter `&[T]` of records holding closures is not supported: \
                 the records cannot be copied for the call"
            )
        }
        if T::IDENTITY {
            SliceLowered::Same(self.0)
        } else {
            SliceLowered::Copied(self.0.iter().map(|e| e.clone().into_abi()).collect())
        }
    }
}

/// The in-place form of [`SliceArg`] (any other `T`: it must be its own C form).
pub trait SliceInPlace<'a, T: FfiType> {
    /// The argument in the form the foreign side receives.
    fn lowered(&self) -> SliceLowered<'a, T>;
}

impl<'a, T: FfiType> SliceInPlace<'a, T> for SliceArg<'a, T> {
    #[inline(always)]
    fn lowered(&self) -> SliceLowered<'a, T> {
        const {
            assert!(
                T::IDENTITY,
                "#[ffi]: a closure parameter `&[T]` where `T` owns data or holds views needs \
                 `T: Clone` (a copy of each element in C form crosses for the call, ADR 62): \
                 derive Clone, or take a Vec<T>"
            )
        }
        SliceLowered::Same(self.0)
    }
}
