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

use core::mem::{ManuallyDrop, MaybeUninit};

use super::LiftError;
use super::callbacks::{HeldMut, HeldRef, held_mut, held_ref};
use crate::FfiType;
use crate::abi::CallbackAbi;
use crate::abi::callback::{self, Foreign, Parts};
use crate::model::{PointerKind, TypeRef};
use crate::registry::Registry;

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

/// Calls the `drop` of a callback in data that was not lifted (a named callback type's field,
/// ADR 30 and ADR 60).
#[inline]
pub fn release_callback<F>(abi: CallbackAbi<Option<F>>) {
    if let Some(drop) = abi.drop {
        // SAFETY: the foreign side passed `drop` for `context`; the callback was not taken, so
        // this is its one call.
        unsafe { drop(abi.context) };
    }
}

pub use super::callbacks::null_callback;

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

/// The `Result<T, E>` a foreign closure returned: its `call` returned `status` (0: it wrote `*ok`,
/// 1: it wrote `*err`) through the two zeroed slots Rust passed, in owned ABI form (ADR 54: the
/// `cap > 0` buffers in both become Rust's, the one not named is freed). When the binding reported
/// an exception instead (`interop_callback_failed`), Rust gets `Err` of `E`'s panic value (0, the
/// first variant) and the exception goes where [`crate::abi::callback`] says; any other status
/// panics, naming the callback, as an invalid return value does.
#[inline(always)]
pub fn returned_result<T: FfiType, E: FfiType>(
    status: u8,
    ok: &mut MaybeUninit<T::Abi>,
    err: &mut MaybeUninit<E::Abi>,
) -> Result<T, E> {
    let (ok, err) = (ok.as_mut_ptr(), err.as_mut_ptr());
    let failed = callback::check_failed();
    let lifted = match status {
        _ if failed => Ok(Err(E::panic_value())),
        // SAFETY: the foreign side wrote the slot the status names (its contract); the value is
        // checked as a `T` / `E`; the other slot is zeroed or what the callee left there.
        0 => unsafe {
            E::free_abi(err);
            T::take_abi(ok).map(Ok)
        },
        // SAFETY: as above.
        1 => unsafe {
            T::free_abi(ok);
            E::take_abi(err).map(Err)
        },
        other => Err(LiftError::new(super::Invalid::ResultStatus(other))),
    };
    if failed || !matches!(status, 0 | 1) {
        // SAFETY: neither slot was taken.
        unsafe {
            T::free_abi(ok);
            E::free_abi(err);
        }
    }
    lifted.unwrap_or_else(|e| callback::invalid_return(e))
}

/// As [`returned_result`], for `Result<(), E>` (whose `call` has no `ok` slot).
#[inline(always)]
pub fn returned_unit_result<E: FfiType>(
    status: u8,
    err: &mut MaybeUninit<E::Abi>,
) -> Result<(), E> {
    let mut ok = MaybeUninit::<()>::zeroed();
    returned_result::<(), E>(status, &mut ok, err)
}

/// The description of a closure's `Result<T, E>` return, refusing at compile time a `T` or an `E`
/// that cannot come back from a closure (views, closures: see
/// [`FfiType::CALLBACK_RETURN`]).
pub fn describe_callback_result<T: FfiType, E: FfiType>(reg: &mut Registry) -> TypeRef {
    const {
        assert!(
            T::CALLBACK_RETURN && E::CALLBACK_RETURN,
            "#[ffi]: a closure returning `Result<T, E>` needs `T` and `E` that cross by value \
             (numbers, bool, enums, String, Vec<T>, Box<[T]>, Option<T>, tuples, #[ffi] structs \
             of those, `()` for `T`)"
        )
    }
    TypeRef::result(T::describe(reg), E::describe(reg))
}

/// The description of what a closure returns, refusing at compile time a type that cannot come
/// back from one (see [`FfiType::CALLBACK_RETURN`]).
pub fn describe_callback_return<T: FfiType>(reg: &mut Registry) -> TypeRef {
    const {
        assert!(
            T::CALLBACK_RETURN,
            "#[ffi]: a closure returns values that cross by value (numbers, bool, enums, pointers, \
             String, Vec<T>, Box<[T]>, Option<T>, tuples, #[ffi] structs of those) or nothing"
        )
    }
    T::describe(reg)
}

/// A `&T` parameter of a closure the library calls, before it crosses: the closure literal
/// `#[ffi]` writes calls `(&RefArg(arg)).lowered()`, which picks (autoref specialization) the copy
/// of [`RefByCopy`] when `T` is an `FfiType + Clone` and the plain pointer of [`RefByPointer`]
/// otherwise (opaque types, `c_void`, C-compatible types without `Clone`).
pub struct RefArg<'a, T: ?Sized>(pub &'a T);

/// `&T` of a type that is its own C form: the pointer to it.
pub struct RefPointer<T: ?Sized>(*const T);

impl<T: ?Sized> RefPointer<T> {
    /// The pointer the foreign side receives.
    #[inline(always)]
    pub fn ptr(&self) -> *const T {
        self.0
    }
}

/// `&T` of a record owning data (ADR 58): a copy of it in owned ABI form, valid while the foreign
/// callable runs and freed by Rust afterwards (the callee only reads it); or, for a type that is
/// its own C form, the pointer to it.
pub enum RefCopy<'a, T: FfiType> {
    /// `T` is its own C form: borrowed in place.
    Same(&'a T),
    /// The copy, freed on drop.
    Copied(T::Abi),
}

impl<T: FfiType> RefCopy<'_, T> {
    /// The pointer the foreign side receives (to `T`'s C form).
    #[inline(always)]
    pub fn ptr(&self) -> *const T {
        match self {
            RefCopy::Same(r) => *r,
            RefCopy::Copied(abi) => (abi as *const T::Abi).cast(),
        }
    }
}

impl<T: FfiType> Drop for RefCopy<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        if let RefCopy::Copied(abi) = self {
            // SAFETY: made by `into_abi`, not lifted, freed once here (`T::free_abi` frees the
            // `cap > 0` buffers `into_abi` handed over).
            unsafe { T::free_abi(abi) }
        }
    }
}

/// The copying form of [`RefArg`] (chosen when `T: FfiType + Clone`).
pub trait RefByCopy<'a, T: FfiType> {
    /// The argument in the form the foreign side receives.
    fn lowered(&self) -> RefCopy<'a, T>;
}

impl<'a, T: FfiType + Clone> RefByCopy<'a, T> for RefArg<'a, T> {
    #[inline(always)]
    fn lowered(&self) -> RefCopy<'a, T> {
        const {
            assert!(
                !T::KEEPS_CLOSURES,
                "#[ffi]: a closure parameter `&T` of a record holding closures is not supported: \
                 the record cannot be copied for the call"
            )
        }
        if T::IDENTITY {
            RefCopy::Same(self.0)
        } else {
            RefCopy::Copied(self.0.clone().into_abi())
        }
    }
}

/// The pointer form of [`RefArg`] (any other `T`: it must be its own C form).
pub trait RefByPointer<T: ?Sized> {
    /// The argument in the form the foreign side receives.
    fn lowered(&self) -> RefPointer<T>;
}

impl<T: crate::FfiPointee + ?Sized> RefByPointer<T> for &RefArg<'_, T> {
    #[inline(always)]
    /// `T` is its own C form: checked where the parameter is described (always with it).
    fn lowered(&self) -> RefPointer<T> {
        RefPointer(self.0)
    }
}

/// The type of a `&T` closure parameter, for its description: `(&RefType::<T>::NEW).describe()`
/// picks [`RefDescribeCopy`] or [`RefDescribePointer`] as [`RefArg`] does.
pub struct RefType<T: ?Sized>(core::marker::PhantomData<fn() -> *const T>);

impl<T: ?Sized> RefType<T> {
    /// The marker.
    pub const NEW: Self = RefType(core::marker::PhantomData);
}

/// The description of a `&T` parameter whose `T` is copied for the call.
pub trait RefDescribeCopy {
    /// The parameter's describe function.
    fn describe(&self) -> fn(&mut Registry) -> TypeRef;
}

impl<T: FfiType + Clone> RefDescribeCopy for RefType<T> {
    fn describe(&self) -> fn(&mut Registry) -> TypeRef {
        |reg| TypeRef::pointer(T::describe(reg), false, PointerKind::Reference)
    }
}

/// The description of a `&T` parameter passed as a plain pointer.
pub trait RefDescribePointer {
    /// The parameter's describe function.
    fn describe(&self) -> fn(&mut Registry) -> TypeRef;
}

impl<T: crate::FfiPointee + ?Sized> RefDescribePointer for &RefType<T> {
    fn describe(&self) -> fn(&mut Registry) -> TypeRef {
        const {
            assert!(
                <T as crate::FfiPointee>::BY_POINTER,
                "#[ffi]: a closure parameter `&T` where `T` owns data or holds views (String, \
                 Vec<T>, &str, &[T], a tuple, or an #[ffi] struct with such a field) needs \
                 `T: Clone` (a copy in C form crosses for the call, ADR 58): derive Clone, or take \
                 it by value"
            )
        }
        |reg| TypeRef::pointer(T::describe_pointee(reg), false, PointerKind::Reference)
    }
}
