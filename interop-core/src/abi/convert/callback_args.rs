//! Closures with borrowed parameters (`&dyn Fn(&str)`, `impl FnMut(&[u64])`, `Box<dyn Fn(&Point) +
//! Send + Sync>`): the runtime half of the per-signature expansion `#[ffi]` writes for them.
//!
//! Such signatures are higher-ranked (`dyn for<'x> Fn(&'x str)`), which the generic impls of
//! [`super::callbacks`] cannot match. For a parameter of that kind `#[ffi]` writes the shim's ABI
//! type (the same [`CallbackAbi`] as for any closure, each borrowed parameter in its ABI form: a
//! `&str` as a view of UTF-8 bytes, a `&[T]` as a view, a `&T` as a pointer to `T`), and a closure
//! literal with the parameters as the author wrote them, which these helpers store like the generic
//! impls do. The borrowed data is valid while the foreign callable runs, and no longer
//! ([ADR 14](../../../../docs/adr/0014-callbacks.md), addendum).

use core::mem::ManuallyDrop;

use super::LiftError;
use super::callbacks::{HeldMut, HeldRef, held_mut, held_ref};
use crate::abi::CallbackAbi;
use crate::abi::callback::{self, Foreign, Parts};

/// A borrowed `&dyn Fn(..)`: `make` builds the closure over `call` and `context`.
///
/// # Safety
/// As for [`callback::take`].
#[inline(always)]
pub unsafe fn lift_borrowed<'a, F: Copy, C: 'a, T: ?Sized + 'a>(
    abi: CallbackAbi<Option<F>>,
    make: impl FnOnce(Parts<F>) -> C,
    coerce: fn(&C) -> &T,
) -> Result<HeldRef<'a, T>, LiftError> {
    // SAFETY: forwarded.
    let (parts, guard) = unsafe { callback::take_required(abi) }?.split();
    Ok(held_ref(guard, make(parts), coerce))
}

/// `Option<&dyn Fn(..)>`.
///
/// # Safety
/// As for [`callback::take`].
#[inline(always)]
pub unsafe fn lift_borrowed_opt<'a, F: Copy, C: 'a, T: ?Sized + 'a>(
    abi: CallbackAbi<Option<F>>,
    make: impl FnOnce(Parts<F>) -> C,
    coerce: fn(&C) -> &T,
) -> Result<Option<HeldRef<'a, T>>, LiftError> {
    // SAFETY: forwarded.
    let Some(foreign) = (unsafe { callback::take(abi) }) else {
        return Ok(None);
    };
    let (parts, guard) = foreign.split();
    Ok(Some(held_ref(guard, make(parts), coerce)))
}

/// A borrowed `&mut dyn FnMut(..)`.
///
/// # Safety
/// As for [`callback::take`].
#[inline(always)]
pub unsafe fn lift_borrowed_mut<'a, F: Copy, C: 'a, T: ?Sized + 'a>(
    abi: CallbackAbi<Option<F>>,
    make: impl FnOnce(Parts<F>) -> C,
    coerce: fn(&mut C) -> &mut T,
) -> Result<HeldMut<'a, T>, LiftError> {
    // SAFETY: forwarded.
    let (parts, guard) = unsafe { callback::take_required(abi) }?.split();
    Ok(held_mut(guard, make(parts), coerce))
}

/// `Option<&mut dyn FnMut(..)>`.
///
/// # Safety
/// As for [`callback::take`].
#[inline(always)]
pub unsafe fn lift_borrowed_mut_opt<'a, F: Copy, C: 'a, T: ?Sized + 'a>(
    abi: CallbackAbi<Option<F>>,
    make: impl FnOnce(Parts<F>) -> C,
    coerce: fn(&mut C) -> &mut T,
) -> Result<Option<HeldMut<'a, T>>, LiftError> {
    // SAFETY: forwarded.
    let Some(foreign) = (unsafe { callback::take(abi) }) else {
        return Ok(None);
    };
    let (parts, guard) = foreign.split();
    Ok(Some(held_mut(guard, make(parts), coerce)))
}

/// A kept `Box<dyn Fn(..) + Send + Sync>` / `Box<dyn FnMut(..) + Send>`: `make` builds the box
/// owning the foreign callable (dropped with it).
///
/// # Safety
/// As for [`callback::take`].
#[inline]
pub unsafe fn lift_kept<F: Copy, B>(
    abi: CallbackAbi<Option<F>>,
    make: impl FnOnce(Foreign<F>) -> B,
) -> Result<ManuallyDrop<B>, LiftError> {
    // SAFETY: forwarded.
    let foreign = unsafe { callback::take_required(abi) }?;
    Ok(ManuallyDrop::new(make(foreign)))
}

/// `Option<Box<dyn Fn(..) + …>>`.
///
/// # Safety
/// As for [`callback::take`].
#[inline]
pub unsafe fn lift_kept_opt<F: Copy, B>(
    abi: CallbackAbi<Option<F>>,
    make: impl FnOnce(Foreign<F>) -> B,
) -> Result<ManuallyDrop<Option<B>>, LiftError> {
    // SAFETY: forwarded.
    Ok(ManuallyDrop::new(unsafe { callback::take(abi) }.map(make)))
}

/// A `&T` / `&mut T` parameter of a closure as the pointer the foreign side receives.
#[inline(always)]
pub fn ref_abi<T>(r: &T) -> *const T {
    r
}

/// As [`ref_abi`], for `&mut T`.
#[inline(always)]
pub fn mut_abi<T>(r: &mut T) -> *mut T {
    r
}
