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
