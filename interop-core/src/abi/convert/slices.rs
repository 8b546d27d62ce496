//! Slices: `&[T]` and `&mut [T]`, borrowed for the call as views `{ptr, len}` of elements in their
//! ABI form.
//!
//! Elements of C-compatible types ([`FfiType::IDENTITY`]: primitives, C-like enums, records of them)
//! are borrowed in place, zero-copy, after the view's checks (NULL only with length 0, length,
//! alignment) and, for `bool`, enums and records holding them, each element's check. `&[T]` of
//! strings, vectors or records holding them is copied in (the copy lives until the call returns).
//! `&mut [T]` exists for C-compatible elements only: the callee writes the caller's memory.

use core::mem::ManuallyDrop;

use super::views::{borrow, borrow_mut, copy_in};
use super::{Holder, Lift, LiftError, Lower};
use crate::FfiType;
use crate::abi::{View, ViewMut};
use crate::model::TypeRef;
use crate::registry::{DescribeFn, Registry};

/// A slice field (`&'a [T]` in a record with a lifetime) or a vector element: a view, always
/// borrowed, so its elements must be C-compatible.
unsafe impl<T: FfiType> FfiType for &[T] {
    fn describe(reg: &mut Registry) -> TypeRef {
        TypeRef::slice(T::describe(reg), false)
    }

    /// `&[]`.
    #[inline(always)]
    fn panic_value() -> Self {
        &[]
    }

    type Abi = View<T::Abi>;
    const IDENTITY: bool = false;

    #[inline(always)]
    unsafe fn from_abi(p: *const View<T::Abi>) -> Result<Self, LiftError> {
        assert_borrowable::<T>();
        // SAFETY: the caller vouches for the view and its elements.
        unsafe {
            let view = p.read_unaligned();
            borrow::<T>(view.ptr.cast(), view.len)
        }
    }

    #[inline(always)]
    fn into_abi(self) -> View<T::Abi> {
        assert_borrowable::<T>();
        View {
            ptr: self.as_ptr().cast(),
            len: self.len(),
        }
    }
}

#[inline(always)]
fn assert_borrowable<T: FfiType>() {
    const {
        assert!(
            T::IDENTITY,
            "#[ffi]: a slice inside a record or vector must hold C-compatible elements (numbers, \
             bool, C-like enums, #[ffi] structs of those); use Vec<T> for strings and records \
             that own data"
        )
    }
}

/// What a `&[T]` argument borrows: the caller's memory, or the elements copied in from it.
pub enum SliceHeld<'a, T> {
    Borrowed(&'a [T]),
    Owned(Vec<T>),
}

impl<'a, T> Holder for SliceHeld<'a, T> {
    type Arg = &'a [T];

    #[inline(always)]
    unsafe fn take(&mut self) -> &'a [T] {
        match self {
            SliceHeld::Borrowed(slice) => slice,
            // SAFETY: the vector outlives every use of the slice (the caller's promise).
            SliceHeld::Owned(v) => unsafe { &*(v.as_slice() as *const [T]) },
        }
    }
}

fn describe_slice<T: FfiType>(reg: &mut Registry) -> TypeRef {
    TypeRef::slice(T::describe(reg), false)
}

fn describe_slice_mut<T: FfiType>(reg: &mut Registry) -> TypeRef {
    TypeRef::slice(T::describe(reg), true)
}

/// `&[T]` as an argument: borrowed in place for C-compatible elements, copied in otherwise.
unsafe impl<'a, T: FfiType> Lift for &'a [T] {
    type Abi = View<T::Abi>;
    type Held = SliceHeld<'a, T>;
    const DESCRIBE: DescribeFn = describe_slice::<T>;

    #[inline(always)]
    unsafe fn lift(abi: View<T::Abi>) -> Result<SliceHeld<'a, T>, LiftError> {
        if T::IDENTITY {
            // SAFETY: `T` is its ABI form; the caller vouches for the memory.
            return unsafe { borrow::<T>(abi.ptr.cast(), abi.len) }.map(SliceHeld::Borrowed);
        }
        // SAFETY: the caller vouches for the memory.
        unsafe { copy_in::<T>(abi.ptr, abi.len) }.map(SliceHeld::Owned)
    }
}

/// `&mut [T]` as an argument: the caller's elements, written in place (C-compatible elements only).
unsafe impl<'a, T: FfiType> Lift for &'a mut [T] {
    type Abi = ViewMut<T::Abi>;
    type Held = ManuallyDrop<&'a mut [T]>;
    const DESCRIBE: DescribeFn = describe_slice_mut::<T>;

    #[inline(always)]
    unsafe fn lift(abi: ViewMut<T::Abi>) -> Result<Self::Held, LiftError> {
        const {
            assert!(
                T::IDENTITY,
                "#[ffi]: `&mut [T]` needs C-compatible elements (numbers, bool, C-like enums, \
                 #[ffi] structs of those): the function writes the caller's memory in place; \
                 take a Vec<T> and return the new one for strings and records that own data"
            )
        }
        // SAFETY: `T` is its ABI form; the caller vouches for the memory.
        unsafe { borrow_mut::<T>(abi.ptr.cast(), abi.len) }.map(ManuallyDrop::new)
    }
}

/// A returned `&[T]` borrowed from a service or handle (`fn data(&self) -> &[u8]`; the macro
/// allows it only there): a view of C-compatible elements, valid until the next `&mut self` call
/// on the object or its free (ADR 31). C reads it in place; C# and Python call the method's
/// owned copy instead ([`crate::__private::OwnedCopy`]).
unsafe impl<T: FfiType> Lower for &'static [T] {
    type Abi = View<T::Abi>;
    const DESCRIBE: DescribeFn = describe_slice::<T>;

    #[inline(always)]
    fn lower(self) -> View<T::Abi> {
        assert_borrowable::<T>();
        View {
            ptr: self.as_ptr().cast(),
            len: self.len(),
        }
    }

    #[inline(always)]
    fn panic_abi() -> View<T::Abi> {
        View {
            ptr: core::ptr::null(),
            len: 0,
        }
    }
}
