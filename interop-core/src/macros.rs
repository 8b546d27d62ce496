//! The templates `#[ffi]` expands into.
//!
//! The attribute parses only what it must (names, the signature, the fields) and hands the pieces to
//! these `macro_rules!`, which rustc expands natively: a proc macro runs unoptimized in a debug build
//! and pays for every token it creates, so keeping its output to one short invocation per item is
//! most of what keeps `#[ffi]` cheap to compile (see docs/adr/0008-registration-for-compile-time.md).
//! Not a public API: the invocation format changes with the attribute.
//!
//! The templates live in one module per kind of item: [`macros_function`](crate::macros_function)
//! (functions and methods), [`macros_record`](crate::macros_record) (structs),
//! [`macros_enum`](crate::macros_enum) (C-like enums), `macros_data_enum` and `macros_service`; this
//! module holds opaque types and the small helpers the others share. Each is `#[macro_export]`ed, so
//! the expansion names it `$crate::__ffi_…!` whichever module defines it.

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
