//! The template of `#[ffi(service)]` (see [`crate::service`]).

/// A service type: its descriptor, `Service` (name, `Sync` probe), the ways it crosses (`&T` and
/// `&mut T` lock the cell for the call, `T` moves the value out of it or, returned, into a new
/// cell), and its exported `_free` and `_dispose` (ADR 40).
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_service {
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
        free: $free_desc:ident $free_shim:ident $free_symbol:literal $free_error:literal $free_module:literal,
        dispose: $dispose_desc:ident $dispose_shim:ident $dispose_symbol:literal $dispose_error:literal $(,)?
    ) => {
        const _: () = {
            static __TYPE: &'static $crate::registry::TypeDesc = match $crate::__ffi_type_desc!(
                $ident, $name, $rust_name, [$($module)?], [$($doc),*],
                size: 0, align: 1, kind: $crate::registry::TypeKindDesc::Service
            ) {
                ::core::option::Option::Some(desc) => desc,
                ::core::option::Option::None => ::core::unreachable!(),
            };

            unsafe impl $crate::service::Service for $ident {
                const NAME: &'static str = $name;
                #[inline(always)]
                fn sync() -> bool {
                    #[allow(unused_imports)]
                    use $crate::service::{ProbeNotSync as _, ProbeSync as _};
                    (&$crate::service::Probe::<$ident>::new()).sync()
                }
                fn describe(reg: &mut $crate::registry::Registry) -> $crate::model::TypeRef {
                    reg.described(__TYPE)
                }
            }
            #[allow(dead_code)]
            fn __check_send() {
                #[allow(unused_imports)]
                use $crate::service::{NotSendCheck as _, SendCheck as _};
                (&$crate::service::Probe::<$ident>::new()).check_send();
            }
            unsafe impl $crate::FfiOwner for $ident {
                const BINDINGS_NAME: &'static str = $name;
                fn describe_owner(reg: &mut $crate::registry::Registry) -> $crate::model::TypeRef {
                    reg.described(__TYPE)
                }
            }
            unsafe impl<'a> $crate::Lift for &'a $ident {
                type Abi = *mut $crate::service::ServiceCell<$ident>;
                type Held = $crate::service::Locked<'a, $ident, &'a $ident>;
                const DESCRIBE: $crate::registry::DescribeFn =
                    $crate::service::describe_handle::<$ident, false>;
                #[inline(always)]
                unsafe fn lift(abi: Self::Abi) -> ::core::result::Result<Self::Held, $crate::abi::LiftError> {
                    // SAFETY: the caller's handle, as the shim received it.
                    unsafe { $crate::service::lift_ref(abi) }
                }
            }
            unsafe impl<'a> $crate::Lift for &'a mut $ident {
                type Abi = *mut $crate::service::ServiceCell<$ident>;
                type Held = $crate::service::Locked<'a, $ident, &'a mut $ident>;
                const DESCRIBE: $crate::registry::DescribeFn =
                    $crate::service::describe_handle::<$ident, true>;
                #[inline(always)]
                unsafe fn lift(abi: Self::Abi) -> ::core::result::Result<Self::Held, $crate::abi::LiftError> {
                    // SAFETY: the caller's handle, as the shim received it.
                    unsafe { $crate::service::lift_mut(abi) }
                }
            }
            unsafe impl $crate::Lift for $ident {
                type Abi = *mut $crate::service::ServiceCell<$ident>;
                type Held = ::core::mem::ManuallyDrop<$ident>;
                const DESCRIBE: $crate::registry::DescribeFn =
                    <$ident as $crate::service::Service>::describe;
                #[inline(always)]
                unsafe fn lift(abi: Self::Abi) -> ::core::result::Result<Self::Held, $crate::abi::LiftError> {
                    // SAFETY: the caller's handle, as the shim received it.
                    unsafe { $crate::service::lift_value(abi) }
                }
            }
            unsafe impl $crate::Lower for $ident {
                type Abi = *mut $crate::service::ServiceCell<$ident>;
                const DESCRIBE: $crate::registry::DescribeFn =
                    <$ident as $crate::service::Service>::describe;
                #[inline(always)]
                fn lower(self) -> Self::Abi {
                    $crate::service::ServiceCell::into_handle(self)
                }
                #[inline(always)]
                fn panic_abi() -> Self::Abi {
                    ::core::ptr::null_mut()
                }
            }
            $crate::__ffi_function! {
                desc: $free_desc,
                shim: $free_shim,
                symbol: $free_symbol,
                symbol_error: $free_error,
                name: "free",
                rust_name: "drop",
                module: $free_module,
                owner: [$ident],
                receiver: None,
                kind: Destructor,
                docs: [
                    "Frees the object (its `Drop` runs if no method consumed it); NULL is ignored.",
                    "Waits for calls in progress on other threads; no call may start after it.",
                ],
                params: [0 "handle" __interop_a0: [*mut $crate::service::ServiceCell<$ident>]
                    [<$crate::service::Freed<$ident> as $crate::Lift>::lift(__interop_a0)]
                    [<$crate::service::Freed<$ident> as $crate::Lift>::DESCRIBE] []],
                returns: [()] [<() as $crate::Lower>::lower_from] [<() as $crate::Lower>::panic_abi]
                    [<() as $crate::Lower>::DESCRIBE] [],
                call: call1($crate::service::free::<$ident>),
            }
            $crate::__ffi_function! {
                desc: $dispose_desc,
                shim: $dispose_shim,
                symbol: $dispose_symbol,
                symbol_error: $dispose_error,
                name: "dispose",
                rust_name: "dispose",
                module: $free_module,
                owner: [$ident],
                receiver: None,
                kind: Dispose,
                docs: [
                    "Closes the object without freeing the handle: waits for calls in progress on other",
                    "threads, then runs its `Drop` if no method consumed it. Later calls fail (closed);",
                    "disposing again does nothing; NULL is ignored. Free the handle afterwards.",
                ],
                params: [0 "handle" __interop_a0: [*mut $crate::service::ServiceCell<$ident>]
                    [<$crate::service::Disposed<$ident> as $crate::Lift>::lift(__interop_a0)]
                    [<$crate::service::Disposed<$ident> as $crate::Lift>::DESCRIBE] []],
                returns: [()] [<() as $crate::Lower>::lower_from] [<() as $crate::Lower>::panic_abi]
                    [<() as $crate::Lower>::DESCRIBE] [],
                call: call1($crate::service::dispose::<$ident>),
            }
        };
        $crate::registry::TYPES! {
            #![linkme_macro = $crate::registry::TYPES]
            #[allow(non_upper_case_globals)]
            static $entry: $crate::registry::DescribeFn = <$ident as $crate::service::Service>::describe;
        }
    };
}
