//! `Option<T>`: a nullable pointer for `Option<&T>` / `Option<&mut T>`, and for every type that
//! crosses by value (integers, floats, `bool`, `#[ffi]` structs and enums, `String`, `Vec<T>`,
//! `Box<[T]>`, and `Option`s of those) a tagged [`OptionAbi`] `{is_some, value}` with the value in
//! its ABI form inside data ([`FfiType::Abi`]): the same struct in every position (arguments,
//! returns, fields, elements).
//!
//! A coming `is_some` other than 0 or 1 is rejected ([`Invalid::OptionTag`](super::Invalid::OptionTag)); the value is read only
//! for 1, and then checked as `T` is. `None` goes out with `value` zeroed.
//!
//! One generic impl of [`FfiType`], [`Lift`] and [`Lower`] for `Option<T>` asks `T` how its option
//! crosses ([`Optional`]): the orphan rule forbids an impl for `Option<UserType>` in the user's crate,
//! and two generic impls (tagged and pointer) would overlap. `#[ffi]` implements [`Optional`] for
//! every struct and enum with [`__ffi_optional_by_value!`](crate::__ffi_optional_by_value).

use core::mem::{ManuallyDrop, MaybeUninit};

use super::{Lift, LiftError, Lower};
use crate::abi::OptionAbi;
use crate::model::{PointerKind, TypeRef};
use crate::registry::{DescribeFn, Registry};
use crate::{FfiPointee, FfiType};

/// How `Option<Self>` crosses the boundary. Do not implement by hand: `#[ffi]` does.
///
/// # Safety
/// As for [`FfiType`], [`Lift`] and [`Lower`] of `Option<Self>`, which forward here.
#[diagnostic::on_unimplemented(
    message = "`Option<{Self}>` cannot cross the FFI boundary",
    label = "not supported by #[ffi] inside an Option",
    note = "supported: Option<T> of bool, u8-u64, i8-i64, usize, isize, f32, f64, #[ffi] structs \
            and enums, String, Vec<T>, Box<[T]>, Option<T>; and Option<&T> / Option<&mut T> \
            (a nullable pointer)"
)]
pub unsafe trait Optional: Sized {
    /// `FfiType::Abi` of `Option<Self>`.
    type OptionAbi;
    /// `Lift::Abi` of `Option<Self>`.
    type OptionArg;
    /// `Lower::Abi` of `Option<Self>`.
    type OptionRet;
    /// `FfiType::IDENTITY` of `Option<Self>`.
    const OPTION_IDENTITY: bool;
    /// `FfiType::OWNS` of `Option<Self>`.
    const OPTION_OWNS: bool;
    fn describe_option(reg: &mut Registry) -> TypeRef;
    /// # Safety
    /// As for [`FfiType::from_abi`].
    unsafe fn option_from_abi(p: *const Self::OptionAbi) -> Result<Option<Self>, LiftError>;
    fn option_into_abi(value: Option<Self>) -> Self::OptionAbi;
    /// # Safety
    /// As for [`Lift::lift`].
    unsafe fn option_lift(abi: Self::OptionArg) -> Result<Option<Self>, LiftError>;
    fn option_lower(value: Option<Self>) -> Self::OptionRet;
    /// `FfiType::KEEPS_CLOSURES` of `Option<Self>` (a named callback type's `Box<…>`, ADR 60).
    const OPTION_KEEPS_CLOSURES: bool = false;
    /// `FfiType::release_abi` of `Option<Self>`.
    ///
    /// # Safety
    /// As for [`FfiType::release_abi`].
    #[inline(always)]
    unsafe fn option_release_abi(p: *const Self::OptionAbi) {
        let _ = p;
    }
    /// `FfiType::CALLBACK_RETURN` of `Option<Self>`.
    const OPTION_CALLBACK_RETURN: bool = Self::OPTION_IDENTITY;
    /// `FfiType::take_abi` of `Option<Self>`.
    ///
    /// # Safety
    /// As for [`FfiType::take_abi`].
    #[inline(always)]
    unsafe fn option_take_abi(p: *mut Self::OptionAbi) -> Result<Option<Self>, LiftError> {
        // SAFETY: forwarded (nothing owned: the default is for options that own nothing).
        unsafe { Self::option_from_abi(p) }
    }
    /// `FfiType::free_abi` of `Option<Self>`.
    ///
    /// # Safety
    /// As for [`FfiType::take_abi`].
    #[inline(always)]
    unsafe fn option_free_abi(p: *mut Self::OptionAbi) {
        let _ = p;
    }
}

unsafe impl<T: Optional> FfiType for Option<T> {
    fn describe(reg: &mut Registry) -> TypeRef {
        T::describe_option(reg)
    }

    /// `None`.
    #[inline(always)]
    fn panic_value() -> Self {
        None
    }

    type Abi = T::OptionAbi;
    const IDENTITY: bool = T::OPTION_IDENTITY;
    const OWNS: bool = T::OPTION_OWNS;
    const KEEPS_CLOSURES: bool = T::OPTION_KEEPS_CLOSURES;

    #[inline(always)]
    unsafe fn from_abi(p: *const T::OptionAbi) -> Result<Self, LiftError> {
        // SAFETY: forwarded.
        unsafe { T::option_from_abi(p) }
    }

    #[inline(always)]
    fn into_abi(self) -> T::OptionAbi {
        T::option_into_abi(self)
    }

    const CALLBACK_RETURN: bool = T::OPTION_CALLBACK_RETURN;

    #[inline(always)]
    unsafe fn take_abi(p: *mut T::OptionAbi) -> Result<Self, LiftError> {
        // SAFETY: forwarded.
        unsafe { T::option_take_abi(p) }
    }

    #[inline(always)]
    unsafe fn free_abi(p: *mut T::OptionAbi) {
        // SAFETY: forwarded.
        unsafe { T::option_free_abi(p) }
    }

    #[inline(always)]
    unsafe fn release_abi(p: *const T::OptionAbi) {
        // SAFETY: forwarded.
        unsafe { T::option_release_abi(p) }
    }
}

unsafe impl<T: Optional> Lift for Option<T> {
    type Abi = T::OptionArg;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline(always)]
    unsafe fn lift(abi: T::OptionArg) -> Result<Self::Held, LiftError> {
        // SAFETY: forwarded.
        unsafe { T::option_lift(abi) }.map(ManuallyDrop::new)
    }
}

unsafe impl<T: Optional> Lower for Option<T> {
    type Abi = T::OptionRet;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;

    #[inline(always)]
    fn lower(self) -> T::OptionRet {
        T::option_lower(self)
    }

    #[inline(always)]
    fn panic_abi() -> T::OptionRet {
        T::option_lower(None)
    }
}

/// `Option<&T>`: NULL is `None`; a non-NULL target is checked like `&T`'s.
unsafe impl<'a, T: FfiPointee> Optional for &'a T {
    type OptionAbi = Option<&'a T>;
    type OptionArg = *const T;
    type OptionRet = *const T;
    const OPTION_IDENTITY: bool = true;
    const OPTION_OWNS: bool = false;

    fn describe_option(reg: &mut Registry) -> TypeRef {
        crate::__ffi_assert_by_pointer!(T);
        TypeRef::pointer(
            T::describe_pointee(reg),
            false,
            PointerKind::NullableReference,
        )
    }

    #[inline(always)]
    unsafe fn option_from_abi(p: *const Option<&'a T>) -> Result<Option<Self>, LiftError> {
        // SAFETY: the caller vouches for one readable pointer (any value is an `Option<&T>`).
        Ok(unsafe { p.read_unaligned() })
    }

    #[inline(always)]
    fn option_into_abi(value: Option<Self>) -> Option<&'a T> {
        value
    }

    #[inline(always)]
    unsafe fn option_lift(abi: *const T) -> Result<Option<Self>, LiftError> {
        if abi.is_null() {
            return Ok(None);
        }
        // SAFETY: forwarded from the caller.
        unsafe { <&T as Lift>::lift(abi) }.map(|r| Some(ManuallyDrop::into_inner(r)))
    }

    #[inline(always)]
    fn option_lower(value: Option<Self>) -> *const T {
        match value {
            Some(r) => r,
            None => core::ptr::null(),
        }
    }
}

/// `Option<&mut T>`: as `Option<&T>`, writable.
unsafe impl<'a, T: FfiPointee> Optional for &'a mut T {
    type OptionAbi = Option<&'a mut T>;
    type OptionArg = *mut T;
    type OptionRet = *mut T;
    const OPTION_IDENTITY: bool = true;
    const OPTION_OWNS: bool = false;

    fn describe_option(reg: &mut Registry) -> TypeRef {
        crate::__ffi_assert_by_pointer!(T);
        TypeRef::pointer(
            T::describe_pointee(reg),
            true,
            PointerKind::NullableReference,
        )
    }

    #[inline(always)]
    unsafe fn option_from_abi(p: *const Option<&'a mut T>) -> Result<Option<Self>, LiftError> {
        // SAFETY: the caller vouches for one readable pointer.
        Ok(unsafe { p.read_unaligned() })
    }

    #[inline(always)]
    fn option_into_abi(value: Option<Self>) -> Option<&'a mut T> {
        value
    }

    #[inline(always)]
    unsafe fn option_lift(abi: *mut T) -> Result<Option<Self>, LiftError> {
        if abi.is_null() {
            return Ok(None);
        }
        // SAFETY: forwarded from the caller.
        unsafe { <&mut T as Lift>::lift(abi) }.map(|r| Some(ManuallyDrop::into_inner(r)))
    }

    #[inline(always)]
    fn option_lower(value: Option<Self>) -> *mut T {
        match value {
            Some(r) => r,
            None => core::ptr::null_mut(),
        }
    }
}

/// `TypeRef::Option` of `T`.
pub fn describe<T: FfiType>(reg: &mut Registry) -> TypeRef {
    TypeRef::option(T::describe(reg))
}

/// The tagged option at `p` (possibly unaligned), its tag checked and its value rebuilt when present.
///
/// # Safety
/// `p` is valid for reads of one `OptionAbi<T::Abi>`; as for [`FfiType::from_abi`] for the value.
#[inline]
pub unsafe fn from_abi<T: FfiType>(p: *const OptionAbi<T::Abi>) -> Result<Option<T>, LiftError> {
    // SAFETY: the caller vouches for the option's bytes; the tag is a byte (any value is readable).
    let tag = unsafe { core::ptr::addr_of!((*p).is_some).read_unaligned() };
    match tag {
        0 => Ok(None),
        1 => {
            // SAFETY: as above; `MaybeUninit<T::Abi>` has the layout of `T::Abi`.
            let value = unsafe { core::ptr::addr_of!((*p).value) }.cast::<T::Abi>();
            // SAFETY: present (tag 1): the caller vouches for a value in ABI form.
            unsafe { T::from_abi(value) }.map(Some)
        }
        other => Err(tag_error(other)),
    }
}

/// The tagged option at `p` in owned ABI form ([`FfiType::take_abi`], ADR 54): the value taken
/// when present; on a `None` or an invalid tag, the value's `cap > 0` buffers are freed.
///
/// # Safety
/// As for [`FfiType::take_abi`].
#[inline]
pub unsafe fn take_abi<T: FfiType>(p: *mut OptionAbi<T::Abi>) -> Result<Option<T>, LiftError> {
    // SAFETY: the caller vouches for the option's bytes; the tag is a byte.
    let tag = unsafe { core::ptr::addr_of!((*p).is_some).read_unaligned() };
    // SAFETY: as above; `MaybeUninit<T::Abi>` has the layout of `T::Abi`.
    let value = unsafe { core::ptr::addr_of_mut!((*p).value) }.cast::<T::Abi>();
    match tag {
        // SAFETY: present: the caller vouches for a value in owned ABI form.
        1 => unsafe { T::take_abi(value) }.map(Some),
        other => {
            // SAFETY: a `None` holds zeroes or what the callee left there: freed either way.
            unsafe { T::free_abi(value) };
            if other == 0 {
                Ok(None)
            } else {
                Err(tag_error(other))
            }
        }
    }
}

/// Frees the `cap > 0` buffers of the tagged option at `p`, whatever its tag.
///
/// # Safety
/// As for [`FfiType::take_abi`].
#[inline]
pub unsafe fn free_abi<T: FfiType>(p: *mut OptionAbi<T::Abi>) {
    // SAFETY: as for `take_abi`.
    unsafe { T::free_abi(core::ptr::addr_of_mut!((*p).value).cast::<T::Abi>()) }
}

/// Kept inline (two words, no call): the shim's failure path needs no stack frame for it.
#[inline(always)]
fn tag_error(tag: u8) -> LiftError {
    LiftError::option_tag(tag)
}

/// The tagged ABI form of `value`; what it owns passes to the receiver.
#[inline]
pub fn into_abi<T: FfiType>(value: Option<T>) -> OptionAbi<T::Abi> {
    match value {
        Some(v) => OptionAbi {
            is_some: 1,
            value: MaybeUninit::new(v.into_abi()),
        },
        None => OptionAbi {
            is_some: 0,
            value: MaybeUninit::zeroed(),
        },
    }
}

/// The items of [`Optional`] for a type that crosses by value: a tagged [`OptionAbi`] of its ABI
/// form in every position (`unsafe impl Optional for T { __ffi_optional_by_value!(); }`).
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_optional_by_value {
    () => {
        type OptionAbi = $crate::abi::OptionAbi<<Self as $crate::FfiType>::Abi>;
        type OptionArg =
            ::core::mem::MaybeUninit<$crate::abi::OptionAbi<<Self as $crate::FfiType>::Abi>>;
        type OptionRet = $crate::abi::OptionAbi<<Self as $crate::FfiType>::Abi>;
        const OPTION_IDENTITY: bool = false;
        const OPTION_OWNS: bool = <Self as $crate::FfiType>::OWNS;
        fn describe_option(reg: &mut $crate::registry::Registry) -> $crate::model::TypeRef {
            $crate::abi::convert::options::describe::<Self>(reg)
        }
        #[inline]
        unsafe fn option_from_abi(
            p: *const Self::OptionAbi,
        ) -> ::core::result::Result<::core::option::Option<Self>, $crate::abi::LiftError> {
            // SAFETY: forwarded.
            unsafe { $crate::abi::convert::options::from_abi::<Self>(p) }
        }
        #[inline]
        fn option_into_abi(value: ::core::option::Option<Self>) -> Self::OptionAbi {
            $crate::abi::convert::options::into_abi::<Self>(value)
        }
        #[inline]
        unsafe fn option_lift(
            abi: Self::OptionArg,
        ) -> ::core::result::Result<::core::option::Option<Self>, $crate::abi::LiftError> {
            // SAFETY: `abi` holds a whole option's bytes; forwarded from the caller.
            unsafe { $crate::abi::convert::options::from_abi::<Self>(abi.as_ptr()) }
        }
        #[inline]
        fn option_lower(value: ::core::option::Option<Self>) -> Self::OptionRet {
            $crate::abi::convert::options::into_abi::<Self>(value)
        }
        const OPTION_CALLBACK_RETURN: bool = <Self as $crate::FfiType>::CALLBACK_RETURN;
        #[inline]
        unsafe fn option_take_abi(
            p: *mut Self::OptionAbi,
        ) -> ::core::result::Result<::core::option::Option<Self>, $crate::abi::LiftError> {
            // SAFETY: forwarded.
            unsafe { $crate::abi::convert::options::take_abi::<Self>(p) }
        }
        #[inline]
        unsafe fn option_free_abi(p: *mut Self::OptionAbi) {
            // SAFETY: forwarded.
            unsafe { $crate::abi::convert::options::free_abi::<Self>(p) }
        }
    };
}

macro_rules! by_value {
    ($([$($generics:tt)*] $t:ty $(where [$($bounds:tt)*])?;)*) => {$(
        unsafe impl $($generics)* Optional for $t $(where $($bounds)*)? {
            crate::__ffi_optional_by_value!();
        }
    )*};
}

by_value! {
    [] bool; [] u8; [] u16; [] u32; [] u64; [] usize;
    [] i8; [] i16; [] i32; [] i64; [] isize; [] f32; [] f64;
    [] String;
    [] core::cmp::Ordering;
    [<T: FfiType>] Vec<T>;
    [<T: FfiType>] Box<[T]>;
    [<T>] Option<T> where [Option<T>: FfiType];
}
