//! `core::cmp::Ordering` (ADR 57): an `int32_t` with the sign convention of `qsort`, `strcmp`,
//! .NET's `IComparer.Compare` and Python's `cmp`. Rust sends -1, 0 or 1; a value coming in is read
//! by its sign, so lifting never fails and a foreign comparator body works unchanged.
//!
//! Its memory (one byte, -1/0/1) is not its ABI form (four bytes), so it is not
//! [`FfiType::IDENTITY`]: records holding it are converted field by field, and `&[Ordering]` is
//! copied in. A closure still returns it by value ([`FfiType::RETURNS_BY_VALUE`]).

use core::cmp::Ordering;
use core::mem::ManuallyDrop;

use super::{Lift, LiftError, Lower};
use crate::FfiType;
use crate::model::{Primitive, TypeRef};
use crate::registry::{DescribeFn, Registry};

/// The `Ordering` of a foreign value, by its sign.
#[inline(always)]
pub fn from_sign(v: i32) -> Ordering {
    v.cmp(&0)
}

/// -1, 0 or 1.
#[inline(always)]
pub fn to_sign(o: Ordering) -> i32 {
    o as i32
}

unsafe impl FfiType for Ordering {
    #[inline]
    fn describe(_: &mut Registry) -> TypeRef {
        TypeRef::primitive(Primitive::Ordering)
    }
    /// `Equal`.
    #[inline(always)]
    fn panic_value() -> Self {
        Ordering::Equal
    }
    type Abi = i32;
    const IDENTITY: bool = false;
    const CALLBACK_RETURN: bool = true;
    const RETURNS_BY_VALUE: bool = true;
    #[inline(always)]
    unsafe fn from_abi(p: *const i32) -> Result<Self, LiftError> {
        // SAFETY: the caller vouches for one readable (possibly unaligned) value.
        Ok(from_sign(unsafe { p.read_unaligned() }))
    }
    #[inline(always)]
    fn into_abi(self) -> i32 {
        to_sign(self)
    }
}

unsafe impl Lift for Ordering {
    type Abi = i32;
    type Held = ManuallyDrop<Ordering>;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    unsafe fn lift(abi: i32) -> Result<ManuallyDrop<Ordering>, LiftError> {
        Ok(ManuallyDrop::new(from_sign(abi)))
    }
}

unsafe impl Lower for Ordering {
    type Abi = i32;
    const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
    #[inline(always)]
    fn lower(self) -> i32 {
        to_sign(self)
    }
    #[inline(always)]
    fn panic_abi() -> i32 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_value_maps_by_sign_and_rust_sends_minus_one_zero_one() {
        for (v, o) in [
            (i32::MIN, Ordering::Less),
            (-7, Ordering::Less),
            (-1, Ordering::Less),
            (0, Ordering::Equal),
            (1, Ordering::Greater),
            (42, Ordering::Greater),
            (i32::MAX, Ordering::Greater),
        ] {
            // SAFETY: plain values.
            assert_eq!(*unsafe { <Ordering as Lift>::lift(v) }.unwrap(), o);
            assert_eq!(unsafe { <Ordering as FfiType>::from_abi(&v) }.unwrap(), o);
        }
        assert_eq!(Ordering::Less.lower(), -1);
        assert_eq!(Ordering::Equal.into_abi(), 0);
        assert_eq!(Ordering::Greater.lower(), 1);
        let some = Some(Ordering::Greater).into_abi();
        // SAFETY: a value just lowered.
        assert_eq!(
            unsafe { <Option<Ordering> as FfiType>::from_abi(&some) }.unwrap(),
            Some(Ordering::Greater)
        );
    }
}
