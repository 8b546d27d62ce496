//! [`Lift`] and [`Lower`] for the primitives, `bool`, raw pointers and references: the identity,
//! except for the checks a `bool` byte and a reference need.

use core::mem::ManuallyDrop;

use super::{Lift, LiftError, Lower};
use crate::registry::DescribeFn;
use crate::types::{FfiPointee, FfiType};

/// Identity for the types whose ABI value is the value itself.
macro_rules! identity {
    ($($t:ty),*) => {$(
        unsafe impl Lift for $t {
            type Abi = $t;
            type Held = ManuallyDrop<$t>;
            const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
            #[inline(always)]
            unsafe fn lift(abi: $t) -> Result<ManuallyDrop<$t>, LiftError> {
                Ok(ManuallyDrop::new(abi))
            }
        }
        unsafe impl Lower for $t {
            type Abi = $t;
            const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
            #[inline(always)]
            fn lower(self) -> $t {
                self
            }
            #[inline(always)]
            fn panic_abi() -> $t {
                <$t as FfiType>::panic_value()
            }
        }
    )*};
}

identity!(
    (),
    u8,
    u16,
    u32,
    u64,
    usize,
    i8,
    i16,
    i32,
    i64,
    isize,
    f32,
    f64
);

/// A `bool` argument arrives as its byte and is checked (one compare); a returned `bool` is itself.
unsafe impl Lift for bool {
    type Abi = u8;
    type Held = ManuallyDrop<bool>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: u8) -> Result<ManuallyDrop<bool>, LiftError> {
        match abi {
            0 => Ok(ManuallyDrop::new(false)),
            1 => Ok(ManuallyDrop::new(true)),
            other => Err(LiftError::bool(other)),
        }
    }
}

unsafe impl Lower for bool {
    type Abi = bool;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    fn lower(self) -> bool {
        self
    }
    #[inline(always)]
    fn panic_abi() -> bool {
        false
    }
}

unsafe impl<T: FfiPointee> Lift for *const T {
    type Abi = *const T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *const T) -> Result<ManuallyDrop<Self>, LiftError> {
        Ok(ManuallyDrop::new(abi))
    }
}

unsafe impl<T: FfiPointee> Lower for *const T {
    type Abi = *const T;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    fn lower(self) -> *const T {
        self
    }
    #[inline(always)]
    fn panic_abi() -> *const T {
        core::ptr::null()
    }
}

unsafe impl<T: FfiPointee> Lift for *mut T {
    type Abi = *mut T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *mut T) -> Result<ManuallyDrop<Self>, LiftError> {
        Ok(ManuallyDrop::new(abi))
    }
}

unsafe impl<T: FfiPointee> Lower for *mut T {
    type Abi = *mut T;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    fn lower(self) -> *mut T {
        self
    }
    #[inline(always)]
    fn panic_abi() -> *mut T {
        core::ptr::null_mut()
    }
}

/// `&T`: a non-NULL pointer whose target is checked when `T` has values to reject.
unsafe impl<T: FfiPointee + ?Sized> Lift for &T {
    type Abi = *const T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *const T) -> Result<ManuallyDrop<Self>, LiftError> {
        if abi.is_null() {
            return Err(LiftError::null());
        }
        if T::VALIDATE {
            // SAFETY: non-NULL, and the caller guarantees it is valid for reads.
            unsafe { T::validate(abi) }?;
        }
        // SAFETY: as above, and the target was checked.
        Ok(ManuallyDrop::new(unsafe { &*abi }))
    }
}

unsafe impl<T: FfiPointee + ?Sized> Lift for &mut T {
    type Abi = *mut T;
    type Held = ManuallyDrop<Self>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: *mut T) -> Result<ManuallyDrop<Self>, LiftError> {
        if abi.is_null() {
            return Err(LiftError::null());
        }
        if T::VALIDATE {
            // SAFETY: non-NULL, and the caller guarantees it is valid for reads and writes.
            unsafe { T::validate(abi) }?;
        }
        // SAFETY: as above, and the target was checked.
        Ok(ManuallyDrop::new(unsafe { &mut *abi }))
    }
}

// `Option<&T>` / `Option<&mut T>` (NULL is `None`): see `options`.
