//! `Option<&str>`, `Option<&[T]>` and `&[&str]` parameters of a closure the library
//! calls ([ADR 66](../../../../docs/adr/0066-optional-and-string-slice-closure-parameters.md)): the
//! runtime half of what `#[ffi]` writes for them (interop-core/macros/src/callback_optional.rs).
//!
//! Each crosses in the C form a function's argument of the same meaning has, borrowed for the call:
//! - `Option<&str>` / `Option<&[T]>` (`T` C-compatible) as the `Option<String>` / `Option<Vec<T>>`
//!   argument struct (ADR 46), `{is_some; {ptr, len, cap = 0}}`: `cap == 0` says "not yours" in
//!   every binding, so the callee reads it and frees nothing;
//! - `&[&str]` as `&[String]` does (ADR 62): a temporary array of `cap == 0` string views into the
//!   caller's text, living until the end of the call's statement.

use crate::FfiType;
use crate::abi::{Buffer, OptionAbi, View};
use core::mem::MaybeUninit;

/// `{is_some, {ptr, len, cap = 0}}` for `Some(ptr, len)`, zeros for `None`.
#[inline(always)]
fn optional_buffer<T>(value: Option<(*const T, usize)>) -> OptionAbi<Buffer<T>> {
    match value {
        Some((ptr, len)) => OptionAbi {
            is_some: 1,
            value: MaybeUninit::new(Buffer {
                ptr: ptr.cast_mut(),
                len,
                cap: 0,
            }),
        },
        None => OptionAbi {
            is_some: 0,
            value: MaybeUninit::zeroed(),
        },
    }
}

/// An `Option<&str>` closure argument in the C form of an `Option<String>` argument, borrowed
/// (`cap == 0`).
#[inline(always)]
pub fn optional_str_abi(text: Option<&str>) -> OptionAbi<Buffer<u8>> {
    optional_buffer(text.map(|t| (t.as_ptr(), t.len())))
}

/// An `Option<&[T]>` closure argument (`T` its own C form, checked at the parameter) in the C form
/// of an `Option<Vec<T>>` argument, borrowed (`cap == 0`).
#[inline(always)]
pub fn optional_slice_abi<T: FfiType>(items: Option<&[T]>) -> OptionAbi<Buffer<T::Abi>> {
    const {
        assert!(
            T::IDENTITY,
            "#[ffi]: a closure parameter `Option<&[T]>` needs C-compatible elements (numbers, \
             bool, C-like enums, #[ffi] structs of those): take `&[T]` (an empty slice for none) \
             for strings and records owning data"
        )
    }
    optional_buffer(items.map(|s| (s.as_ptr().cast::<T::Abi>(), s.len())))
}

/// A `&[&str]` closure argument lowered for the call: `cap == 0` string views into the caller's
/// text (the C form of `&[String]`'s elements), the array freed when it drops.
pub struct StrViews(Vec<Buffer<u8>>);

impl StrViews {
    /// The views of `words`, one allocation (the array).
    #[inline(always)]
    pub fn new(words: &[&str]) -> Self {
        StrViews(
            words
                .iter()
                .map(|w| Buffer {
                    ptr: w.as_ptr().cast_mut(),
                    len: w.len(),
                    cap: 0,
                })
                .collect(),
        )
    }

    /// The view `{ptr, len}` the foreign side receives (`SliceString`).
    #[inline(always)]
    pub fn view(&self) -> View<Buffer<u8>> {
        View {
            ptr: self.0.as_ptr(),
            len: self.0.len(),
        }
    }
}
