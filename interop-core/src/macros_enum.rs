//! The template `#[ffi]` expands a C-like enum into (see [`macros`](crate::macros) for why
//! templates).

/// A C-like enum: lifted from its storage integer (a value that is no discriminant is rejected),
/// lowered into it.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_enum {
    (
        ident: $ident:ident,
        generics: [$($generics:tt)*],
        self_ty: $self_ty:ty,
        static_ty: [$($static_ty:ty)?],
        name: $name:literal,
        rust_name: $rust_name:literal,
        module: [$($module:literal)?],
        docs: [$($doc:expr),* $(,)?],
        entry: $entry:ident,
        storage: $storage:ident as $prim:ident,
        c_int: $c_int:literal,
        first: $first:ident,
        variants: [$(($variant:ident, $vname:literal, [$($vdoc:expr),* $(,)?])),* $(,)?] $(,)?
    ) => {
        unsafe impl $crate::FfiType for $ident {
            const TYPE: ::core::option::Option<&'static $crate::registry::TypeDesc> = $crate::__ffi_type_desc!(
                $ident, $name, $rust_name, [$($module)?], [$($doc),*],
                size: {
                    ::core::assert!(
                        !$c_int || ::core::mem::size_of::<$ident>() == 4,
                        ::core::concat!("#[ffi] enum `", $rust_name, "` must be 4 bytes (a C int) on this target"),
                    );
                    ::core::mem::size_of::<$ident>() as u64
                },
                align: ::core::mem::align_of::<$ident>() as u64,
                kind: $crate::registry::TypeKindDesc::Enum {
                    storage: $crate::model::Primitive::$prim,
                    variants: &[$($crate::registry::VariantDesc {
                        name: $vname,
                        value: $ident::$variant as i128,
                        docs: &[$($vdoc),*],
                    }),*],
                }
            );
            /// The variant whose discriminant is 0, else the first declared one.
            #[inline]
            fn panic_value() -> Self {
                $(
                    if $ident::$variant as i128 == 0 {
                        return $ident::$variant;
                    }
                )*
                $ident::$first
            }
            const VALIDATE: bool = true;
            #[inline(always)]
            unsafe fn validate(p: *const Self) -> ::core::result::Result<(), $crate::abi::LiftError> {
                // SAFETY: the caller vouches for `size_of::<Self>()` readable bytes.
                let value = unsafe { p.cast::<$storage>().read_unaligned() };
                match unsafe { <$ident as $crate::Lift>::lift(value) } {
                    ::core::result::Result::Ok(_) => ::core::result::Result::Ok(()),
                    ::core::result::Result::Err(e) => ::core::result::Result::Err(e),
                }
            }
            $crate::__ffi_identity_abi!();
        }
        unsafe impl $crate::Lift for $ident {
            type Abi = $storage;
            type Held = ::core::mem::ManuallyDrop<$ident>;
            const DESCRIBE: $crate::registry::DescribeFn = <$ident as $crate::FfiType>::describe;
            #[inline(always)]
            unsafe fn lift(abi: $storage) -> ::core::result::Result<Self::Held, $crate::abi::LiftError> {
                match abi {
                    $(value if value == $ident::$variant as $storage => {
                        ::core::result::Result::Ok(::core::mem::ManuallyDrop::new($ident::$variant))
                    })*
                    other => ::core::result::Result::Err(
                        $crate::abi::LiftError::discriminant($name, other as i128),
                    ),
                }
            }
        }
        unsafe impl $crate::Lower for $ident {
            type Abi = $storage;
            const DESCRIBE: $crate::registry::DescribeFn = <$ident as $crate::FfiType>::describe;
            #[inline(always)]
            fn lower(self) -> $storage {
                self as $storage
            }
            #[inline(always)]
            fn panic_abi() -> $storage {
                <$ident as $crate::FfiType>::panic_value() as $storage
            }
        }
        unsafe impl $crate::abi::convert::Optional for $ident {
            $crate::__ffi_optional_by_value!();
        }
        $crate::__ffi_fieldless_error!($ident, $name, [$(($variant, $vname)),*]);
        impl $crate::FfiConst for $ident {
            fn const_value(self) -> $crate::model::ConstValue {
                $crate::model::ConstValue::Int(self as i128)
            }
        }
        $crate::registry::TYPES! {
            #![linkme_macro = $crate::registry::TYPES]
            #[allow(non_upper_case_globals)]
            static $entry: $crate::registry::DescribeFn = <$ident as $crate::FfiType>::describe;
        }
    };
}
