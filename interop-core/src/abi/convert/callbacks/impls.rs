//! The conversion impls of closures and function pointers, for each arity (up to six parameters) and
//! each form: borrowed, kept (`Box`), a record's closure field, returned, and `extern "C" fn`.

use core::ffi::c_void;
use core::mem::ManuallyDrop;

use super::{
    HeldMut, HeldRef, describe_c_compatible, describe_callback, describe_callback_return,
    describe_fn_pointer, held_mut, held_ref, null_callback, python_describe, release,
};
use crate::FfiType;
use crate::abi::CallbackAbi;
use crate::abi::callback::{
    self, call_rust, call_rust_into, call_rust_result, drop_rust, into_context, returned,
    returned_in_slot_of,
};
use crate::abi::convert::callback_args::describe_callback_result;
use crate::abi::convert::{Lift, LiftError, Lower};
use crate::model::{CallbackOwnership, TypeRef};
use crate::registry::Registry;

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

    // One call of a foreign closure: a C-compatible `R` is returned by value; any other (owned
    // data, ADR 54) is written to a zeroed slot passed last: the same function pointer, called with
    // the signature the foreign side gave it (`void call(context, args…, R *ret)`).
    (@invoke $parts:ident [$($a:ident $v:ident),*]) => {
        if <R as FfiType>::RETURNS_BY_VALUE {
            // SAFETY: the foreign side's function with its context, arguments in ABI form.
            returned::<R>(unsafe { ($parts.call)($parts.context, $($v.into_abi()),*) })
        } else {
            // SAFETY: for such an `R` the foreign side's `call` has this signature (ADR 54).
            let call: unsafe extern "C" fn(*mut c_void, $(<$a as FfiType>::Abi,)* *mut <R as FfiType>::Abi) =
                unsafe { core::mem::transmute($parts.call) };
            // The library's own compiled Python trampoline of this signature (its address is not
            // exported): the slot's text is UTF-8 by construction (ADR 54, third addendum).
            let known_utf8 = core::ptr::eq(
                $parts.call as *const (),
                const {
                    match <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY.slot {
                        Some(entry) => entry.trampoline,
                        None => core::ptr::null(),
                    }
                },
            );
            // SAFETY: as above; the slot is writable for the call.
            returned_in_slot_of::<R>(known_utf8, |slot| unsafe {
                call($parts.context, $($v.into_abi(),)* slot)
            })
        }
    };

    (@call_ty [$($a:ident)*]) => {
        unsafe extern "C" fn(*mut c_void, $(<$a as FfiType>::Abi),*) -> <R as FfiType>::Abi
    };

    // `&dyn Fn(..) -> R` with each set of auto traits, and `Option` of it.
    (@borrowed [$($a:ident $v:ident),*] ($($bound:tt)*)) => {
        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for &'a (dyn Fn($($a),*) -> R $($bound)* + 'b) {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = HeldRef<'a, dyn Fn($($a),*) -> R $($bound)* + 'b>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| python_describe::<R>(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_callback_return::<R>,
                CallbackOwnership::Borrowed, false, false,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline(always)]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let (parts, guard) = unsafe { callback::take_required(abi) }?.split();
                Ok(held_ref(guard, move |$($v: $a),*| -> R {
                    let parts = parts; // the whole (Send, Sync) value, not its fields
                    // SAFETY: the foreign side's function with its context, arguments in ABI form.
                    callbacks!(@invoke parts [$($a $v),*])
                }, |c| c))
            }
        }

        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for Option<&'a (dyn Fn($($a),*) -> R $($bound)* + 'b)> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = Option<HeldRef<'a, dyn Fn($($a),*) -> R $($bound)* + 'b>>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| python_describe::<R>(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_callback_return::<R>,
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
                    callbacks!(@invoke parts [$($a $v),*])
                }, |c| c)))
            }
        }
    };

    (@borrowed_mut [$($a:ident $v:ident),*] ($($bound:tt)*)) => {
        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for &'a mut (dyn FnMut($($a),*) -> R $($bound)* + 'b) {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = HeldMut<'a, dyn FnMut($($a),*) -> R $($bound)* + 'b>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| python_describe::<R>(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_callback_return::<R>,
                CallbackOwnership::Borrowed, true, false,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline(always)]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let (parts, guard) = unsafe { callback::take_required(abi) }?.split();
                Ok(held_mut(guard, move |$($v: $a),*| -> R {
                    let parts = parts;
                    // SAFETY: as for `&dyn Fn`.
                    callbacks!(@invoke parts [$($a $v),*])
                }, |c| c))
            }
        }

        unsafe impl<'a, 'b: 'a, $($a: FfiType + 'b,)* R: FfiType + 'b> Lift for Option<&'a mut (dyn FnMut($($a),*) -> R $($bound)* + 'b)> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = Option<HeldMut<'a, dyn FnMut($($a),*) -> R $($bound)* + 'b>>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| python_describe::<R>(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_callback_return::<R>,
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
                    callbacks!(@invoke parts [$($a $v),*])
                }, |c| c)))
            }
        }
    };

    // `Box<dyn Fn(..) -> R + …>` (kept): the closure owns the foreign callback.
    (@boxed [$($a:ident $v:ident),*] $tr:ident $mutable:literal ($($bound:tt)*)) => {
        unsafe impl<$($a: FfiType + 'static,)* R: FfiType + 'static> Lift for Box<dyn $tr($($a),*) -> R $($bound)*> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = ManuallyDrop<Self>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| python_describe::<R>(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_callback_return::<R>,
                CallbackOwnership::Owned, $mutable, false,
            ), <callbacks!(@call_ty [$($a)*]) as crate::python::callback::CallType>::ENTRY, callbacks!(@sendable $($bound)*));
            #[inline]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: forwarded from the caller.
                let foreign = unsafe { callback::take_required(abi) }?;
                Ok(ManuallyDrop::new(Box::new(move |$($v: $a),*| -> R {
                    let parts = foreign.parts();
                    // SAFETY: as for `&dyn Fn`; `foreign` is alive (this closure owns it).
                    callbacks!(@invoke parts [$($a $v),*])
                })))
            }
        }

        unsafe impl<$($a: FfiType + 'static,)* R: FfiType + 'static> Lift for Option<Box<dyn $tr($($a),*) -> R $($bound)*>> {
            type Abi = CallbackAbi<Option<callbacks!(@call_ty [$($a)*])>>;
            type Held = ManuallyDrop<Self>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| python_describe::<R>(describe_callback(
                reg, &[$(<$a as FfiType>::describe),*], describe_callback_return::<R>,
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
                    callbacks!(@invoke parts [$($a $v),*])
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
                reg, &[$(<$a as FfiType>::describe_arg),*], describe_callback_return::<R>,
                CallbackOwnership::Owned, false, false,
            );
            fn lower(self) -> Self::Abi {
                callbacks!(@handed [$($a $v),*] ($($bound)*) self, "a function")
            }
            fn lower_from(self, function: &'static crate::registry::FunctionDesc) -> Self::Abi {
                callbacks!(@handed [$($a $v),*] ($($bound)*) self, function.display())
            }
            #[inline(always)]
            fn panic_abi() -> Self::Abi {
                null_callback()
            }
        }

        // Returning `Result<T, E>` (ADR 56): `call` has the ADR 14 shape (status, slots).
        unsafe impl<$($a: FfiType + 'static,)* T: FfiType + 'static, E: FfiType + 'static> Lower
            for Box<dyn Fn($($a),*) -> Result<T, E> $($bound)*>
        {
            type Abi = CallbackAbi<Option<callbacks!(@result_ty [$($a)*])>>;
            const DESCRIBE: crate::registry::DescribeFn = |reg| describe_callback(
                reg, &[$(<$a as FfiType>::describe_arg),*], describe_callback_result::<T, E>,
                CallbackOwnership::Owned, false, false,
            );
            fn lower(self) -> Self::Abi {
                callbacks!(@handed_result [$($a $v),*] ($($bound)*) self, "a function")
            }
            fn lower_from(self, function: &'static crate::registry::FunctionDesc) -> Self::Abi {
                callbacks!(@handed_result [$($a $v),*] ($($bound)*) self, function.display())
            }
            #[inline(always)]
            fn panic_abi() -> Self::Abi {
                null_callback()
            }
        }
    };

    (@result_ty [$($a:ident)*]) => {
        unsafe extern "C" fn(*mut c_void, $(<$a as FfiType>::Abi,)* *mut <T as FfiType>::Abi, *mut <E as FfiType>::Abi) -> u8
    };

    // The callback struct of a returned closure (`closure`), named after `function` in its errors.
    // A C-compatible `R` is returned by `call`; owned data (ADR 56) is written to the slot the
    // caller passes last: `call` then has the ADR 54 signature `void call(context, args…, R *ret)`.
    (@handed [$($a:ident $v:ident),*] ($($bound:tt)*) $closure:expr, $function:expr) => {{
        #[allow(clippy::too_many_arguments)]
        unsafe extern "C" fn call<$($a: FfiType + 'static,)* R: FfiType + 'static>(
            context: *mut c_void, $($v: <$a as FfiType>::Abi),*
        ) -> <R as FfiType>::Abi {
            // SAFETY: the context `lower` made, not dropped yet (the foreign side's promise).
            unsafe {
                call_rust::<dyn Fn($($a),*) -> R $($bound)*, R>(context, |f| {
                    callbacks!(@lift_args f [$($a $v),*])
                })
            }
        }
        #[allow(clippy::too_many_arguments)]
        unsafe extern "C" fn call_into<$($a: FfiType + 'static,)* R: FfiType + 'static>(
            context: *mut c_void, $($v: <$a as FfiType>::Abi,)* ret: *mut <R as FfiType>::Abi
        ) {
            // SAFETY: as for `call`; `ret` is the caller's slot (NULL is refused).
            unsafe {
                call_rust_into::<dyn Fn($($a),*) -> R $($bound)*, R>(context, ret, |f| {
                    callbacks!(@lift_args f [$($a $v),*])
                })
            }
        }
        let call: callbacks!(@call_ty [$($a)*]) = if <R as FfiType>::RETURNS_BY_VALUE {
            call::<$($a,)* R>
        } else {
            // SAFETY: only the struct's field type differs: for such an `R` the foreign side calls
            // `call` with this signature (ADR 54, ADR 56), as `@invoke` does the other way.
            unsafe {
                core::mem::transmute::<
                    unsafe extern "C" fn(*mut c_void, $(<$a as FfiType>::Abi,)* *mut <R as FfiType>::Abi),
                    callbacks!(@call_ty [$($a)*]),
                >(call_into::<$($a,)* R>)
            }
        };
        CallbackAbi {
            call: Some(call),
            context: into_context::<dyn Fn($($a),*) -> R $($bound)*>($closure, $function),
            drop: Some(drop_rust::<dyn Fn($($a),*) -> R $($bound)*>),
        }
    }};

    // As `@handed`, for a closure returning `Result<T, E>`: `uint8_t call(context, args…, T *ok,
    // E *err)`, without `ok` for `Result<(), E>` (ADR 14).
    (@handed_result [$($a:ident $v:ident),*] ($($bound:tt)*) $closure:expr, $function:expr) => {{
        #[allow(clippy::too_many_arguments)]
        unsafe extern "C" fn call<$($a: FfiType + 'static,)* T: FfiType + 'static, E: FfiType + 'static>(
            context: *mut c_void, $($v: <$a as FfiType>::Abi,)* ok: *mut <T as FfiType>::Abi,
            err: *mut <E as FfiType>::Abi,
        ) -> u8 {
            // SAFETY: the context `lower` made, not dropped yet; the slots are the caller's.
            unsafe {
                call_rust_result::<dyn Fn($($a),*) -> Result<T, E> $($bound)*, T, E>(context, ok, err, |f| {
                    callbacks!(@lift_args f [$($a $v),*])
                })
            }
        }
        #[allow(clippy::too_many_arguments)]
        unsafe extern "C" fn call_unit<$($a: FfiType + 'static,)* T: FfiType + 'static, E: FfiType + 'static>(
            context: *mut c_void, $($v: <$a as FfiType>::Abi,)* err: *mut <E as FfiType>::Abi,
        ) -> u8 {
            // SAFETY: as above; `Result<(), E>` has no `ok` slot.
            unsafe {
                call_rust_result::<dyn Fn($($a),*) -> Result<T, E> $($bound)*, T, E>(
                    context, core::ptr::null_mut(), err, |f| { callbacks!(@lift_args f [$($a $v),*]) },
                )
            }
        }
        let call: callbacks!(@result_ty [$($a)*]) =
            if core::any::TypeId::of::<T>() == core::any::TypeId::of::<()>() {
                // SAFETY: `Result<(), E>`'s `call` has no `ok` slot (ADR 14): the foreign side calls
                // it with this signature.
                unsafe {
                    core::mem::transmute::<
                        unsafe extern "C" fn(*mut c_void, $(<$a as FfiType>::Abi,)* *mut <E as FfiType>::Abi) -> u8,
                        callbacks!(@result_ty [$($a)*]),
                    >(call_unit::<$($a,)* T, E>)
                }
            } else {
                call::<$($a,)* T, E>
            };
        CallbackAbi {
            call: Some(call),
            context: into_context::<dyn Fn($($a),*) -> Result<T, E> $($bound)*>($closure, $function),
            drop: Some(drop_rust::<dyn Fn($($a),*) -> Result<T, E> $($bound)*>),
        }
    }};

    // Lifts the arguments of a returned closure and calls it (`Err((index, e))` for the first that
    // does not lift). A `&T` of a record owning data points to a copy (ADR 61), kept by the second
    // half of each pair until the closure returned.
    (@lift_args $f:ident [$($a:ident $v:ident),*]) => {{
        // The parameter being lifted, for the message of one that does not lift.
        #[allow(unused_mut)]
        let mut index = 0usize;
        $(
            // (In the caller's `unsafe` block: the argument in its ABI form, as passed.)
            let $v = <$a as FfiType>::lift_arg(&$v).map_err(|e| (index, e))?;
            index += 1;
        )*
        let _ = index;
        Ok($f($($v.0),*))
    }};

    (@signature [$($a:ident $v:ident),*] $tr:ident ($($bound:tt)*)) => {
        impl<$($a: FfiType,)* R: FfiType> callback::Signature for dyn $tr($($a),*) -> R $($bound)* {
            fn describe_signature(reg: &mut Registry) -> (Vec<TypeRef>, TypeRef) {
                (vec![$(<$a as FfiType>::describe(reg)),*], describe_callback_return::<R>(reg))
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
