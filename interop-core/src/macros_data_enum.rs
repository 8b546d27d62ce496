//! The template `#[ffi]` expands a data enum into (an enum whose variants carry data).
//!
//! The enum crosses as its ABI mirror `__Mirror { tag, body }`: `tag` is the variant's index in the
//! tag's integer type, `body` a `#[repr(C)]` union with one member per variant, each a `#[repr(C)]`
//! struct of the variant's fields in their ABI form ([`FfiType::Abi`](crate::FfiType::Abi)); unit
//! variants have an empty member (C declares none). `#[ffi]` gives the enum `#[repr(C, u8)]` (or the
//! tag type its repr names), whose layout Rust defines as exactly that struct: an enum whose payloads
//! are all C-compatible is its own ABI form (`IDENTITY`: checked, then read in place, so it also
//! crosses behind `&T` and in `&[T]` zero-copy); one whose payloads own data (`String`, `Vec<T>`) is
//! converted variant by variant like a record, and crosses by value only (see ADR 13).

/// A data enum. Each variant is `(Ident, "name", index, tuple, __VariantMirror, [fields], [docs])`,
/// each field `(member, binding, "name", "Variant.name", type, [describe], [abi], [docs])`: the
/// member is the Rust field (`0`, `radius`), the binding the local and mirror field name (`_0`,
/// `radius`). The variant pattern `Enum::V { 0: _0, … }` covers unit, tuple and struct variants.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_data_enum {
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
        tag: $tag:ident as $prim:ident,
        mirror: [$($mparams:tt)*] ($mirror:ty) ($body:ty),
        bounds: [$($bounds:tt)*],
        instance: [$($instance:expr),* $(,)?],
        phantom: $phantom:ty,
        first: $first:ident { $($first_member:tt: $first_ty:ty),* },
        variants: [$([$($vparams:tt)*] [$($vbounds:tt)*] (
            $variant:ident, $vname:literal, $index:literal, $tuple:literal, $vmirror:ident,
            ($vmirror_ty:ty),
            [$((
                $member:tt, $binding:ident, $fname:literal, $fpath:literal, $fty:ty,
                [$fdescribe:expr], [$fabi:ty], [$($fdoc:expr),* $(,)?]
            )),* $(,)?],
            [$($vdoc:expr),* $(,)?]
        )),* $(,)?] $(,)?
    ) => {
        const _: () = {
            $(
                #[doc(hidden)]
                #[repr(C)]
                #[allow(non_camel_case_types, non_snake_case, dead_code)]
                pub struct $vmirror $($vparams)* where $($vbounds)* {
                    $(pub $binding: $fabi,)*
                    pub __phantom: ::core::marker::PhantomData<$phantom>,
                }
            )*

            #[doc(hidden)]
            #[repr(C)]
            #[allow(non_camel_case_types, non_snake_case, dead_code)]
            pub union __Body $($mparams)* where $($bounds)* {
                $(pub $variant: ::core::mem::ManuallyDrop<$vmirror_ty>,)*
            }

            #[doc(hidden)]
            #[repr(C)]
            #[allow(non_camel_case_types, dead_code)]
            pub struct __Mirror $($mparams)* where $($bounds)* {
                pub tag: $tag,
                pub body: $body,
            }

            unsafe impl $($generics)* $crate::FfiType for $self_ty where $($bounds)* {
                const TYPE: ::core::option::Option<&'static $crate::registry::TypeDesc> = $crate::__ffi_type_desc!(
                    $ident, $name, $rust_name, [$($module)?], [$($doc),*],
                    size: ::core::mem::size_of::<$mirror>() as u64,
                    align: ::core::mem::align_of::<$mirror>() as u64,
                    kind: $crate::registry::TypeKindDesc::DataEnum {
                        tag: $crate::model::Primitive::$prim,
                        body_offset: ::core::mem::offset_of!($mirror, body) as u64,
                        variants: &[$($crate::registry::DataVariantDesc {
                            name: $vname,
                            value: $index,
                            docs: &[$($vdoc),*],
                            tuple: $tuple,
                            fields: &[$($crate::registry::FieldDesc {
                                name: $fname,
                                ty: $fdescribe,
                                hint: &[],
                                offset: ::core::mem::offset_of!($vmirror_ty, $binding) as u64,
                                docs: &[$($fdoc),*],
                            }),*],
                            size: ::core::mem::size_of::<$vmirror_ty>() as u64,
                            align: ::core::mem::align_of::<$vmirror_ty>() as u64,
                        }),*],
                    },
                    generics: &[$($instance),*]
                );

                /// The first variant, each field its type's panic value.
                #[inline]
                fn panic_value() -> Self {
                    $ident::$first { $($first_member: <$first_ty as $crate::FfiType>::panic_value()),* }
                }

                /// The tag always (a byte pattern may name no variant), then the fields of the
                /// variant it names that have invalid values.
                const VALIDATE: bool = true;
                #[allow(unused_unsafe, unused_variables)]
                unsafe fn validate(p: *const Self) -> ::core::result::Result<(), $crate::abi::LiftError> {
                    // Only called for IDENTITY enums, which have the mirror's layout.
                    let p = p.cast::<$mirror>();
                    // SAFETY: the caller vouches for one readable value.
                    let tag = unsafe { ::core::ptr::addr_of!((*p).tag).read_unaligned() };
                    match tag {
                        $($index => {
                            // SAFETY: the tag names this member of the union.
                            let body = unsafe { ::core::ptr::addr_of!((*p).body.$variant) }
                                .cast::<$vmirror_ty>();
                            $(
                                if <$fty as $crate::FfiType>::VALIDATE {
                                    // SAFETY: inside the body; an identity field has its ABI layout.
                                    let field = unsafe { ::core::ptr::addr_of!((*body).$binding) }
                                        .cast::<$fty>();
                                    if let ::core::result::Result::Err(e) =
                                        unsafe { <$fty as $crate::FfiType>::validate(field) }
                                    {
                                        return ::core::result::Result::Err(e.in_field($fpath));
                                    }
                                }
                            )*
                            ::core::result::Result::Ok(())
                        })*
                        other => ::core::result::Result::Err(
                            $crate::abi::LiftError::discriminant($name, other as i128),
                        ),
                    }
                }

                type Abi = $mirror;
                /// Every payload is C-compatible: the enum (`#[repr(C, tag)]`) has the mirror's layout.
                const IDENTITY: bool = true $($(&& <$fty as $crate::FfiType>::IDENTITY)*)*;
                const OWNS: bool = false $($(|| <$fty as $crate::FfiType>::OWNS)*)*;

                #[allow(unused_unsafe, unused_variables)]
                unsafe fn from_abi(
                    p: *const $mirror,
                ) -> ::core::result::Result<Self, $crate::abi::LiftError> {
                    if <Self as $crate::FfiType>::IDENTITY {
                        $crate::__ffi_same_layout!(Self, $mirror);
                        let p = p.cast::<Self>();
                        // SAFETY: the caller vouches for a whole value's bytes.
                        unsafe { <Self as $crate::FfiType>::validate(p) }?;
                        // SAFETY: the mirror's layout (checked above), and checked values.
                        return ::core::result::Result::Ok(unsafe { p.read_unaligned() });
                    }
                    // SAFETY: the caller vouches for one readable mirror.
                    let tag = unsafe { ::core::ptr::addr_of!((*p).tag).read_unaligned() };
                    match tag {
                        $($index => {
                            // SAFETY: the tag names this member of the union.
                            let body = unsafe { ::core::ptr::addr_of!((*p).body.$variant) }
                                .cast::<$vmirror_ty>();
                            ::core::result::Result::Ok($ident::$variant {$(
                                // SAFETY: the field lies inside the body the tag selects.
                                $member: match unsafe {
                                    <$fty as $crate::FfiType>::from_abi(
                                        ::core::ptr::addr_of!((*body).$binding),
                                    )
                                } {
                                    ::core::result::Result::Ok(value) => value,
                                    ::core::result::Result::Err(e) => {
                                        return ::core::result::Result::Err(e.in_field($fpath));
                                    }
                                },
                            )*})
                        })*
                        other => ::core::result::Result::Err(
                            $crate::abi::LiftError::discriminant($name, other as i128),
                        ),
                    }
                }

                /// Owned payloads come back from closures as from functions (ADR 63).
                const CALLBACK_RETURN: bool = true $($(&& <$fty as $crate::FfiType>::CALLBACK_RETURN)*)*;

                /// The variant the tag names, each field taken in order ([`FfiType::take_abi`]):
                /// when one fails, the fields after it are freed (those before it are dropped). A
                /// tag that names no variant frees nothing (which buffers it holds is unknown).
                #[allow(unused_unsafe, unused_variables, unused_mut, unused_assignments, unused_labels)]
                unsafe fn take_abi(
                    p: *mut $mirror,
                ) -> ::core::result::Result<Self, $crate::abi::LiftError> {
                    if !<Self as $crate::FfiType>::OWNS {
                        // SAFETY: forwarded (nothing to free).
                        return unsafe { <Self as $crate::FfiType>::from_abi(p) };
                    }
                    // SAFETY: the caller vouches for one readable mirror.
                    let tag = unsafe { ::core::ptr::addr_of!((*p).tag).read_unaligned() };
                    match tag {
                        $($index => {
                            // SAFETY: the tag names this member of the union.
                            let body = unsafe { ::core::ptr::addr_of_mut!((*p).body.$variant) }
                                .cast::<$vmirror_ty>();
                            let mut __taken = 0usize;
                            let __result = 'variant: {
                                ::core::result::Result::Ok($ident::$variant {$(
                                    // SAFETY: the field lies inside the body the tag selects.
                                    $member: match unsafe {
                                        <$fty as $crate::FfiType>::take_abi(
                                            ::core::ptr::addr_of_mut!((*body).$binding),
                                        )
                                    } {
                                        ::core::result::Result::Ok(value) => {
                                            __taken += 1;
                                            value
                                        }
                                        ::core::result::Result::Err(e) => {
                                            break 'variant ::core::result::Result::Err(
                                                e.in_field($fpath),
                                            );
                                        }
                                    },
                                )*})
                            };
                            if __result.is_err() {
                                // The field at `__taken` failed (and owns nothing now): free the
                                // ones after it.
                                let mut __index = 0usize;
                                $(
                                    if __index > __taken {
                                        // SAFETY: inside the body; not taken.
                                        unsafe {
                                            <$fty as $crate::FfiType>::free_abi(
                                                ::core::ptr::addr_of_mut!((*body).$binding),
                                            )
                                        };
                                    }
                                    __index += 1;
                                )*
                            }
                            __result
                        })*
                        other => ::core::result::Result::Err(
                            $crate::abi::LiftError::discriminant($name, other as i128),
                        ),
                    }
                }

                /// Frees the buffers of the variant the tag names (nothing for an unknown tag).
                #[allow(unused_unsafe, unused_variables)]
                unsafe fn free_abi(p: *mut $mirror) {
                    if !<Self as $crate::FfiType>::OWNS {
                        return;
                    }
                    // SAFETY: the caller vouches for one readable mirror.
                    let tag = unsafe { ::core::ptr::addr_of!((*p).tag).read_unaligned() };
                    match tag {
                        $($index => {
                            // SAFETY: the tag names this member of the union.
                            let body = unsafe { ::core::ptr::addr_of_mut!((*p).body.$variant) }
                                .cast::<$vmirror_ty>();
                            $(
                                // SAFETY: inside the body; not taken.
                                unsafe {
                                    <$fty as $crate::FfiType>::free_abi(
                                        ::core::ptr::addr_of_mut!((*body).$binding),
                                    )
                                };
                            )*
                        })*
                        _ => {}
                    }
                }

                fn into_abi(self) -> $mirror {
                    if <Self as $crate::FfiType>::IDENTITY {
                        $crate::__ffi_same_layout!(Self, $mirror);
                        let this = ::core::mem::ManuallyDrop::new(self);
                        // SAFETY: the same layout (checked above).
                        return unsafe { ::core::mem::transmute_copy::<Self, $mirror>(&this) };
                    }
                    match self {
                        $($ident::$variant { $($member: $binding),* } => __Mirror {
                            tag: $index,
                            body: __Body {
                                $variant: ::core::mem::ManuallyDrop::new($vmirror {$(
                                    $binding: <$fty as $crate::FfiType>::into_abi($binding),
                                )* __phantom: ::core::marker::PhantomData }),
                            },
                        },)*
                    }
                }
            }
            unsafe impl $($generics)* $crate::Lift for $self_ty where $($bounds)* {
                type Abi = ::core::mem::MaybeUninit<$mirror>;
                type Held = ::core::mem::ManuallyDrop<Self>;
                const DESCRIBE: $crate::registry::DescribeFn = <Self as $crate::FfiType>::describe;
                #[inline(always)]
                unsafe fn lift(
                    abi: Self::Abi,
                ) -> ::core::result::Result<Self::Held, $crate::abi::LiftError> {
                    // SAFETY: `abi` holds a whole value's bytes, read as the mirror says.
                    $crate::abi::convert::held(unsafe {
                        <Self as $crate::FfiType>::from_abi(abi.as_ptr())
                    })
                }
            }
            unsafe impl $($generics)* $crate::Lower for $self_ty where $($bounds)* {
                type Abi = $mirror;
                const DESCRIBE: $crate::registry::DescribeFn = <Self as $crate::FfiType>::describe;
                #[inline(always)]
                fn lower(self) -> $mirror {
                    <Self as $crate::FfiType>::into_abi(self)
                }
                #[inline(always)]
                fn panic_abi() -> $mirror {
                    <Self as $crate::FfiType>::into_abi(<Self as $crate::FfiType>::panic_value())
                }
            }
            unsafe impl $($generics)* $crate::abi::convert::Optional for $self_ty where $($bounds)* {
                $crate::__ffi_optional_by_value!();
            }
            $crate::__ffi_error!([$($generics)*] $self_ty, [$($bounds)*], |value| match value {
                $($ident::$variant { .. } => ::std::string::String::from(::core::concat!($name, "::", $vname)),)*
            });
        };
        $(
            $crate::registry::TYPES! {
                #![linkme_macro = $crate::registry::TYPES]
                #[allow(non_upper_case_globals)]
                static $entry: $crate::registry::DescribeFn = <$static_ty as $crate::FfiType>::describe;
            }
        )?
    };
}
