//! Vectors: `Vec<T>` and `Box<[T]>`, copied in as arguments and returned as owned buffers.
//!
//! An argument arrives as the view of `&[T]` (`{ptr, len}`, the caller keeps its memory) and is
//! copied into a new vector. A returned vector becomes a [`Buffer`] of its elements in ABI form,
//! reusing the vector's allocation when the two layouts agree (always for C-compatible elements,
//! and for `String` → `{ptr, len, cap}`, whose sizes and alignments are the same): the receiver
//! frees the elements' own buffers, then the buffer itself with `interop_buffer_free(ptr, cap,
//! size, align)` of the element's ABI form.

use core::mem::{ManuallyDrop, align_of, size_of};

use super::views::{check, copy_in};
use super::{Invalid, Lift, LiftError, Lower};
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

    const CALLBACK_RETURN: bool = T::CALLBACK_RETURN;

    #[inline]
    unsafe fn take_abi(p: *mut Buffer<T::Abi>) -> Result<Self, LiftError> {
        // SAFETY: forwarded.
        unsafe { take_buffer::<T>(p.read_unaligned()) }
    }

    #[inline]
    unsafe fn free_abi(p: *mut Buffer<T::Abi>) {
        // SAFETY: forwarded.
        unsafe { free_buffer::<T>(p.read_unaligned()) }
    }
}

/// The elements of a buffer in owned ABI form that foreign code wrote ([`FfiType::take_abi`],
/// ADR 54), and whether the buffer itself is Rust's (`cap > 0`): how many elements to read.
fn owned_len<A>(b: &Buffer<A>) -> Result<usize, LiftError> {
    if b.cap > 0 && b.len > b.cap {
        return Err(LiftError::new(Invalid::LenOverCap {
            len: b.len,
            cap: b.cap,
        }));
    }
    check(b.ptr.cast_const(), b.len)?;
    Ok(b.len)
}

/// A vector from a buffer in owned ABI form: a `cap > 0` buffer of C-compatible elements becomes
/// the vector as it is (its elements checked); other elements are taken one by one and the buffer
/// freed. On error every `cap > 0` buffer in it is freed.
///
/// # Safety
/// As for [`FfiType::take_abi`].
pub(crate) unsafe fn take_buffer<T: FfiType>(b: Buffer<T::Abi>) -> Result<Vec<T>, LiftError> {
    let len = match owned_len(&b) {
        Ok(len) => len,
        Err(e) => {
            // SAFETY: forwarded (`free_buffer` reads at most `cap` elements of a `cap > 0` buffer).
            unsafe { free_buffer::<T>(b) };
            return Err(e);
        }
    };
    if T::IDENTITY && (b.cap == 0 || b.ptr.is_null()) {
        // SAFETY: a checked view of `len` elements the callee keeps alive (borrowed).
        return unsafe { copy_in::<T>(b.ptr, len) };
    }
    if T::IDENTITY {
        const {
            assert!(!T::IDENTITY || size_of::<T>() == size_of::<T::Abi>());
        }
        let ptr = b.ptr.cast::<T>();
        if T::VALIDATE {
            for i in 0..len {
                // SAFETY: `len <= cap` elements of the allocation.
                if let Err(e) = unsafe { T::validate(ptr.add(i)) } {
                    // SAFETY: identity elements own nothing; the buffer is freed once.
                    unsafe { free_buffer::<T>(b) };
                    return Err(e.at_index(i));
                }
            }
        }
        // SAFETY: an allocation of the global allocator for `cap` elements of `T`'s layout
        // (`interop_buffer_alloc` with `T`'s size and alignment), `len <= cap` valid values.
        return Ok(unsafe { Vec::from_raw_parts(ptr, len, b.cap) });
    }
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        // SAFETY: element `i` of the checked buffer, taken once.
        match unsafe { T::take_abi(b.ptr.add(i)) } {
            Ok(value) => out.push(value),
            Err(e) => {
                for j in i + 1..len {
                    // SAFETY: the elements after `i` were not taken.
                    unsafe { T::free_abi(b.ptr.add(j)) };
                }
                // SAFETY: the buffer itself, once (its elements are taken or freed).
                unsafe { dealloc_buffer(&b) };
                return Err(e.at_index(i));
            }
        }
    }
    // SAFETY: as above.
    unsafe { dealloc_buffer(&b) };
    Ok(out)
}

/// Frees a buffer in owned ABI form that is not lifted: its elements' `cap > 0` buffers, then its
/// own when `cap > 0` (reading at most `cap` elements of it).
///
/// # Safety
/// As for [`FfiType::take_abi`].
pub(crate) unsafe fn free_buffer<T: FfiType>(b: Buffer<T::Abi>) {
    if b.ptr.is_null() {
        return;
    }
    if T::OWNS || T::KEEPS_CLOSURES {
        let n = if b.cap > 0 { b.len.min(b.cap) } else { b.len };
        for i in 0..n {
            // SAFETY: an element of the buffer (the caller's promise), freed once.
            unsafe { T::free_abi(b.ptr.add(i)) };
        }
    }
    // SAFETY: forwarded.
    unsafe { dealloc_buffer(&b) };
}

/// Gives a `cap > 0` buffer's allocation back (its elements are done with).
///
/// # Safety
/// As for [`FfiType::take_abi`].
unsafe fn dealloc_buffer<A>(b: &Buffer<A>) {
    if b.cap > 0 {
        // SAFETY: an allocation of `interop_buffer_alloc` for `cap` elements of `A`.
        unsafe {
            crate::abi::free::interop_buffer_free(
                b.ptr.cast(),
                b.cap,
                size_of::<A>(),
                align_of::<A>(),
            )
        };
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

    const CALLBACK_RETURN: bool = T::CALLBACK_RETURN;

    #[inline]
    unsafe fn take_abi(p: *mut Buffer<T::Abi>) -> Result<Self, LiftError> {
        // SAFETY: forwarded.
        unsafe { take_buffer::<T>(p.read_unaligned()) }.map(Vec::into_boxed_slice)
    }

    #[inline]
    unsafe fn free_abi(p: *mut Buffer<T::Abi>) {
        // SAFETY: forwarded.
        unsafe { free_buffer::<T>(p.read_unaligned()) }
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
