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
//! callee); its return value is C-compatible (checked at compile time) and checked when it comes back.
//! Up to six parameters. Signatures with borrowed parameters (`&str`, `&T`: higher-ranked in Rust)
//! are not covered by these impls: `#[ffi]` expands them per signature ([`super::callback_args`]).

use core::ffi::c_void;
use core::marker::PhantomData;
use core::mem::{ManuallyDrop, MaybeUninit, align_of, size_of};

use super::{Holder, Lift, LiftError, Lower};
use crate::FfiType;
use crate::abi::CallbackAbi;
use crate::abi::callback::{self, DropGuard, call_rust, drop_rust, into_context, returned};
use crate::model::{CallbackOwnership, CallbackType, FnPointerType, TypeRef};
use crate::registry::Registry;

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

macro_rules! callbacks {
    ($(($($a:ident $v:ident),*);)*) => {$(
        callbacks!(@borrowed [$($a $v),*] ());
        callbacks!(@borrowed [$($a $v),*] (+ Send));
        callbacks!(@borrowed [$($a $v),*] (+ Send + Sync));
        callbacks!(@borrowed_mut [$($a $v),*] ());
        callbacks!(@borrowed_mut [$($a $v),*] (+ Send));
        callbacks!(@boxed [$($a $v),*] Fn false ());
        callbacks!(@boxed [$($a $v),*] Fn false (+ Send));
        callbacks!(@boxed [$($a $v),*] Fn false (+ Send + Sync));
        callbacks!(@boxed [$($a $v),*] FnMut true ());
        callbacks!(@boxed [$($a $v),*] FnMut true (+ Send));
        callbacks!(@field [$($a $v),*] Fn false ());
        callbacks!(@field [$($a $v),*] Fn false (+ Send));
        callbacks!(@field [$($a $v),*] Fn false (+ Send + Sync));
        callbacks!(@field [$($a $v),*] FnMut true ());
        callbacks!(@field [$($a $v),*] FnMut true (+ Send));
        callbacks!(@returned [$($a $v),*] Fn ());
        callbacks!(@returned [$($a $v),*] Fn (+ Send));
        callbacks!(@returned [$($a $v),*] Fn (+ Send + Sync));
        callbacks!(@signature [$($a $v),*] Fn ());
        callbacks!(@signature [$($a $v),*] Fn (+ Send));
        callbacks!(@signature [$($a $v),*] Fn (+ Send + Sync));
        callbacks!(@signature [$($a $v),*] FnMut ());
        callbacks!(@signature [$($a $v),*] FnMut (+ Send));
        callbacks!(@fn_pointer [$($a $v),*] (extern "C" fn));
        callbacks!(@fn_pointer [$($a $v),*] (unsafe extern "C" fn));
    )*};

    (@sendable) => { false };
    (@sendable $($bound:tt)+) => { true };

    (@call_ty [$($a:ident)*]) => {
        unsafe extern "C" fn(*mut c_void, $(<$a as FfiType>::Abi),*) -> <R as FfiType>::Abi
    };

    // `&dyn Fn(..) -> R` with each set of auto traits, and `Option` of it.
    (@borrowed [$($a:ident $v:ident),*] ($($bound:tt)*)) => {
        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for &'a (dyn Fn($($a),*) -> R $($bound)* + 'b) {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = HeldRef<'a, dyn Fn($($a),*) -> R $($bound)* + 'b>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| crate::python::callback::describe(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_c_compatible::<R>,
                CallbackOwnership::Borrowed, false, false,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline(always)]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let (parts, guard) = unsafe { callback::take_required(abi) }?.split();
                Ok(held_ref(guard, move |$($v: $a),*| -> R {
                    let parts = parts; // the whole (Send, Sync) value, not its fields
                    // SAFETY: the foreign side's function with its context, arguments in ABI form.
                    returned::<R>(unsafe { (parts.call)(parts.context, $($v.into_abi()),*) })
                }, |c| c))
            }
        }

        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for Option<&'a (dyn Fn($($a),*) -> R $($bound)* + 'b)> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = Option<HeldRef<'a, dyn Fn($($a),*) -> R $($bound)* + 'b>>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| crate::python::callback::describe(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_c_compatible::<R>,
                CallbackOwnership::Borrowed, false, true,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline(always)]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let Some(foreign) = (unsafe { callback::take(abi) }) else { return Ok(None) };
                let (parts, guard) = foreign.split();
                Ok(Some(held_ref(guard, move |$($v: $a),*| -> R {
                    let parts = parts;
                    // SAFETY: as above.
                    returned::<R>(unsafe { (parts.call)(parts.context, $($v.into_abi()),*) })
                }, |c| c)))
            }
        }
    };

    (@borrowed_mut [$($a:ident $v:ident),*] ($($bound:tt)*)) => {
        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for &'a mut (dyn FnMut($($a),*) -> R $($bound)* + 'b) {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = HeldMut<'a, dyn FnMut($($a),*) -> R $($bound)* + 'b>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| crate::python::callback::describe(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_c_compatible::<R>,
                CallbackOwnership::Borrowed, true, false,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline(always)]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let (parts, guard) = unsafe { callback::take_required(abi) }?.split();
                Ok(held_mut(guard, move |$($v: $a),*| -> R {
                    let parts = parts;
                    // SAFETY: as for `&dyn Fn`.
                    returned::<R>(unsafe { (parts.call)(parts.context, $($v.into_abi()),*) })
                }, |c| c))
            }
        }

        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for Option<&'a mut (dyn FnMut($($a),*) -> R $($bound)* + 'b)> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = Option<HeldMut<'a, dyn FnMut($($a),*) -> R $($bound)* + 'b>>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| crate::python::callback::describe(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_c_compatible::<R>,
                CallbackOwnership::Borrowed, true, true,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline(always)]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let Some(foreign) = (unsafe { callback::take(abi) }) else { return Ok(None) };
                let (parts, guard) = foreign.split();
                Ok(Some(held_mut(guard, move |$($v: $a),*| -> R {
                    let parts = parts;
                    // SAFETY: as for `&dyn Fn`.
                    returned::<R>(unsafe { (parts.call)(parts.context, $($v.into_abi()),*) })
                }, |c| c)))
            }
        }
    };

    // `Box<dyn Fn(..) -> R + …>` (kept): the closure owns the foreign callback.
    (@boxed [$($a:ident $v:ident),*] $tr:ident $mutable:literal ($($bound:tt)*)) => {
        unsafe impl<$($a: FfiType + 'static,)* R: FfiType + 'static> Lift for Box<dyn $tr($($a),*) -> R $($bound)*> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = ManuallyDrop<Self>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| crate::python::callback::describe(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_c_compatible::<R>,
                CallbackOwnership::Owned, $mutable, false,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let foreign = unsafe { callback::take_required(abi) }?;
                Ok(ManuallyDrop::new(Box::new(move |$($v: $a),*| -> R {
                    let parts = foreign.parts();
                    // SAFETY: as for `&dyn Fn`; `foreign` is alive (this closure owns it).
                    returned::<R>(unsafe { (parts.call)(parts.context, $($v.into_abi()),*) })
                })))
            }
        }

        unsafe impl<$($a: FfiType + 'static,)* R: FfiType + 'static> Lift for Option<Box<dyn $tr($($a),*) -> R $($bound)*>> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = ManuallyDrop<Self>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| crate::python::callback::describe(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_c_compatible::<R>,
                CallbackOwnership::Owned, $mutable, true,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let Some(foreign) = (unsafe { callback::take(abi) }) else {
                    return Ok(ManuallyDrop::new(None));
                };
                Ok(ManuallyDrop::new(Some(Box::new(move |$($v: $a),*| -> R {
                    let parts = foreign.parts();
                    // SAFETY: as above.
                    returned::<R>(unsafe { (parts.call)(parts.context, $($v.into_abi()),*) })
                }))))
            }
        }
    };

    // The same, as a record field (ADR 30): lifted from the record's memory, which hands the
    // callback to Rust; released (its `drop` called) when the record is not lifted.
    (@field [$($a:ident $v:ident),*] $tr:ident $mutable:literal ($($bound:tt)*)) => {
        unsafe impl<$($a: FfiType + 'static,)* R: FfiType + 'static> FfiType for Box<dyn $tr($($a),*) -> R $($bound)*> {
            fn describe(reg: &mut Registry) -> TypeRef {
                (<Self as Lift>::DESCRIBE)(reg)
            }
            /// A closure returning `R`'s panic value (never called: such records are not returned).
            fn panic_value() -> Self {
                Box::new(|$(_: $a),*| R::panic_value())
            }
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            const IDENTITY: bool = false;
            const KEEPS_CLOSURES: bool = true;
            #[inline]
            unsafe fn from_abi(p: *const Self::Abi) -> Result<Self, LiftError> {
                // SAFETY: one readable callback (the caller's promise), taken once.
                unsafe { <Self as Lift>::lift(p.read_unaligned()) }.map(ManuallyDrop::into_inner)
            }
            /// A record holding closures crosses as a parameter only (the generators refuse it
            /// elsewhere): the closure is dropped here and the foreign side gets no callback.
            fn into_abi(self) -> Self::Abi {
                drop(self);
                null_callback()
            }
            #[inline]
            unsafe fn release_abi(p: *const Self::Abi) {
                // SAFETY: one readable callback, not taken (the caller's promise).
                release(unsafe { p.read_unaligned() });
            }
        }

        unsafe impl<$($a: FfiType + 'static,)* R: FfiType + 'static> FfiType for Option<Box<dyn $tr($($a),*) -> R $($bound)*>> {
            fn describe(reg: &mut Registry) -> TypeRef {
                (<Self as Lift>::DESCRIBE)(reg)
            }
            fn panic_value() -> Self {
                None
            }
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            const IDENTITY: bool = false;
            const KEEPS_CLOSURES: bool = true;
            #[inline]
            unsafe fn from_abi(p: *const Self::Abi) -> Result<Self, LiftError> {
                // SAFETY: as above.
                unsafe { <Self as Lift>::lift(p.read_unaligned()) }.map(ManuallyDrop::into_inner)
            }
            /// As for the required form.
            fn into_abi(self) -> Self::Abi {
                drop(self);
                null_callback()
            }
            #[inline]
            unsafe fn release_abi(p: *const Self::Abi) {
                // SAFETY: as above.
                release(unsafe { p.read_unaligned() });
            }
        }
    };

    // A returned `Box<dyn Fn(..) -> R + …>`: a Rust closure the foreign side calls and drops.
    (@returned [$($a:ident $v:ident),*] $tr:ident ($($bound:tt)*)) => {
        unsafe impl<$($a: FfiType + 'static,)* R: FfiType + 'static> Lower for Box<dyn Fn($($a),*) -> R $($bound)*> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_c_compatible::<R>,
                CallbackOwnership::Owned, false, false,
            );
            fn lower(self) -> Self::Abi {
                #[allow(clippy::too_many_arguments)]
                unsafe extern "C" fn call<$($a: FfiType + 'static,)* R: FfiType + 'static>(
                    context: *mut c_void, $($v: <$a as FfiType>::Abi),*
                ) -> <R as FfiType>::Abi {
                    // SAFETY: the context `lower` made, not dropped yet (the foreign side's promise).
                    unsafe {
                        call_rust::<dyn Fn($($a),*) -> R $($bound)*, R>(context, |f| {
                            $(let $v = <$a as FfiType>::from_abi(&$v)?;)*
                            Ok(f($($v),*))
                        })
                    }
                }
                CallbackAbi {
                    call: Some(call::<$($a,)* R>),
                    context: into_context(self),
                    drop: Some(drop_rust::<dyn Fn($($a),*) -> R $($bound)*>),
                }
            }
            #[inline(always)]
            fn panic_abi() -> Self::Abi {
                null_callback()
            }
        }
    };

    (@signature [$($a:ident $v:ident),*] $tr:ident ($($bound:tt)*)) => {
        impl<$($a: FfiType,)* R: FfiType> callback::Signature for dyn $tr($($a),*) -> R $($bound)* {
            fn describe_signature(reg: &mut Registry) -> (Vec<TypeRef>, TypeRef) {
                (vec![$(<$a as FfiType>::describe(reg)),*], describe_c_compatible::<R>(reg))
            }
        }
    };

    // `extern "C" fn(..) -> R` and `unsafe extern "C" fn`, and `Option` of them.
    (@fn_pointer [$($a:ident $v:ident),*] ($($f:tt)*)) => {
        unsafe impl<$($a: FfiType,)* R: FfiType> Lift for $($f)*($($a),*) -> R {
            type Abi = Option<Self>;
            type Held = ManuallyDrop<Self>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| describe_fn_pointer(
                reg, &[$(describe_c_compatible::<$a>),*], describe_c_compatible::<R>, false,
            );
            #[inline(always)]
            unsafe fn lift(abi: Option<Self>) -> Result<Self::Held, LiftError> {
                abi.map(ManuallyDrop::new).ok_or_else(LiftError::null)
            }
        }

        unsafe impl<$($a: FfiType,)* R: FfiType> Lift for Option<$($f)*($($a),*) -> R> {
            type Abi = Self;
            type Held = ManuallyDrop<Self>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| describe_fn_pointer(
                reg, &[$(describe_c_compatible::<$a>),*], describe_c_compatible::<R>, true,
            );
            #[inline(always)]
            unsafe fn lift(abi: Self) -> Result<Self::Held, LiftError> {
                Ok(ManuallyDrop::new(abi))
            }
        }

        unsafe impl<$($a: FfiType,)* R: FfiType> Lower for $($f)*($($a),*) -> R {
            type Abi = Option<Self>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| describe_fn_pointer(
                reg, &[$(describe_c_compatible::<$a>),*], describe_c_compatible::<R>, false,
            );
            #[inline(always)]
            fn lower(self) -> Option<Self> {
                Some(self)
            }
            #[inline(always)]
            fn panic_abi() -> Option<Self> {
                None
            }
        }

        unsafe impl<$($a: FfiType,)* R: FfiType> Lower for Option<$($f)*($($a),*) -> R> {
            type Abi = Self;
            const DESCRIBE: crate::registry::DescribeFn = |reg| describe_fn_pointer(
                reg, &[$(describe_c_compatible::<$a>),*], describe_c_compatible::<R>, true,
            );
            #[inline(always)]
            fn lower(self) -> Self {
                self
            }
            #[inline(always)]
            fn panic_abi() -> Self {
                None
            }
        }
    };
}

callbacks! {
    ();
    (A0 a0);
    (A0 a0, A1 a1);
    (A0 a0, A1 a1, A2 a2);
    (A0 a0, A1 a1, A2 a2, A3 a3);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4);
    (A0 a0, A1 a1, A2 a2, A3 a3, A4 a4, A5 a5);
}
