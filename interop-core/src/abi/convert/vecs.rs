//! Vectors: `Vec<T>` and `Box<[T]>`, copied in as arguments and returned as owned buffers.
//!
//! An argument arrives as the view of `&[T]` (`{ptr, len}`, the caller keeps its memory) and is
//! copied into a new vector. A returned vector becomes a [`Buffer`] of its elements in ABI form,
//! reusing the vector's allocation when the two layouts agree (always for C-compatible elements,
//! and for `String` → `{ptr, len, cap}`, whose sizes and alignments are the same): the receiver
//! frees the elements' own buffers, then the buffer itself with `interop_buffer_free(ptr, cap,
//! size, align)` of the element's ABI form.

use core::mem::{ManuallyDrop, align_of, size_of};

use super::views::copy_in;
use super::{Lift, LiftError, Lower};
use crate::FfiType;
use crate::abi::{Buffer, View};
use crate::model::TypeRef;
use crate::registry::{DescribeFn, Registry};

/// The ABI form of a vector: its elements converted in place when `T` and `T::Abi` have one
/// layout, else into a new allocation of exactly `len` elements.
#[inline]
pub fn lower_vec<T: FfiType>(v: Vec<T>) -> Buffer<T::Abi> {
    const {
        assert!(
            size_of::<T::Abi>() != 0,
            "#[ffi]: vectors of zero-sized values cannot cross the FFI boundary"
        )
    }
    let same_layout =
        size_of::<T>() == size_of::<T::Abi>() && align_of::<T>() == align_of::<T::Abi>();
    if T::IDENTITY || same_layout {
        let mut v = ManuallyDrop::new(v);
        let (ptr, len, cap) = (v.as_mut_ptr(), v.len(), v.capacity());
        if !T::IDENTITY {
            for i in 0..len {
                // SAFETY: each element is read once and its slot, of the same size, rewritten in
                // ABI form; the allocation is handed over below and never dropped as a `Vec<T>`.
                unsafe {
                    let value = ptr.add(i).read();
                    ptr.add(i).cast::<T::Abi>().write(value.into_abi());
                }
            }
        }
        return Buffer {
            ptr: ptr.cast(),
            len,
            cap,
        };
    }
    let converted: Vec<T::Abi> = v.into_iter().map(T::into_abi).collect();
    let mut converted = ManuallyDrop::new(converted);
    Buffer {
        ptr: converted.as_mut_ptr(),
        len: converted.len(),
        cap: converted.capacity(),
    }
}

fn describe_vec<T: FfiType>(reg: &mut Registry) -> TypeRef {
    TypeRef::vec(T::describe(reg))
}

unsafe impl<T: FfiType> FfiType for Vec<T> {
    fn describe(reg: &mut Registry) -> TypeRef {
        describe_vec::<T>(reg)
    }

    /// The empty vector (no allocation).
    #[inline(always)]
    fn panic_value() -> Self {
        Vec::new()
    }

    type Abi = Buffer<T::Abi>;
    const IDENTITY: bool = false;
    const OWNS: bool = true;

    /// Copies the elements; `cap` is ignored (the memory stays the caller's).
    #[inline]
    unsafe fn from_abi(p: *const Buffer<T::Abi>) -> Result<Self, LiftError> {
        // SAFETY: the caller vouches for the buffer and its elements.
        unsafe {
            let buffer = p.read_unaligned();
            copy_in::<T>(buffer.ptr, buffer.len)
        }
    }

    #[inline]
    fn into_abi(self) -> Buffer<T::Abi> {
        lower_vec(self)
    }
}

/// `Vec<T>` as an argument: the same view as `&[T]`, copied into a new vector.
unsafe impl<T: FfiType> Lift for Vec<T> {
    type Abi = View<T::Abi>;
    type Held = ManuallyDrop<Vec<T>>;
    const DESCRIBE: DescribeFn = describe_vec::<T>;

    #[inline]
    unsafe fn lift(abi: View<T::Abi>) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller.
        unsafe { copy_in::<T>(abi.ptr, abi.len) }.map(ManuallyDrop::new)
    }
}

/// A returned `Vec<T>`: an owned buffer the receiver frees.
unsafe impl<T: FfiType> Lower for Vec<T> {
    type Abi = Buffer<T::Abi>;
    const DESCRIBE: DescribeFn = describe_vec::<T>;

    #[inline]
    fn lower(self) -> Buffer<T::Abi> {
        lower_vec(self)
    }

    #[inline]
    fn panic_abi() -> Buffer<T::Abi> {
        lower_vec(Vec::<T>::new())
    }
}

/// `Box<[T]>`: exactly as `Vec<T>` (described as one).
unsafe impl<T: FfiType> FfiType for Box<[T]> {
    fn describe(reg: &mut Registry) -> TypeRef {
        describe_vec::<T>(reg)
    }

    #[inline(always)]
    fn panic_value() -> Self {
        Box::new([])
    }

    type Abi = Buffer<T::Abi>;
    const IDENTITY: bool = false;
    const OWNS: bool = true;

    #[inline]
    unsafe fn from_abi(p: *const Buffer<T::Abi>) -> Result<Self, LiftError> {
        // SAFETY: forwarded.
        unsafe { <Vec<T> as FfiType>::from_abi(p) }.map(Vec::into_boxed_slice)
    }

    #[inline]
    fn into_abi(self) -> Buffer<T::Abi> {
        lower_vec(self.into_vec())
    }
}

unsafe impl<T: FfiType> Lift for Box<[T]> {
    type Abi = View<T::Abi>;
    type Held = ManuallyDrop<Box<[T]>>;
    const DESCRIBE: DescribeFn = describe_vec::<T>;

    #[inline]
    unsafe fn lift(abi: View<T::Abi>) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded from the caller.
        unsafe { copy_in::<T>(abi.ptr, abi.len) }.map(|v| ManuallyDrop::new(v.into_boxed_slice()))
    }
}

unsafe impl<T: FfiType> Lower for Box<[T]> {
    type Abi = Buffer<T::Abi>;
    const DESCRIBE: DescribeFn = describe_vec::<T>;

    #[inline]
    fn lower(self) -> Buffer<T::Abi> {
        lower_vec(self.into_vec())
    }

    #[inline]
    fn panic_abi() -> Buffer<T::Abi> {
        lower_vec(Vec::<T>::new())
    }
}
