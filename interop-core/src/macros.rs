//! The templates `#[ffi]` expands into.
//!
//! The attribute parses only what it must (names, the signature, the fields) and hands the pieces to
//! these `macro_rules!`, which rustc expands natively: a proc macro runs unoptimized in a debug build
//! and pays for every token it creates, so keeping its output to one short invocation per item is
//! most of what keeps `#[ffi]` cheap to compile (see docs/adr/0008-registration-for-compile-time.md).
//! Not a public API: the invocation format changes with the attribute.

/// One exported function: its descriptor (registered in [`FUNCTIONS`](crate::registry::FUNCTIONS))
/// and its `extern "C"` shim: lift each argument, call through the panic guard, lower the result.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_function {
    (@owner) => { ::core::option::Option::None };
    // A destructor given NULL does nothing (no call, no error).
    (@null_is_nothing Destructor $handle:ident) => {
        if $handle.is_null() {
            return;
        }
    };
    (@null_is_nothing $kind:ident $($arg:ident)*) => {};
    (@owner $owner:ty) => {
        ::core::option::Option::Some(
            <$owner as $crate::FfiOwner>::describe_owner as $crate::registry::DescribeFn,
        )
    };
    (
        desc: $desc:ident,
        shim: $shim:ident,
        symbol: $symbol:literal,
        symbol_error: $symbol_error:literal,
        name: $name:literal,
        rust_name: $rust_name:literal,
        module: $module:literal,
        owner: [$($owner:ty)?],
        receiver: $receiver:ident,
        kind: $kind:ident,
        docs: [$($doc:expr),* $(,)?],
        params: [$(
            $index:literal $pname:literal $arg:ident: [$abi:ty] [$lift:expr] [$describe:expr]
        ),* $(,)?],
        returns: [$ret_abi:ty] [$lower:expr] [$panic:expr] [$ret_describe:expr],
        call: $call:ident($callee:expr) $(,)?
    ) => {
        $crate::registry::FUNCTIONS! {
            #![linkme_macro = $crate::registry::FUNCTIONS]
            #[allow(non_upper_case_globals)]
            static $desc: $crate::registry::FunctionDesc = $crate::registry::FunctionDesc {
                name: $name,
                rust_name: $rust_name,
                module_path: ::core::module_path!(),
                symbol: $crate::__private::checked_symbol($symbol, $symbol_error),
                module: $module,
                owner: $crate::__ffi_function!(@owner $($owner)?),
                receiver: $crate::registry::ReceiverDesc::$receiver,
                kind: $crate::model::FunctionKind::$kind,
                shim: $crate::registry::ShimAddr($shim as *const ()),
                python: $crate::python::python_call(
                    &($shim as unsafe extern "C" fn($($crate::__ffi_infer!($arg)),*) -> _),
                ),
                docs: &[$($doc),*],
                params: &[$($crate::registry::ParamDesc {
                    name: $pname,
                    ty: $describe,
                }),*],
                returns: $ret_describe,
            };
        }

        #[unsafe(export_name = $symbol)]
        #[allow(improper_ctypes_definitions, non_snake_case, clippy::all)]
        unsafe extern "C" fn $shim($($arg: $abi),*) -> $ret_abi {
            $crate::__ffi_function!(@null_is_nothing $kind $($arg)*);
            $(
                // SAFETY: the argument is the foreign caller's, as the shim received it.
                let mut $arg = match unsafe { $lift } {
                    ::core::result::Result::Ok(held) => held,
                    ::core::result::Result::Err(e) => {
                        return $crate::__private::lift_failed(&$desc, $index, e, $panic);
                    }
                };
                // SAFETY: taken once; what was lifted (the storage a borrowed argument may point
                // into) stays alive, shadowed, until the shim returns.
                let $arg = unsafe { $crate::abi::Holder::take(&mut $arg) };
            )*
            $crate::__private::$call(&$desc, $callee, $lower, $panic, $($arg),*)
        }
    };
}

/// `_` for each parameter of a shim's function pointer type (the types are inferred).
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_infer {
    ($arg:ident) => {
        _
    };
}

/// `None` or `Some("…")`, for optional names of the descriptors.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_opt {
    () => {
        ::core::option::Option::None
    };
    ($value:literal) => {
        ::core::option::Option::Some($value)
    };
}

/// The descriptor of a named type (an associated `const TYPE`), registered in
/// [`TYPES`](crate::registry::TYPES) so that the type is exported even when no function uses it.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_type_desc {
    (
        $ident:ident, $name:literal, $rust_name:literal, [$($module:literal)?], [$($doc:expr),*],
        size: $size:expr, align: $align:expr, kind: $kind:expr $(, generics: $generics:expr)?
    ) => {
        ::core::option::Option::Some(&$crate::registry::TypeDesc {
            id: ::core::concat!(::core::module_path!(), "::", $rust_name),
            name: $name,
            rust_name: $rust_name,
            module: $crate::__ffi_opt!($($module)?),
            docs: &[$($doc),*],
            size: $size,
            align: $align,
            kind: $kind,
            generics: $crate::__ffi_or!([$($generics)?] &[]),
        })
    };
}

/// The first expression if given, else the second.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_or {
    ([$value:expr] $default:expr) => {
        $value
    };
    ([] $default:expr) => {
        $default
    };
}

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
            $member:tt, $fname:literal, $fty:ty, [$fdescribe:expr], [$fabi:ty], [$($fdoc:expr),* $(,)?]
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
        $crate::__ffi_error!([] $ident, |value| match value {
            $($ident::$variant => ::std::string::String::from(::core::concat!($name, "::", $vname)),)*
        });
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

/// An opaque type: only ever behind a pointer.
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_opaque {
    (
        ident: $ident:ident,
        generics: [$($generics:tt)*],
        self_ty: $self_ty:ty,
        static_ty: [$($static_ty:ty)?],
        name: $name:literal,
        rust_name: $rust_name:literal,
        module: [$($module:literal)?],
        docs: [$($doc:expr),* $(,)?],
        entry: $entry:ident $(,)?
    ) => {
        unsafe impl $($generics)* $crate::FfiPointee for $self_ty {
            const TYPE: ::core::option::Option<&'static $crate::registry::TypeDesc> = $crate::__ffi_type_desc!(
                $ident, $name, $rust_name, [$($module)?], [$($doc),*],
                size: 0, align: 1, kind: $crate::registry::TypeKindDesc::Opaque
            );
        }
        $(
            $crate::registry::TYPES! {
                #![linkme_macro = $crate::registry::TYPES]
                #[allow(non_upper_case_globals)]
                static $entry: $crate::registry::DescribeFn = <$static_ty as $crate::FfiPointee>::describe_pointee;
            }
        )?
    };
}
