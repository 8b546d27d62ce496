//! Closures and function pointers: how `impl Fn`, `&dyn Fn`, `&mut dyn FnMut`, `Box<dyn Fn + Send +
//! Sync>`, `Box<dyn FnMut + Send>`, `Option` of each and `extern "C" fn` cross (runtime in
//! [`crate::abi::callback`]).
//!
//! | Rust type | ABI | receiver |
//! |---|---|---|
//! | `&dyn Fn(A) -> R`, `&mut dyn FnMut(A) -> R` (and `impl Fn`/`impl FnMut`, which `#[ffi]` passes as those) | [`CallbackAbi`] | borrowed: `drop` after the call |
//! | `Box<dyn Fn(A) -> R + Send + Sync>`, `Box<dyn FnMut(A) -> R + Send>` (also without the bounds) | [`CallbackAbi`] | kept: `drop` when Rust drops it |
//! | `Option<…>` of those | [`CallbackAbi`], `call` NULL for `None` | as above |
//! | returned `Box<dyn Fn(A) -> R + Send + Sync>` | [`CallbackAbi`] over the Rust closure | the foreign side calls `drop` |
//! | `extern "C" fn(A) -> R`, `Option<…>` | the function pointer (NULL refused / `None`) | — |
//!
//! Arguments of a closure cross in their ABI form ([`FfiType::into_abi`]: owned values pass to the
//! callee); its return value is C-compatible (returned by value) or owned data written to a slot Rust
//! passes (ADR 54), checked at compile time and when it comes back.
//! Up to six parameters. Signatures with borrowed parameters (`&str`, `&T`: higher-ranked in Rust)
//! are not covered by these impls: `#[ffi]` expands them per signature ([`super::callback_args`]).
//!
//! This module holds what the shims keep of a closure and the descriptors; [`impls`] the trait impls
//! for each arity and form.

use core::marker::PhantomData;
use core::mem::{MaybeUninit, align_of, size_of};

use super::Holder;
use crate::FfiType;
use crate::abi::CallbackAbi;
use crate::abi::callback::DropGuard;
use crate::model::{CallbackOwnership, CallbackType, FnPointerType, TypeRef};
use crate::registry::Registry;

mod impls;

/// What a shim keeps of a borrowed `&dyn Fn`: the closure built over the foreign callback (stored
/// inline, no allocation) and the guard calling its `drop` when the call has returned.
pub struct HeldRef<'a, T: ?Sized + 'a> {
    storage: MaybeUninit<[usize; 2]>,
    coerce: unsafe fn(*const u8) -> *const T,
    _guard: DropGuard,
    _life: PhantomData<&'a T>,
}

/// As [`HeldRef`], for `&mut dyn FnMut`.
pub struct HeldMut<'a, T: ?Sized + 'a> {
    storage: MaybeUninit<[usize; 2]>,
    coerce: unsafe fn(*mut u8) -> *mut T,
    _guard: DropGuard,
    _life: PhantomData<&'a mut T>,
}

/// Stores `closure` (which captures only `Copy` data: nothing to drop) in a [`HeldRef`].
#[inline(always)]
pub(crate) fn held_ref<'a, C: 'a, T: ?Sized + 'a>(
    guard: DropGuard,
    closure: C,
    coerce: fn(&C) -> &T,
) -> HeldRef<'a, T> {
    const { assert!(size_of::<C>() <= size_of::<[usize; 2]>() && align_of::<C>() <= align_of::<usize>()) }
    let mut storage = MaybeUninit::<[usize; 2]>::uninit();
    // SAFETY: the closure fits (checked above) and is never dropped (it owns nothing).
    unsafe { storage.as_mut_ptr().cast::<C>().write(closure) };
    HeldRef {
        storage,
        // SAFETY: `&C` and `*const u8` are both thin pointers, `&T` and `*const T` the same fat
        // pointer: the two function pointer types are ABI-compatible.
        coerce: unsafe {
            core::mem::transmute::<fn(&C) -> &T, unsafe fn(*const u8) -> *const T>(coerce)
        },
        _guard: guard,
        _life: PhantomData,
    }
}

/// As [`held_ref`], for `&mut dyn FnMut`.
#[inline(always)]
pub(crate) fn held_mut<'a, C: 'a, T: ?Sized + 'a>(
    guard: DropGuard,
    closure: C,
    coerce: fn(&mut C) -> &mut T,
) -> HeldMut<'a, T> {
    const { assert!(size_of::<C>() <= size_of::<[usize; 2]>() && align_of::<C>() <= align_of::<usize>()) }
    let mut storage = MaybeUninit::<[usize; 2]>::uninit();
    // SAFETY: as in `held_ref`.
    unsafe { storage.as_mut_ptr().cast::<C>().write(closure) };
    HeldMut {
        storage,
        // SAFETY: as in `held_ref`.
        coerce: unsafe {
            core::mem::transmute::<fn(&mut C) -> &mut T, unsafe fn(*mut u8) -> *mut T>(coerce)
        },
        _guard: guard,
        _life: PhantomData,
    }
}

impl<'a, T: ?Sized + 'a> Holder for HeldRef<'a, T> {
    type Arg = &'a T;

    #[inline(always)]
    unsafe fn take(&mut self) -> &'a T {
        // SAFETY: the storage holds the closure `coerce` was made for; the shim keeps `self` alive
        // (and unmoved) while the result is used (the caller's promise).
        unsafe { &*(self.coerce)(self.storage.as_ptr().cast()) }
    }
}

impl<'a, T: ?Sized + 'a> Holder for HeldMut<'a, T> {
    type Arg = &'a mut T;

    #[inline(always)]
    unsafe fn take(&mut self) -> &'a mut T {
        // SAFETY: as for `HeldRef`.
        unsafe { &mut *(self.coerce)(self.storage.as_mut_ptr().cast()) }
    }
}

impl<H: Holder> Holder for Option<H> {
    type Arg = Option<H::Arg>;

    #[inline(always)]
    unsafe fn take(&mut self) -> Option<H::Arg> {
        // SAFETY: forwarded.
        self.as_mut().map(|h| unsafe { h.take() })
    }
}

/// The description of a closure type.
pub fn describe_callback(
    reg: &mut Registry,
    params: &[fn(&mut Registry) -> TypeRef],
    returns: fn(&mut Registry) -> TypeRef,
    ownership: CallbackOwnership,
    mutable: bool,
    nullable: bool,
) -> TypeRef {
    TypeRef::Callback(CallbackType {
        params: params.iter().map(|d| d(reg)).collect(),
        returns: Box::new(returns(reg)),
        ownership,
        mutable,
        nullable,
        name: None,
        alias_hint: Vec::new(),
    })
}

/// The description of a function pointer type.
pub fn describe_fn_pointer(
    reg: &mut Registry,
    params: &[fn(&mut Registry) -> TypeRef],
    returns: fn(&mut Registry) -> TypeRef,
    nullable: bool,
) -> TypeRef {
    TypeRef::FnPointer(FnPointerType {
        params: params.iter().map(|d| d(reg)).collect(),
        returns: Box::new(returns(reg)),
        nullable,
    })
}

/// `T`'s description, refusing at compile time a type that is not C-compatible (the parameters of a
/// function pointer, the return value of a closure).
pub fn describe_c_compatible<T: FfiType>(reg: &mut Registry) -> TypeRef {
    const {
        assert!(
            T::IDENTITY,
            "#[ffi]: a callback returns, and a function pointer takes and returns, C-compatible \
             values only (numbers, bool, enums, pointers, #[ffi] structs of those)"
        )
    }
    T::describe(reg)
}

pub use super::callback_args::describe_callback_return;

/// A generic closure's description, with its entry for the compiled Python path: `entry` when its
/// return type is C-compatible, else the entry of the same signature whose result goes to a slot
/// (owned data, ADR 54).
pub fn python_describe<R: FfiType>(
    described: TypeRef,
    entry: &'static crate::python::callback::CallbackEntry,
    sendable: bool,
) -> TypeRef {
    match entry.slot {
        Some(slot) if !R::RETURNS_BY_VALUE => {
            crate::python::callback::describe(described, slot, sendable)
        }
        _ => crate::python::callback::describe(described, entry, sendable),
    }
}

/// Calls the `drop` of a callback in a record that was not lifted (ADR 30).
#[inline]
fn release<F>(abi: CallbackAbi<Option<F>>) {
    if let Some(drop) = abi.drop {
        // SAFETY: the foreign side passed `drop` for `context`; the callback was not taken, so
        // this is its one call.
        unsafe { drop(abi.context) };
    }
}

/// A closure that is never called: the panic value of a kept closure inside data.
type CallOf<F> = Option<F>;

/// The ABI value of a NULL callback.
#[inline(always)]
pub fn null_callback<F>() -> CallbackAbi<CallOf<F>> {
    CallbackAbi {
        call: None,
        context: core::ptr::null_mut(),
        drop: None,
    }
}
