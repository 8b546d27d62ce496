//! [`FfiType`] and [`FfiPointee`] for the built-in types: primitives, `bool`, `c_void`, references,
//! raw pointers and fixed-size arrays.

use core::ffi::c_void;

use super::{ArgKeep, FfiPointee, FfiType};
use crate::abi::LiftError;
use crate::model::{PointerKind, Primitive, TypeRef};
use crate::registry::Registry;

macro_rules! primitives {
    ((), $($t:ty => $p:ident),* $(,)?) => {
        unsafe impl FfiType for () {
            #[inline]
            fn describe(_: &mut Registry) -> TypeRef {
                TypeRef::primitive(Primitive::Unit)
            }
            #[inline(always)]
            fn panic_value() -> Self {}
            $crate::__ffi_identity_abi!();
        }
        primitives!($($t => $p),*);
    };
    ($($t:ty => $p:ident),* $(,)?) => {$(
        unsafe impl FfiType for $t {
            #[inline]
            fn describe(_: &mut Registry) -> TypeRef {
                TypeRef::primitive(Primitive::$p)
            }
            /// `0`, `0.0`, `false`, `()`.
            #[inline(always)]
            fn panic_value() -> Self {
                <$t as Default>::default()
            }
            $crate::__ffi_identity_abi!();
        }
    )*};
}

primitives! {
    (),
    u8 => U8, u16 => U16, u32 => U32, u64 => U64, usize => Usize,
    i8 => I8, i16 => I16, i32 => I32, i64 => I64, isize => Isize,
    f32 => F32, f64 => F64,
}

/// `bool` is one byte, 0 or 1: any other byte is rejected when lifted.
unsafe impl FfiType for bool {
    #[inline]
    fn describe(_: &mut Registry) -> TypeRef {
        TypeRef::primitive(Primitive::Bool)
    }
    /// `false`.
    #[inline(always)]
    fn panic_value() -> Self {
        false
    }
    crate::__ffi_identity_abi!();
    const VALIDATE: bool = true;
    #[inline(always)]
    unsafe fn validate(p: *const Self) -> Result<(), LiftError> {
        // SAFETY: the caller guarantees one readable byte.
        match unsafe { p.cast::<u8>().read() } {
            0 | 1 => Ok(()),
            other => Err(LiftError::bool(other)),
        }
    }
}

unsafe impl FfiPointee for c_void {
    fn describe_pointee(_: &mut Registry) -> TypeRef {
        TypeRef::primitive(Primitive::CVoid)
    }
}

unsafe impl<T: FfiPointee + ?Sized> FfiType for &T {
    crate::__ffi_identity_abi!();

    fn describe(reg: &mut Registry) -> TypeRef {
        crate::__ffi_assert_by_pointer!(T);
        TypeRef::pointer(T::describe_pointee(reg), false, PointerKind::Reference)
    }
    /// Never called for a return value (`#[ffi]` rejects `-> &T`); see [`FfiType::panic_value`].
    #[cold]
    fn panic_value() -> Self {
        no_panic_value()
    }
    /// A reference field (`&'static T`) must not be NULL; its target is not followed.
    const VALIDATE: bool = true;
    #[inline(always)]
    unsafe fn validate(p: *const Self) -> Result<(), LiftError> {
        // SAFETY: the caller guarantees a readable pointer-sized value.
        match unsafe { p.cast::<*const u8>().read_unaligned() }.is_null() {
            true => Err(LiftError::null()),
            false => Ok(()),
        }
    }
    /// A pointer to `T`'s C form: `T` itself, or a copy of a record owning data (ADR 61).
    #[inline(always)]
    unsafe fn lift_arg(p: *const Self) -> Result<(Self, ArgKeep), LiftError> {
        // SAFETY: the caller guarantees a readable pointer-sized value.
        let target = unsafe { p.cast::<*const T>().read_unaligned() };
        // SAFETY: forwarded.
        unsafe { T::lift_ref_arg(target) }
    }
    /// A pointer to `T`'s C form, whatever `T` holds (ADR 61).
    fn describe_arg(reg: &mut Registry) -> TypeRef {
        TypeRef::pointer(T::describe_pointee(reg), false, PointerKind::Reference)
    }
}

unsafe impl<T: FfiPointee + ?Sized> FfiType for &mut T {
    crate::__ffi_identity_abi!();

    fn describe(reg: &mut Registry) -> TypeRef {
        crate::__ffi_assert_by_pointer!(T);
        TypeRef::pointer(T::describe_pointee(reg), true, PointerKind::Reference)
    }
    /// Never called for a return value (`#[ffi]` rejects `-> &T`); see [`FfiType::panic_value`].
    #[cold]
    fn panic_value() -> Self {
        no_panic_value()
    }
    /// As for `&T`.
    const VALIDATE: bool = true;
    #[inline(always)]
    unsafe fn validate(p: *const Self) -> Result<(), LiftError> {
        // SAFETY: the caller guarantees a readable pointer-sized value.
        match unsafe { p.cast::<*const u8>().read_unaligned() }.is_null() {
            true => Err(LiftError::null()),
            false => Ok(()),
        }
    }
}

// `Option<&T>` and `Option<&mut T>` (nullable pointers): see `abi::convert::options`.

unsafe impl<T: FfiPointee> FfiType for *const T {
    crate::__ffi_identity_abi!();

    fn describe(reg: &mut Registry) -> TypeRef {
        crate::__ffi_assert_by_pointer!(T);
        TypeRef::pointer(T::describe_pointee(reg), false, PointerKind::Raw)
    }

    #[inline(always)]
    // Every pointee is sized (`FfiPointee` is only implemented for sized types), so NULL is thin.
    fn panic_value() -> Self {
        core::ptr::null()
    }
}

unsafe impl<T: FfiPointee> FfiType for *mut T {
    crate::__ffi_identity_abi!();

    fn describe(reg: &mut Registry) -> TypeRef {
        crate::__ffi_assert_by_pointer!(T);
        TypeRef::pointer(T::describe_pointee(reg), true, PointerKind::Raw)
    }

    #[inline(always)]
    fn panic_value() -> Self {
        core::ptr::null_mut()
    }
}

/// A reference has no safe "panic value". Only reachable through a struct with a `&'static T` field
/// returned by value from a function that panicked: the process cannot continue with a dangling
/// reference, so it aborts (a panic here would abort too, from inside the `extern "C"` shim).
#[cold]
#[inline(never)]
fn no_panic_value() -> ! {
    eprintln!(
        "interop-core: a panicking #[ffi] function returned a struct holding a reference, which has \
         no safe value to return instead; aborting"
    );
    std::process::abort()
}

/// Fixed-size arrays: allowed as struct fields (and behind pointers), never as parameters by value.
unsafe impl<T: FfiType, const N: usize> FfiType for [T; N] {
    fn describe(reg: &mut Registry) -> TypeRef {
        const {
            assert!(
                T::IDENTITY,
                "#[ffi]: arrays of strings, vectors, views or records holding them are not \
                 supported; use a Vec<T>"
            )
        }
        TypeRef::array(T::describe(reg), N as u64)
    }

    crate::__ffi_identity_abi!();

    #[inline(always)]
    fn panic_value() -> Self {
        core::array::from_fn(|_| T::panic_value())
    }

    const VALIDATE: bool = T::VALIDATE;

    /// Every element (errors name no index: the field holding the array is named by the caller).
    #[inline]
    unsafe fn validate(p: *const Self) -> Result<(), LiftError> {
        let first = p.cast::<T>();
        for i in 0..N {
            // SAFETY: element `i` lies inside the array the caller vouches for.
            unsafe { T::validate(first.wrapping_add(i)) }?;
        }
        Ok(())
    }
}
