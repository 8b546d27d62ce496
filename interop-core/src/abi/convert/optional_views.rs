//! Optional borrowed views as arguments (ADR 46): `Option<&str>`, `Option<&[T]>` and
//! `Option<&CStr>`.
//!
//! `Option<&str>` and `Option<&[T]>` cross exactly as `Option<String>` and `Option<Vec<T>>`
//! arguments do (an [`OptionAbi`] of a [`Buffer`] whose `cap` the library ignores, described as
//! those types): one foreign API for both, the text or C-compatible elements borrowed in place
//! instead of copied. `Option<&CStr>` is the C idiom, a `const char *` where NULL is `None`
//! (described as `Option<&CStr>`, whose shape is the nullable C string). Each `Some` is checked as the view itself is; an `is_some` other than 0 or 1 is refused.
//!
//! `Option<&mut [T]>` (ADR 53) has no owned twin: it is the writable view `{T *ptr; size_t len}`
//! of `&mut [T]`, a NULL `ptr` with length 0 for `None` (NULL with another length is refused, as
//! for the view), described as `Option<&mut [T]>` (the nullable slice shape).
//!
//! These are [`Lift`] impls only: an optional view is never returned, stored in a record or
//! handed to a closure (the macro refuses those positions), so `Option<&str>` is not an
//! [`Optional`](super::Optional) type.

use core::ffi::{CStr, c_char};
use core::mem::{ManuallyDrop, MaybeUninit};

use super::slices::SliceHeld;
use super::strings::text;
use super::views::{borrow, borrow_mut, copy_in};
use super::{Holder, Lift, LiftError, held};
use crate::FfiType;
use crate::abi::{Buffer, OptionAbi, ViewMut};
use crate::model::TypeRef;
use crate::registry::Registry;

/// The `{ptr, len}` of a present option, `None` for an absent one, the tag checked.
///
/// # Safety
/// `abi` holds a whole option's bytes (its value read only when `is_some` is 1).
#[inline(always)]
unsafe fn present<T>(
    abi: &MaybeUninit<OptionAbi<Buffer<T>>>,
) -> Result<Option<(*const T, usize)>, LiftError> {
    let p = abi.as_ptr();
    // SAFETY: the caller vouches for the option's bytes; the tag is a byte.
    let tag = unsafe { core::ptr::addr_of!((*p).is_some).read_unaligned() };
    match tag {
        0 => Ok(None),
        1 => {
            // SAFETY: present (tag 1): the caller vouches for a buffer in the value.
            let buffer = unsafe {
                core::ptr::addr_of!((*p).value)
                    .cast::<Buffer<T>>()
                    .read_unaligned()
            };
            Ok(Some((buffer.ptr.cast_const(), buffer.len)))
        }
        other => Err(tag_error(other)),
    }
}

/// Kept inline (two words, no call): the shim's failure path needs no stack frame for it.
#[inline(always)]
fn tag_error(tag: u8) -> LiftError {
    LiftError::option_tag(tag)
}

fn describe_text(_: &mut Registry) -> TypeRef {
    TypeRef::option(TypeRef::String)
}

fn describe_c_str(_: &mut Registry) -> TypeRef {
    TypeRef::option(TypeRef::CStr)
}

fn describe_writable<T: FfiType>(reg: &mut Registry) -> TypeRef {
    TypeRef::option(TypeRef::slice(T::describe(reg), true))
}

fn describe_elements<T: FfiType>(reg: &mut Registry) -> TypeRef {
    TypeRef::option(TypeRef::vec(T::describe(reg)))
}

/// `Option<&str>`: the ABI of an `Option<String>` argument, the UTF-8 text borrowed for the call.
unsafe impl<'a> Lift for Option<&'a str> {
    type Abi = MaybeUninit<OptionAbi<Buffer<u8>>>;
    type Held = ManuallyDrop<Option<&'a str>>;
    const DESCRIBE: crate::registry::DescribeFn = describe_text;

    #[inline(always)]
    unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller (the bytes are valid for the call).
        held(unsafe {
            match present(&abi)? {
                None => Ok(None),
                Some((ptr, len)) => text(ptr, len).map(Some),
            }
        })
    }
}

/// What an `Option<&[T]>` argument holds for the call: nothing, or what `&[T]` holds.
pub struct OptionSliceHeld<'a, T>(Option<SliceHeld<'a, T>>);

impl<'a, T> Holder for OptionSliceHeld<'a, T> {
    type Arg = Option<&'a [T]>;

    #[inline(always)]
    unsafe fn take(&mut self) -> Option<&'a [T]> {
        // SAFETY: forwarded from the caller.
        self.0.as_mut().map(|h| unsafe { h.take() })
    }
}

/// `Option<&[T]>`: the ABI of an `Option<Vec<T>>` argument, C-compatible elements borrowed in
/// place (others copied in for the call, as for `&[T]`).
unsafe impl<'a, T: FfiType> Lift for Option<&'a [T]> {
    type Abi = MaybeUninit<OptionAbi<Buffer<T::Abi>>>;
    type Held = OptionSliceHeld<'a, T>;
    const DESCRIBE: crate::registry::DescribeFn = describe_elements::<T>;

    #[inline(always)]
    unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller (the elements are valid for the call).
        let Some((ptr, len)) = (unsafe { present(&abi)? }) else {
            return Ok(OptionSliceHeld(None));
        };
        let held = if T::IDENTITY {
            // SAFETY: `T` is its ABI form; the caller vouches for the memory.
            unsafe { borrow::<T>(ptr.cast(), len) }.map(SliceHeld::Borrowed)?
        } else {
            // SAFETY: the caller vouches for the memory.
            unsafe { copy_in::<T>(ptr, len) }.map(SliceHeld::Owned)?
        };
        Ok(OptionSliceHeld(Some(held)))
    }
}

/// `Option<&mut [T]>`: the writable view of `&mut [T]`, NULL (with length 0) for `None`; the
/// caller's C-compatible elements written in place.
unsafe impl<'a, T: FfiType> Lift for Option<&'a mut [T]> {
    type Abi = ViewMut<T::Abi>;
    type Held = ManuallyDrop<Option<&'a mut [T]>>;
    const DESCRIBE: crate::registry::DescribeFn = describe_writable::<T>;

    #[inline(always)]
    unsafe fn lift(abi: ViewMut<T::Abi>) -> Result<Self::Held, LiftError> {
        const {
            assert!(
                T::IDENTITY,
                "#[ffi]: `Option<&mut [T]>` needs C-compatible elements (numbers, bool, C-like \
                 enums, #[ffi] structs of those): the function writes the caller's memory in \
                 place; take an Option<Vec<T>> and return the new one for strings and records \
                 that own data"
            )
        }
        if abi.ptr.is_null() && abi.len == 0 {
            return Ok(ManuallyDrop::new(None));
        }
        // SAFETY: `T` is its ABI form; the caller vouches for the memory (NULL with a length is
        // refused by the view's check).
        unsafe { borrow_mut::<T>(abi.ptr.cast(), abi.len) }.map(|s| ManuallyDrop::new(Some(s)))
    }
}

/// `Option<&CStr>`: a NUL-terminated `const char *`, NULL for `None`, borrowed for the call.
unsafe impl<'a> Lift for Option<&'a CStr> {
    type Abi = *const c_char;
    type Held = ManuallyDrop<Option<&'a CStr>>;
    const DESCRIBE: crate::registry::DescribeFn = describe_c_str;

    #[inline(always)]
    unsafe fn lift(abi: *const c_char) -> Result<Self::Held, LiftError> {
        if abi.is_null() {
            return Ok(ManuallyDrop::new(None));
        }
        // SAFETY: not NULL; the caller vouches for a NUL-terminated string valid for the call.
        Ok(ManuallyDrop::new(Some(unsafe { CStr::from_ptr(abi) })))
    }
}
