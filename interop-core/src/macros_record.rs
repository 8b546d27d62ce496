//! The templates `#[ffi]` expands a struct into: the record itself, its ABI mirror and the layout
//! check (see [`macros`](crate::macros) for why templates).

/// A record (`#[ffi]` struct). Its ABI form is a `#[repr(C)]` mirror with each field in its own ABI
/// form ([`FfiType::Abi`](crate::FfiType::Abi)), declared in an anonymous constant beside the impls
/// (with the struct's lifetime parameters, `mirror: [<'a>]`). A record whose fields are all
/// C-compatible has the mirror's layout (checked at compile time): it is lifted from `MaybeUninit` of
/// the mirror after its `bool`, enum and reference fields are checked (records without such fields
/// skip the check at compile time) and lowered as itself, so its shims stay the hand-written code. A
/// record that owns data (`String`, `Vec<T>`) or holds views (`&str`, `&[T]`) is converted field by
/// field, and described with the mirror's layout.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_struct {
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
        layout: $layout:ident,
        tuple: $tuple:tt,
        mirror: [$($mirror_generics:tt)*] ($mirror:ty),
        bounds: [$($bounds:tt)*],
        instance: [$($instance:expr),* $(,)?],
        fields: [$((
            $member:tt, $fname:literal, $fty:ty, [$fdescribe:expr], [$fabi:ty], [$($fdoc:expr),* $(,)?],
            [$($fhint:literal),*]
        )),* $(,)?] $(,)?
    ) => {
        const _: () = {
            $crate::__ffi_mirror! { $layout, $tuple, [$($mirror_generics)*], [$($bounds)*], [$(($member, $fabi)),*] }

            unsafe impl $($generics)* $crate::FfiType for $self_ty where $($bounds)* {
                const TYPE: ::core::option::Option<&'static $crate::registry::TypeDesc> = $crate::__ffi_type_desc!(
                    $ident, $name, $rust_name, [$($module)?], [$($doc),*],
                    size: ::core::mem::size_of::<$mirror>() as u64,
                    align: ::core::mem::align_of::<$mirror>() as u64,
                    kind: $crate::registry::TypeKindDesc::Struct {
                        layout: $crate::model::StructLayout::$layout,
                        tuple: $tuple,
                        fields: &[$($crate::registry::FieldDesc {
                            name: $fname,
                            ty: $fdescribe,
                            hint: &[$($fhint),*],
                            offset: ::core::mem::offset_of!($mirror, $member) as u64,
                            docs: &[$($fdoc),*],
                        }),*],
                    },
                    generics: &[$($instance),*]
                );
                #[inline]
                fn panic_value() -> Self {
                    Self { $($member: <$fty as $crate::FfiType>::panic_value()),* }
                }
                const VALIDATE: bool = false $(|| <$fty as $crate::FfiType>::VALIDATE)*;
                #[inline]
                #[allow(unused_unsafe)]
                unsafe fn validate(p: *const Self) -> ::core::result::Result<(), $crate::abi::LiftError> {
                    $(
                        if <$fty as $crate::FfiType>::VALIDATE {
                            // SAFETY: the field lies inside the record the caller vouches for.
                            let field = unsafe { ::core::ptr::addr_of!((*p).$member) };
                            if let ::core::result::Result::Err(e) =
                                unsafe { <$fty as $crate::FfiType>::validate(field) }
                            {
                                return ::core::result::Result::Err(e.in_field($fname));
                            }
                        }
                    )*
                    let _ = p;
                    ::core::result::Result::Ok(())
                }

                type Abi = $mirror;
                const IDENTITY: bool = true $(&& <$fty as $crate::FfiType>::IDENTITY)*;
                const OWNS: bool = false $(|| <$fty as $crate::FfiType>::OWNS)*;

                #[inline(always)]
                #[allow(unused_unsafe, unused_assignments)]
                unsafe fn from_abi(
                    p: *const Self::Abi,
                ) -> ::core::result::Result<Self, $crate::abi::LiftError> {
                    if <Self as $crate::FfiType>::IDENTITY {
                        $crate::__ffi_same_layout!(Self, $mirror);
                        let p = p.cast::<Self>();
                        if <Self as $crate::FfiType>::VALIDATE {
                            // SAFETY: the caller vouches for a whole value's bytes.
                            unsafe { <Self as $crate::FfiType>::validate(p) }?;
                        }
                        // SAFETY: the mirror's layout (checked above), and checked values.
                        return ::core::result::Result::Ok(unsafe { p.read_unaligned() });
                    }
                    // Fields are lifted in order: when one fails, the closures of the fields
                    // after it are released (those before it are owned, and dropped, already).
                    let mut __index = 0usize;
                    ::core::result::Result::Ok(Self {$(
                        // SAFETY: the field lies inside the mirror the caller vouches for.
                        $member: match unsafe {
                            <$fty as $crate::FfiType>::from_abi(::core::ptr::addr_of!((*p).$member))
                        } {
                            ::core::result::Result::Ok(value) => {
                                __index += 1;
                                value
                            }
                            ::core::result::Result::Err(e) => {
                                if <Self as $crate::FfiType>::KEEPS_CLOSURES {
                                    // SAFETY: the fields after `__index` were not lifted.
                                    unsafe { Self::__interop_release_from(p, __index + 1) };
                                }
                                return ::core::result::Result::Err(e.in_field($fname));
                            }
                        },
                    )*})
                }

                const KEEPS_CLOSURES: bool = false $(|| <$fty as $crate::FfiType>::KEEPS_CLOSURES)*;

                const CALLBACK_RETURN: bool = !<Self as $crate::FfiType>::KEEPS_CLOSURES
                    $(&& <$fty as $crate::FfiType>::CALLBACK_RETURN)*;

                #[inline]
                #[allow(unused_unsafe, unused_assignments)]
                unsafe fn take_abi(
                    p: *mut Self::Abi,
                ) -> ::core::result::Result<Self, $crate::abi::LiftError> {
                    if !<Self as $crate::FfiType>::OWNS {
                        // SAFETY: forwarded (nothing to free).
                        return unsafe { <Self as $crate::FfiType>::from_abi(p) };
                    }
                    // Fields are taken in order: when one fails, the buffers of the fields after
                    // it are freed (those before it are owned, and dropped, already).
                    let mut __index = 0usize;
                    ::core::result::Result::Ok(Self {$(
                        // SAFETY: the field lies inside the mirror the caller vouches for.
                        $member: match unsafe {
                            <$fty as $crate::FfiType>::take_abi(::core::ptr::addr_of_mut!((*p).$member))
                        } {
                            ::core::result::Result::Ok(value) => {
                                __index += 1;
                                value
                            }
                            ::core::result::Result::Err(e) => {
                                // SAFETY: the fields after `__index` were not taken.
                                unsafe { Self::__interop_free_from(p, __index + 1) };
                                return ::core::result::Result::Err(e.in_field($fname));
                            }
                        },
                    )*})
                }

                #[inline]
                #[allow(unused_unsafe)]
                unsafe fn free_abi(p: *mut Self::Abi) {
                    if <Self as $crate::FfiType>::OWNS {
                        // SAFETY: forwarded: no field was taken.
                        unsafe { Self::__interop_free_from(p, 0) };
                    }
                }

                #[inline]
                #[allow(unused_unsafe)]
                unsafe fn release_abi(p: *const Self::Abi) {
                    if <Self as $crate::FfiType>::KEEPS_CLOSURES {
                        // SAFETY: forwarded: no field was lifted.
                        unsafe { Self::__interop_release_from(p, 0) };
                    }
                }

                #[inline(always)]
                fn into_abi(self) -> Self::Abi {
                    let this = ::core::mem::ManuallyDrop::new(self);
                    if <Self as $crate::FfiType>::IDENTITY {
                        $crate::__ffi_same_layout!(Self, $mirror);
                        // SAFETY: the same layout (checked above).
                        return unsafe { ::core::mem::transmute_copy::<Self, Self::Abi>(&this) };
                    }
                    // SAFETY: each field is moved out once; `this` is never dropped.
                    __Mirror {$(
                        $member: <$fty as $crate::FfiType>::into_abi(unsafe {
                            ::core::ptr::read(::core::ptr::addr_of!(this.$member))
                        }),
                    )*}
                }
            }
            impl $($generics)* $self_ty where $($bounds)* {
                /// Frees the buffers of the fields numbered `first` and after (`FfiType::free_abi`).
                #[allow(unused_unsafe, unused_assignments, unused_variables, unused_mut, dead_code)]
                #[doc(hidden)]
                unsafe fn __interop_free_from(p: *mut $mirror, first: usize) {
                    let mut __index = 0usize;
                    $(
                        if __index >= first {
                            // SAFETY: the field lies inside the mirror; not taken (the caller's promise).
                            unsafe {
                                <$fty as $crate::FfiType>::free_abi(::core::ptr::addr_of_mut!((*p).$member))
                            };
                        }
                        __index += 1;
                    )*
                }
                /// Releases the closures of the fields numbered `first` and after (`FfiType::release_abi`).
                #[allow(unused_unsafe, unused_assignments, unused_variables, unused_mut, dead_code)]
                #[doc(hidden)]
                unsafe fn __interop_release_from(p: *const $mirror, first: usize) {
                    let mut __index = 0usize;
                    $(
                        if __index >= first {
                            // SAFETY: the field lies inside the mirror; not lifted (the caller's promise).
                            unsafe {
                                <$fty as $crate::FfiType>::release_abi(::core::ptr::addr_of!((*p).$member))
                            };
                        }
                        __index += 1;
                    )*
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
                fn lower(self) -> Self::Abi {
                    <Self as $crate::FfiType>::into_abi(self)
                }
                #[inline(always)]
                fn panic_abi() -> Self::Abi {
                    <Self as $crate::FfiType>::into_abi(<Self as $crate::FfiType>::panic_value())
                }
            }
            unsafe impl $($generics)* $crate::abi::convert::Optional for $self_ty where $($bounds)* {
                $crate::__ffi_optional_by_value!();
            }
            $crate::__ffi_error!([$($generics)*] $self_ty, [$($bounds)*], |value| {
                let mut out = ::std::string::String::from($name);
                out.push_str(" {");
                let mut first = true;
                $(
                    out.push_str(if first { " " } else { ", " });
                    first = false;
                    out.push_str($fname);
                    out.push_str(": ");
                    // A bitwise copy, never dropped: the field may be unaligned (packed records).
                    // SAFETY: the field lies inside `value`; the copy is only borrowed.
                    let field = ::core::mem::ManuallyDrop::new(unsafe {
                        ::core::ptr::addr_of!(value.$member).read_unaligned()
                    });
                    out.push_str(&$crate::__ffi_render_field!(&*field));
                )*
                let _ = first;
                out.push_str(" }");
                out
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

/// A compile-time check that a C-compatible record has its mirror's layout.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_same_layout {
    ($a:ty, $b:ty) => {
        const {
            ::core::assert!(
                !<$a as $crate::FfiType>::IDENTITY
                    || (::core::mem::size_of::<$a>() == ::core::mem::size_of::<$b>()
                        && ::core::mem::align_of::<$a>() == ::core::mem::align_of::<$b>()),
                "#[ffi]: internal error: a C-compatible record differs from its ABI mirror",
            )
        }
    };
}

/// The ABI mirror of a record (`__Mirror`): each field in its ABI form, in the record's layout.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_mirror {
    ($layout:ident, false, [$($generics:tt)*], [$($bounds:tt)*], [$(($member:tt, $abi:ty)),*]) => {
        $crate::__ffi_mirror!(@repr $layout,
            #[doc(hidden)]
            #[allow(non_camel_case_types, dead_code)]
            pub struct __Mirror $($generics)* where $($bounds)* { $(pub $member: $abi),* }
        );
    };
    ($layout:ident, true, [$($generics:tt)*], [$($bounds:tt)*], [$(($member:tt, $abi:ty)),*]) => {
        $crate::__ffi_mirror!(@repr $layout,
            #[doc(hidden)]
            #[allow(non_camel_case_types, dead_code)]
            pub struct __Mirror $($generics)* ($(pub $abi),*) where $($bounds)*;
        );
    };
    (@repr C, $($item:tt)*) => { #[repr(C)] $($item)* };
    (@repr Packed, $($item:tt)*) => { #[repr(C, packed)] $($item)* };
    (@repr Transparent, $($item:tt)*) => { #[repr(transparent)] $($item)* };
}
