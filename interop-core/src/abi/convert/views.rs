//! Checks shared by every view and buffer coming in: `{ptr, len}` must describe memory Rust may
//! address before a single element is read.

use core::mem::{align_of, size_of};

use super::LiftError;
use crate::FfiType;

/// Checks `{ptr, len}` of elements `T`: NULL only with length 0, at most `isize::MAX` bytes, the
/// pointer aligned for `T`. Returns the pointer to read from (dangling for an empty view).
///
/// # Safety
/// None beyond the caller's promise about the memory; nothing is read here.
#[inline(always)]
pub(crate) fn check<T>(ptr: *const T, len: usize) -> Result<*const T, LiftError> {
    if size_of::<T>() == 1 {
        // Bytes (the common view): one branch on the hot path. `ptr - 1` has its top bit set for
        // NULL (and for an address in the upper half, which the cold path accepts), `len` for a
        // length over `isize::MAX`; alignment is 1. `NULL, 0` takes the cold path too.
        if ((ptr as usize).wrapping_sub(1) | len) as isize >= 0 {
            return Ok(ptr);
        }
    }
    check_all(ptr, len)
}

/// Every check of [`check`], in order.
#[inline(always)]
fn check_all<T>(ptr: *const T, len: usize) -> Result<*const T, LiftError> {
    if ptr.is_null() {
        if len == 0 {
            return Ok(core::ptr::NonNull::<T>::dangling().as_ptr());
        }
        return Err(LiftError::null_with_length(len));
    }
    if size_of::<T>() != 0 && len > isize::MAX as usize / size_of::<T>() {
        return Err(LiftError::too_long(len));
    }
    if !(ptr as usize).is_multiple_of(align_of::<T>()) {
        return Err(LiftError::misaligned(align_of::<T>()));
    }
    Ok(ptr)
}

/// The elements `{ptr, len}` of a C-compatible `T` ([`FfiType::IDENTITY`]), borrowed in place after
/// [`check`] and, for types with values to reject, each element's check.
///
/// # Safety
/// A non-NULL `ptr` is valid for reads of `len` elements for `'a`.
#[inline(always)]
pub(crate) unsafe fn borrow<'a, T: FfiType>(
    ptr: *const T,
    len: usize,
) -> Result<&'a [T], LiftError> {
    let ptr = check(ptr, len)?;
    if T::VALIDATE {
        for i in 0..len {
            // SAFETY: element `i` lies inside the checked view.
            unsafe { T::validate(ptr.add(i)) }.map_err(|e| e.at_index(i))?;
        }
    }
    // SAFETY: checked above; every element is a value of `T`.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// As [`borrow`], writable.
///
/// # Safety
/// A non-NULL `ptr` is valid for reads and writes of `len` elements for `'a`, and not aliased.
#[inline(always)]
pub(crate) unsafe fn borrow_mut<'a, T: FfiType>(
    ptr: *mut T,
    len: usize,
) -> Result<&'a mut [T], LiftError> {
    // SAFETY: forwarded.
    let shared = unsafe { borrow::<T>(ptr, len) }?;
    // SAFETY: the same checked memory, writable by the caller's promise.
    Ok(unsafe { core::slice::from_raw_parts_mut(shared.as_ptr().cast_mut(), len) })
}

/// Copies the elements `{ptr, len}` (in ABI form, in memory that stays the caller's) into a `Vec`:
/// as bytes for C-compatible types (after their checks), element by element otherwise (strings are
/// checked and copied, records converted field by field). Errors name the element's index.
///
/// # Safety
/// A non-NULL `ptr` is valid for reads of `len` elements.
#[inline]
pub(crate) unsafe fn copy_in<T: FfiType>(
    ptr: *const T::Abi,
    len: usize,
) -> Result<Vec<T>, LiftError> {
    let ptr = check(ptr, len)?;
    let mut out: Vec<T> = Vec::with_capacity(len);
    if T::IDENTITY {
        // SAFETY: `T` has the layout of `T::Abi` (IDENTITY); the view was checked.
        let elements = unsafe { borrow::<T>(ptr.cast::<T>(), len) }?;
        // SAFETY: `out` has room for `len` elements, which are values of `T` (checked), copied as
        // bytes (a C-compatible value has no owner besides its bytes).
        unsafe {
            core::ptr::copy_nonoverlapping(elements.as_ptr(), out.as_mut_ptr(), len);
            out.set_len(len);
        }
        return Ok(out);
    }
    for i in 0..len {
        // SAFETY: element `i` lies inside the checked view.
        let value = unsafe { T::from_abi(ptr.add(i)) }.map_err(|e| e.at_index(i))?;
        out.push(value);
    }
    Ok(out)
}
