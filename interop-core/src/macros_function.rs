//! The template `#[ffi]` expands a function or method into (see [`macros`](crate::macros) for why
//! templates).

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
    // So does a service's dispose.
    (@null_is_nothing Dispose $handle:ident) => {
        if $handle.is_null() {
            return;
        }
    };
    (@null_is_nothing $kind:ident $($arg:ident)*) => {};
    // The shim the compiled Python path calls: the second one when there is one (ADR 52).
    (@python_shim $shim:ident) => {
        $crate::registry::ShimAddr($shim as *const ())
    };
    (@python_shim $shim:ident $python_shim:ident) => {
        $crate::registry::ShimAddr($python_shim as *const ())
    };
    // The second shim of a function taking `&str` or `String` (ADR 52): not exported (only its
    // descriptor points to it, for the compiled Python path), lifting each argument with
    // `Lift::lift_known_utf8` (CPython's UTF-8 form of a `str` is not validated again).
    (
        @python_shim
        desc: $desc:ident,
        shim: $shim:ident,
        kind: $kind:ident,
        params: [$($index:literal $arg:ident: [$abi:ty] [$lift:expr]),* $(,)?],
        returns: [$ret_abi:ty] [$lower:expr] [$panic:expr],
        call: $call:ident($callee:expr) $(,)?
    ) => {
        #[allow(
            improper_ctypes_definitions,
            non_snake_case,
            unused_mut,
            unreachable_patterns,
            clippy::all
        )]
        unsafe extern "C" fn $shim($($arg: $abi),*) -> $ret_abi {
            $crate::__ffi_function!(@body $desc, $kind, [$($index $arg = $lift),*], $lower, $panic,
                $call($callee))
        }
    };
    // A shim's body: lift every argument, call through the panic guard, lower the result.
    (
        @body $desc:ident, $kind:ident, [$($index:literal $arg:ident = $lift:expr),*],
        $lower:expr, $panic:expr, $call:ident($callee:expr)
    ) => {{
        $crate::__ffi_function!(@null_is_nothing $kind $($arg)*);
        // Every argument is lifted before any is checked (ADR 36): what a parameter owns (a
        // kept closure, a record of closures, a service moved in) is taken over even when
        // another parameter fails, and then dropped once as the shim returns.
        $(
            // SAFETY: the argument is the foreign caller's, as the shim received it.
            let mut $arg = unsafe { $lift };
        )*
        let mut __interop_failed: ::core::option::Option<(usize, $crate::abi::LiftError)> =
            ::core::option::Option::None;
        $(
            // SAFETY: taken once; what was lifted (the storage a borrowed argument may point
            // into) stays alive, shadowed, until the shim returns.
            let $arg = unsafe {
                $crate::__private::take_lifted(&mut $arg, $index, &mut __interop_failed)
            };
        )*
        match ($($arg,)*) {
            ($(::core::option::Option::Some($arg),)*) => {
                $crate::__private::$call(&$desc, $callee, $lower, $panic, $($arg),*)
            }
            // The arguments that did lift are dropped (a kept closure's `drop` runs), then the
            // first failure is reported.
            __interop_taken => {
                $crate::__private::lifts_failed(&$desc, __interop_taken, __interop_failed, $panic)
            }
        }
    }};
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
            [$($hint:literal),*]
        ),* $(,)?],
        returns: [$ret_abi:ty] [$lower:expr] [$panic:expr] [$ret_describe:expr]
            [$($ret_hint:literal),*],
        call: $call:ident($callee:expr)
        $(, python_shim: [$($python_shim:ident)?])? $(,)?
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
                python_shim: $crate::__ffi_function!(@python_shim $shim $($($python_shim)?)?),
                python: $crate::python::python_call(
                    &($shim as unsafe extern "C" fn($($crate::__ffi_infer!($arg)),*) -> _),
                ),
                docs: &[$($doc),*],
                params: &[$($crate::registry::ParamDesc {
                    name: $pname,
                    ty: $describe,
                    hint: &[$($hint),*],
                }),*],
                returns: $ret_describe,
                returns_hint: &[$($ret_hint),*],
            };
        }

        #[unsafe(export_name = $symbol)]
        #[allow(
            improper_ctypes_definitions,
            non_snake_case,
            unused_mut,
            unreachable_patterns,
            clippy::all
        )]
        unsafe extern "C" fn $shim($($arg: $abi),*) -> $ret_abi {
            $crate::__ffi_function!(@body $desc, $kind, [$($index $arg = $lift),*], $lower, $panic,
                $call($callee))
        }
    };
}
