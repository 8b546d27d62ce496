//! The traits that describe Rust types to the inventory, and their impls for the built-in types.
//!
//! `#[ffi]` on a struct or enum implements [`FfiType`] and [`FfiPointee`]; `#[ffi(opaque)]` implements
//! only [`FfiPointee`], so an opaque type can cross the boundary behind a pointer but never by value.
//! A signature that uses any other type fails to compile at that type, with the message below.

use crate::abi::LiftError;
use crate::model::{ConstValue, Primitive, TypeRef};
use crate::registry::{Registry, TypeDesc};

mod builtin;

/// A type that can cross the FFI boundary by value.
///
/// Each type has an ABI form ([`FfiType::Abi`]) used wherever it sits inside other data (a record
/// field, an element of a vector or slice): the type itself for C-compatible types
/// ([`FfiType::IDENTITY`]), an owned buffer for `String`/`Vec<T>`, a view for `&str`/`&[T]`, and for
/// records the `#[repr(C)]` mirror `#[ffi]` generates (each field in its ABI form).
///
/// # Safety
/// `Abi` must have a stable C-compatible layout matching what `describe` reports, and so must `Self`
/// when `IDENTITY` is true. Do not implement by hand: use `#[ffi]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot cross the FFI boundary by value",
    label = "not supported by #[ffi]",
    note = "supported: (), bool, u8-u64, i8-i64, usize, isize, f32, f64, #[ffi] structs and enums, \
            String, Vec<T>, Box<[T]>, &str, &[T], &CStr, tuples (A, B, …), Option<T> of a by-value type, \
            &T, &mut T, Option<&T>, Option<&mut T>, *const T, *mut T (T: an #[ffi] type, a primitive, \
            an #[ffi(opaque)] type or c_void), and [T; N] as a struct field",
    note = "for your own type, add #[ffi] to its definition; opaque types go behind a pointer",
    note = "an #[ffi(service)] type is never data (a record field, an element, an option's value): \
            it is owned by one object; pass it as a parameter (`&T`, `&mut T`, `T`) or return it"
)]
pub unsafe trait FfiType {
    /// The static descriptor of an `#[ffi]` struct or enum (`None` for built-in types, which
    /// implement [`FfiType::describe`] themselves).
    #[doc(hidden)]
    const TYPE: Option<&'static TypeDesc> = None;

    /// Register this type (and the types it contains) and return a reference to it.
    fn describe(reg: &mut Registry) -> TypeRef {
        match Self::TYPE {
            Some(desc) => reg.described(desc),
            None => TypeRef::primitive(Primitive::Unit),
        }
    }

    /// The value a shim returns when the call panicked or got NULL for a required reference: a valid
    /// value of the type, never uninitialized or zeroed memory. `0`, `0.0` or `false` for primitives,
    /// NULL for raw pointers, `None` for `Option<&T>`, each field's (element's) panic value for
    /// `#[ffi]` structs (arrays), and for `#[ffi]` enums the variant whose discriminant is 0 if there
    /// is one, else the first declared variant.
    ///
    /// References have none: they are never returned (`#[ffi]` rejects `-> &T`). A struct holding a
    /// `&'static T` field, returned by value from a function that panics, aborts the process.
    fn panic_value() -> Self
    where
        Self: Sized;

    /// Whether some bit patterns of the type's size are not values of it (`bool`, C-like enums,
    /// references, and records or arrays holding one): then [`FfiType::validate`] checks memory
    /// before it is used as a `Self`. `false` keeps lifting the identity.
    const VALIDATE: bool = false;

    /// Check that the (possibly unaligned) memory at `p` holds a valid `Self`: one compare per
    /// `bool` or enum, a NULL test per reference (its target is not followed). Only meaningful for
    /// [`FfiType::IDENTITY`] types (the others check in [`FfiType::from_abi`]).
    ///
    /// # Safety
    /// `p` is valid for reads of `size_of::<Self>()` bytes.
    #[inline(always)]
    unsafe fn validate(p: *const Self) -> Result<(), LiftError>
    where
        Self: Sized,
    {
        let _ = p;
        Ok(())
    }

    /// The ABI form of a value of this type inside other data (record fields, elements of vectors
    /// and slices); the same in both directions.
    type Abi;

    /// True when `Self` has the layout of `Abi` and a valid value is its own ABI value (primitives,
    /// C-like enums, pointers, and records and arrays of those): such values are borrowed in place
    /// (`&[T]`, `&T`) and copied as bytes. False for strings, vectors, views and records holding them.
    const IDENTITY: bool;

    /// True when a value in ABI form holds allocations of the library that its receiver must free
    /// (`String`, `Vec<T>`, records holding them).
    const OWNS: bool = false;

    /// A value rebuilt from its ABI form in memory that stays the caller's: checked (UTF-8, NULLs,
    /// lengths, tags) and copied where the value owns data, borrowed where it is a view.
    ///
    /// # Safety
    /// `p` is valid for reads of one (possibly unaligned) `Abi`; the pointers inside it are NULL or
    /// valid as the inventory describes them, for as long as a borrowed result is used.
    unsafe fn from_abi(p: *const Self::Abi) -> Result<Self, LiftError>
    where
        Self: Sized;

    /// The ABI form of `self`; the allocations it holds pass to the receiver (see [`FfiType::OWNS`]).
    fn into_abi(self) -> Self::Abi
    where
        Self: Sized;

    /// True when a value in ABI form hands closures to Rust (`Box<dyn Fn>` fields, records holding
    /// them): [`FfiType::from_abi`] then takes ownership of each closure, and a value that is not
    /// lifted must be given to [`FfiType::release_abi`] so each closure's `drop` runs once (ADR 30).
    const KEEPS_CLOSURES: bool = false;

    /// Whether a foreign closure may return the type (ADR 54): C-compatible types (returned by
    /// value) and the owned types whose ABI form the closure writes to a slot Rust passes
    /// (`String`, `Vec<T>`, `Box<[T]>`, `Option<T>`, `#[ffi]` structs of those). False for views
    /// (`&str`, `&[T]`). Tuples and data enums of those may (ADR 63).
    const CALLBACK_RETURN: bool = Self::IDENTITY;

    /// Whether a closure returns the type by value (`R call(context, args…)`) rather than through
    /// a slot (ADR 54): every C-compatible type ([`FfiType::IDENTITY`]), and `Ordering`, whose
    /// value is an `int32_t` but whose memory is not (ADR 57).
    const RETURNS_BY_VALUE: bool = Self::IDENTITY;

    /// A value in *owned* ABI form written by foreign code (a closure's return slot, ADR 54),
    /// lifted and consumed: each buffer with `cap > 0` was allocated by `interop_buffer_alloc` and
    /// is now Rust's (taken as it is where the layouts agree, else copied and freed); a buffer with
    /// `cap == 0` is borrowed and copied. Whatever the result, every `cap > 0` buffer at `p` is
    /// owned by Rust afterwards (freed on error): the slot must not be read again.
    ///
    /// # Safety
    /// `p` is valid for reads of one (possibly unaligned) `Abi`, written by foreign code as the
    /// ADR says; a `cap > 0` buffer is an allocation of `interop_buffer_alloc` for `cap` elements.
    #[inline(always)]
    unsafe fn take_abi(p: *mut Self::Abi) -> Result<Self, LiftError>
    where
        Self: Sized,
    {
        // SAFETY: forwarded.
        let lifted = unsafe { Self::from_abi(p) };
        // SAFETY: forwarded; the lifted value copied what it needed.
        unsafe { Self::free_abi(p) };
        lifted
    }

    /// [`FfiType::take_abi`] of a value written by the library's own compiled Python trampoline
    /// (ADR 54, third addendum), whose text is UTF-8 by construction: a `String` skips its UTF-8
    /// check (every other check stays); every other type is [`FfiType::take_abi`].
    ///
    /// # Safety
    /// As for [`FfiType::take_abi`], and every text in the value is valid UTF-8.
    #[inline(always)]
    unsafe fn take_abi_known_utf8(p: *mut Self::Abi) -> Result<Self, LiftError>
    where
        Self: Sized,
    {
        // SAFETY: forwarded.
        unsafe { Self::take_abi(p) }
    }

    /// Frees every buffer with `cap > 0` of a value in owned ABI form that is not lifted (see
    /// [`FfiType::take_abi`]); nothing for types without buffers.
    ///
    /// # Safety
    /// As for [`FfiType::take_abi`].
    #[inline(always)]
    unsafe fn free_abi(p: *mut Self::Abi) {
        let _ = p;
    }

    /// A returned closure's argument (ADR 61): the value [`FfiType::from_abi`] lifts, with what
    /// must live until the closure returned (nothing, except for `&T` of a record owning data or
    /// holding views, whose copy the reference points to).
    ///
    /// # Safety
    /// As for [`FfiType::from_abi`]; the value is used only until the [`ArgKeep`] drops.
    #[doc(hidden)]
    #[inline(always)]
    unsafe fn lift_arg(p: *const Self::Abi) -> Result<(Self, ArgKeep), LiftError>
    where
        Self: Sized,
    {
        // SAFETY: forwarded.
        unsafe { Self::from_abi(p) }.map(|v| (v, ArgKeep::NONE))
    }

    /// The description of a returned closure's argument of this type: [`FfiType::describe`],
    /// except for `&T` of a record owning data or holding views (a pointer to its C form, ADR 61).
    #[doc(hidden)]
    fn describe_arg(reg: &mut Registry) -> TypeRef {
        Self::describe(reg)
    }

    /// Calls the `drop` of every closure in a value in ABI form that was not lifted (a field after
    /// the one that failed to lift); nothing for types without closures.
    ///
    /// # Safety
    /// `p` is valid for reads of one (possibly unaligned) `Abi`, not lifted and not released before.
    #[inline(always)]
    unsafe fn release_abi(p: *const Self::Abi) {
        let _ = p;
    }
}

/// The [`FfiType`] ABI items of a type that is its own ABI form.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_identity_abi {
    () => {
        type Abi = Self;
        const IDENTITY: bool = true;
        #[inline(always)]
        unsafe fn from_abi(p: *const Self) -> ::core::result::Result<Self, $crate::abi::LiftError> {
            if <Self as $crate::FfiType>::VALIDATE {
                // SAFETY: the caller vouches for one readable value.
                unsafe { <Self as $crate::FfiType>::validate(p) }?;
            }
            // SAFETY: as above, and checked (or every bit pattern is a value).
            ::core::result::Result::Ok(unsafe { p.read_unaligned() })
        }
        #[inline(always)]
        fn into_abi(self) -> Self {
            self
        }
    };
}

/// A type that can sit behind a pointer or reference in an FFI signature: every [`FfiType`], an
/// `#[ffi(opaque)]` type, and `c_void`.
///
/// # Safety
/// As for [`FfiType`]. Do not implement by hand: use `#[ffi]` or `#[ffi(opaque)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be pointed to across the FFI boundary",
    label = "not supported by #[ffi]",
    note = "a pointer or reference must target a primitive, an #[ffi] type, an #[ffi(opaque)] type or c_void",
    note = "for your own type, add #[ffi] or #[ffi(opaque)] to its definition"
)]
pub unsafe trait FfiPointee {
    /// The static descriptor of an `#[ffi(opaque)]` type.
    #[doc(hidden)]
    const TYPE: Option<&'static TypeDesc> = None;

    /// The name in the bindings of an `#[ffi]` type (empty for built-in types). `#[ffi] impl` blocks
    /// check at compile time that the symbol prefix they use matches it.
    #[doc(hidden)]
    const BINDINGS_NAME: &'static str = match Self::TYPE {
        Some(desc) => desc.name,
        None => "",
    };

    fn describe_pointee(reg: &mut Registry) -> TypeRef {
        match Self::TYPE {
            Some(desc) => reg.described(desc),
            None => TypeRef::primitive(Primitive::CVoid),
        }
    }

    /// As [`FfiType::VALIDATE`], for a target read through a reference (`false` for opaque types
    /// and `c_void`, whose contents are the library's own).
    const VALIDATE: bool = false;

    /// Whether the type can be the target of a reference or pointer crossing the boundary: its
    /// memory is its ABI form ([`FfiType::IDENTITY`]). False for strings, vectors and records that
    /// own data or hold views, which cross by value only.
    const BY_POINTER: bool = true;

    /// As [`FfiType::validate`].
    ///
    /// # Safety
    /// As for [`FfiType::validate`].
    #[inline(always)]
    unsafe fn validate(p: *const Self) -> Result<(), LiftError> {
        let _ = p;
        Ok(())
    }

    /// `&Self` as an argument of a closure Rust returned (ADR 61), from the pointer the foreign
    /// side passed: `Self` in place when it is its own C form, else a checked copy of the C form
    /// the pointer targets (the caller's memory, never freed or kept), kept by the [`ArgKeep`].
    ///
    /// # Safety
    /// `p` is NULL (refused) or valid for reads of `Self`'s C form during the call; the reference
    /// is used only until the [`ArgKeep`] drops.
    #[doc(hidden)]
    #[inline(always)]
    unsafe fn lift_ref_arg<'a>(p: *const Self) -> Result<(&'a Self, ArgKeep), LiftError> {
        if p.is_null() {
            return Err(LiftError::null());
        }
        // SAFETY: not NULL, valid during the call (the caller's promise).
        Ok((unsafe { &*p }, ArgKeep::NONE))
    }
}

/// A heap copy and the function freeing it.
type Kept = (*mut (), unsafe fn(*mut ()));

/// What a returned closure's lifted argument points to (ADR 61): a copy freed when this drops.
#[doc(hidden)]
pub struct ArgKeep(Option<Kept>);

impl ArgKeep {
    /// Nothing to keep.
    pub const NONE: ArgKeep = ArgKeep(None);

    /// Keeps `value` on the heap until this drops; the reference points to it.
    ///
    /// # Safety
    /// The reference must not be used after this `ArgKeep` drops.
    #[inline]
    pub unsafe fn boxed<'a, T>(value: T) -> (&'a T, ArgKeep) {
        unsafe fn free<T>(p: *mut ()) {
            // SAFETY: made by `Box::into_raw` below, freed once (by `drop`).
            drop(unsafe { Box::from_raw(p.cast::<T>()) });
        }
        let p = Box::into_raw(Box::new(value));
        // SAFETY: `p` stays allocated until the `ArgKeep` drops (the caller's promise).
        (unsafe { &*p }, ArgKeep(Some((p.cast(), free::<T>))))
    }
}

impl Drop for ArgKeep {
    #[inline(always)]
    fn drop(&mut self) {
        if let Some((p, free)) = self.0.take() {
            // SAFETY: `p` and its `free` come from `boxed`, freed once.
            unsafe { free(p) }
        }
    }
}

/// A type that can own the functions of an `#[ffi] impl`: an `#[ffi]` or `#[ffi(opaque)]` type
/// (every [`FfiPointee`]) or an `#[ffi(service)]` type.
///
/// # Safety
/// Do not implement by hand: use `#[ffi]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an #[ffi] type, so an #[ffi] impl cannot export its functions",
    label = "not an #[ffi] type",
    note = "add #[ffi], #[ffi(opaque)] or #[ffi(service)] to its definition"
)]
pub unsafe trait FfiOwner {
    /// The type's name in the bindings.
    #[doc(hidden)]
    const BINDINGS_NAME: &'static str;
    /// Register the type and return a reference to it.
    fn describe_owner(reg: &mut Registry) -> TypeRef;
}

unsafe impl<T: FfiPointee> FfiOwner for T {
    const BINDINGS_NAME: &'static str = <T as FfiPointee>::BINDINGS_NAME;
    #[inline]
    fn describe_owner(reg: &mut Registry) -> TypeRef {
        T::describe_pointee(reg)
    }
}

/// Pointing to a by-value type describes and checks the type itself.
unsafe impl<T: FfiType> FfiPointee for T {
    const BINDINGS_NAME: &'static str = match T::TYPE {
        Some(desc) => desc.name,
        None => "",
    };

    #[inline]
    fn describe_pointee(reg: &mut Registry) -> TypeRef {
        T::describe(reg)
    }

    const VALIDATE: bool = T::VALIDATE;

    const BY_POINTER: bool = T::IDENTITY;

    #[inline(always)]
    unsafe fn validate(p: *const Self) -> Result<(), LiftError> {
        // SAFETY: forwarded.
        unsafe { T::validate(p) }
    }

    /// A type that is its own C form in place (as before); any other (a record owning data or
    /// holding views) as a copy lifted from its C form, which stays the caller's (ADR 61).
    #[inline(always)]
    unsafe fn lift_ref_arg<'a>(p: *const Self) -> Result<(&'a Self, ArgKeep), LiftError> {
        const {
            assert!(
                !T::KEEPS_CLOSURES,
                "#[ffi]: a returned closure's parameter `&T` of a record holding closures is not \
                 supported: take the record by value"
            )
        }
        if p.is_null() {
            return Err(LiftError::null());
        }
        if T::IDENTITY {
            // SAFETY: not NULL, valid during the call (the caller's promise).
            return Ok((unsafe { &*p }, ArgKeep::NONE));
        }
        // SAFETY: `p` points to `T`'s C form (the ABI, ADR 61), read and copied, not taken.
        let value = unsafe { T::from_abi(p.cast::<T::Abi>()) }?;
        // SAFETY: forwarded.
        Ok(unsafe { ArgKeep::boxed(value) })
    }
}

/// Refuses (at compile time, when the shim is instantiated) a reference or pointer to a type that
/// crosses by value only.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_assert_by_pointer {
    ($t:ty) => {
        const {
            ::core::assert!(
                <$t as $crate::FfiPointee>::BY_POINTER,
                "#[ffi]: a reference or pointer to a type that owns data or holds views (String, Vec<T>, \
                 &str, &[T], or an #[ffi] struct with such a field) cannot cross the FFI boundary: \
                 take or return the value itself (it is copied), or a slice `&[T]`"
            )
        }
    };
}

/// A type an `#[ffi] pub const` may have: bool, the integers, f32, f64 and `#[ffi]` enums.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the type of an #[ffi] constant",
    label = "not supported by #[ffi] constants",
    note = "supported: bool, u8-u64, i8-i64, usize, isize, f32, f64 and #[ffi] enums"
)]
pub trait FfiConst: FfiType + Sized {
    /// The value as recorded in the inventory.
    fn const_value(self) -> ConstValue;
}

impl FfiConst for bool {
    fn const_value(self) -> ConstValue {
        ConstValue::Bool(self)
    }
}

macro_rules! int_consts {
    ($($t:ty),*) => {$(
        impl FfiConst for $t {
            fn const_value(self) -> ConstValue {
                ConstValue::Int(self as i128)
            }
        }
    )*};
}
int_consts!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl FfiConst for f32 {
    fn const_value(self) -> ConstValue {
        ConstValue::F32Bits(self.to_bits())
    }
}

impl FfiConst for f64 {
    fn const_value(self) -> ConstValue {
        ConstValue::F64Bits(self.to_bits())
    }
}
