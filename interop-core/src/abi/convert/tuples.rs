//! Tuples `(A, B, …)` by value (2 to 8 elements): Rust gives tuples no defined layout, so each
//! crosses as a `#[repr(C)]` struct of its elements' ABI forms ([`Tuple2`] …), converted element by
//! element, and is described as a named struct with fields `_0`, `_1`, … (ADR 21). A tuple owns
//! data when an element does (`(String, u32)`): arguments are copied, a returned one is the
//! receiver's, as for records.

use core::mem::{ManuallyDrop, MaybeUninit};

use super::{Lift, LiftError, Lower, held};
use crate::model::TypeRef;
use crate::registry::{DescribeFn, Registry};
use crate::types::FfiType;

macro_rules! tuples {
    ($($abi:ident ($(($t:ident, $i:tt, $name:literal, $v:ident)),+);)*) => {$(
        /// The ABI form of a tuple of this many elements: each element in its ABI form.
        #[repr(C)]
        #[doc(hidden)]
        pub struct $abi<$($t),+>($(pub $t),+);

        unsafe impl<$($t: FfiType),+> FfiType for ($($t,)+) {
            fn describe(reg: &mut Registry) -> TypeRef {
                let value = MaybeUninit::<<Self as FfiType>::Abi>::uninit();
                let base = value.as_ptr();
                reg.tuple(
                    &[$(<$t as FfiType>::describe),+],
                    core::mem::size_of::<<Self as FfiType>::Abi>() as u64,
                    core::mem::align_of::<<Self as FfiType>::Abi>() as u64,
                    // SAFETY: addresses inside `value`, never read.
                    &[$(unsafe {
                        core::ptr::addr_of!((*base).$i).cast::<u8>().offset_from(base.cast::<u8>())
                    } as u64),+],
                )
            }

            #[inline]
            fn panic_value() -> Self {
                ($(<$t as FfiType>::panic_value(),)+)
            }

            type Abi = $abi<$(<$t as FfiType>::Abi),+>;
            const IDENTITY: bool = false;
            const OWNS: bool = false $(|| <$t as FfiType>::OWNS)+;

            #[inline]
            unsafe fn from_abi(p: *const Self::Abi) -> Result<Self, LiftError> {
                Ok(($(
                    // SAFETY: the element lies inside the tuple the caller vouches for.
                    match unsafe { <$t as FfiType>::from_abi(core::ptr::addr_of!((*p).$i)) } {
                        Ok(value) => value,
                        Err(e) => return Err(e.in_field($name)),
                    },
                )+))
            }

            /// A closure may return a tuple of what it may return (ADR 63).
            const CALLBACK_RETURN: bool = true $(&& <$t as FfiType>::CALLBACK_RETURN)+;

            /// Each element taken in order ([`FfiType::take_abi`]); when one fails, the elements
            /// after it are freed (those before it are dropped).
            #[inline]
            #[allow(unused_assignments, unused_variables)]
            unsafe fn take_abi(p: *mut Self::Abi) -> Result<Self, LiftError> {
                let mut taken = 0usize;
                let result = 'tuple: {
                    Ok(($(
                        // SAFETY: the element lies inside the tuple the caller vouches for.
                        match unsafe { <$t as FfiType>::take_abi(core::ptr::addr_of_mut!((*p).$i)) } {
                            Ok(value) => {
                                taken += 1;
                                value
                            }
                            Err(e) => break 'tuple Err(e.in_field($name)),
                        },
                    )+))
                };
                if result.is_err() {
                    // The element at `taken` failed (and owns nothing now): free the ones after it.
                    let mut index = 0usize;
                    $(
                        if index > taken {
                            // SAFETY: inside the tuple; not taken.
                            unsafe { <$t as FfiType>::free_abi(core::ptr::addr_of_mut!((*p).$i)) };
                        }
                        index += 1;
                    )+
                }
                result
            }

            #[inline]
            unsafe fn free_abi(p: *mut Self::Abi) {
                $(
                    // SAFETY: inside the tuple the caller vouches for.
                    unsafe { <$t as FfiType>::free_abi(core::ptr::addr_of_mut!((*p).$i)) };
                )+
            }

            #[inline]
            fn into_abi(self) -> Self::Abi {
                let ($($v,)+) = self;
                $abi($(<$t as FfiType>::into_abi($v)),+)
            }
        }

        unsafe impl<$($t: FfiType),+> Lift for ($($t,)+) {
            type Abi = MaybeUninit<<Self as FfiType>::Abi>;
            type Held = ManuallyDrop<Self>;
            const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
            #[inline(always)]
            unsafe fn lift(abi: Self::Abi) -> Result<Self::Held, LiftError> {
                // SAFETY: `abi` holds a whole tuple's bytes in its ABI form.
                held(unsafe { <Self as FfiType>::from_abi(abi.as_ptr()) })
            }
        }

        unsafe impl<$($t: FfiType),+> Lower for ($($t,)+) {
            type Abi = <Self as FfiType>::Abi;
            const DESCRIBE: DescribeFn = <Self as FfiType>::describe;
            #[inline(always)]
            fn lower(self) -> Self::Abi {
                <Self as FfiType>::into_abi(self)
            }
            #[inline(always)]
            fn panic_abi() -> Self::Abi {
                <Self as FfiType>::into_abi(<Self as FfiType>::panic_value())
            }
        }

        unsafe impl<$($t: FfiType),+> super::Optional for ($($t,)+) {
            crate::__ffi_optional_by_value!();
        }
    )*};
}

tuples! {
    Tuple2((A, 0, "_0", a), (B, 1, "_1", b));
    Tuple3((A, 0, "_0", a), (B, 1, "_1", b), (C, 2, "_2", c));
    Tuple4((A, 0, "_0", a), (B, 1, "_1", b), (C, 2, "_2", c), (D, 3, "_3", d));
    Tuple5((A, 0, "_0", a), (B, 1, "_1", b), (C, 2, "_2", c), (D, 3, "_3", d), (E, 4, "_4", e));
    Tuple6(
        (A, 0, "_0", a), (B, 1, "_1", b), (C, 2, "_2", c), (D, 3, "_3", d), (E, 4, "_4", e),
        (F, 5, "_5", f)
    );
    Tuple7(
        (A, 0, "_0", a), (B, 1, "_1", b), (C, 2, "_2", c), (D, 3, "_3", d), (E, 4, "_4", e),
        (F, 5, "_5", f), (G, 6, "_6", g)
    );
    Tuple8(
        (A, 0, "_0", a), (B, 1, "_1", b), (C, 2, "_2", c), (D, 3, "_3", d), (E, 4, "_4", e),
        (F, 5, "_5", f), (G, 6, "_6", g), (H, 7, "_7", h)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tuple_is_a_named_struct_with_measured_fields() {
        let mut reg = Registry::new();
        let r = <(f32, u8, f64) as FfiType>::describe(&mut reg);
        assert_eq!(r, TypeRef::named("(f32, u8, f64)"));
        let types = reg.into_types();
        let def = &types[0];
        assert_eq!(def.name, "TupleF32U8F64");
        assert_eq!(def.rust_name, "(f32, u8, f64)");
        assert!(def.is_tuple());
        assert_eq!((def.size, def.align), (16, 8));
        let crate::model::TypeKind::Struct(s) = &def.kind else {
            panic!("not a struct")
        };
        let offsets: Vec<u64> = s.fields.iter().map(|f| f.offset).collect();
        assert_eq!(offsets, [0, 4, 8]);
        assert_eq!(s.fields[2].name, "_2");
    }

    #[test]
    fn tuples_round_trip_through_their_abi_form() {
        let abi = (7u32, (true, 2.5f64), -1i8).into_abi();
        // SAFETY: a value in ABI form.
        let back = unsafe { <(u32, (bool, f64), i8) as FfiType>::from_abi(&abi) };
        assert_eq!(back, Ok((7, (true, 2.5), -1)));
        const { assert!(<(String, u32) as FfiType>::OWNS) };
        const { assert!(!<(u32, bool) as FfiType>::OWNS) };
    }

    #[test]
    fn an_invalid_element_names_its_position() {
        let abi = Tuple2(1u32, 2u8);
        // SAFETY: the same size and layout as `Tuple2<u32, bool>`.
        let p = (&abi as *const Tuple2<u32, u8>).cast::<Tuple2<u32, bool>>();
        let err = unsafe { <(u32, bool) as FfiType>::from_abi(p) }.unwrap_err();
        assert_eq!(err.to_string(), "field `_1`: 2 is not a bool (0 or 1)");
    }
}
