//! `Result<T, E>` as a return type: a by-value [`ResultAbi`] `{status, union {ok, err}}`
//! ([ADR 6](../../../../docs/adr/0006-result-as-a-tagged-return.md), [ADR 12](../../../../docs/adr/0012-options-results-and-typed-errors.md)).
//!
//! - `Ok(v)`: status [`Status::OK`], `value.ok` is `v` lowered as a return (`()` crosses as nothing).
//! - `Err(e)`: status [`Status::ERROR`], `value.err` an [`ErrorAbi`]: `e` in its ABI form and its
//!   message (`Display` when `E` implements it, else a rendering of the value, see [`FfiError`]),
//!   both the receiver's to free; the message of a fieldless enum is static text (`cap == 0`, which
//!   the free ignores), see [`messages`](super::messages).
//! - a panic (or an argument that did not lift): status [`Status::PANIC`], the message in the error
//!   channel as for every function; `value.ok` is the success type's panic value (nothing to free).
//!
//! `E` is an [`FfiError`]: `String`, or an `#[ffi]` struct or enum (`#[ffi]` implements the trait).

use core::fmt;
use core::mem::{ManuallyDrop, MaybeUninit};
use core::ptr::addr_of_mut;

use super::Lower;
use super::messages::owned_message;
use crate::FfiType;
use crate::abi::Buffer;
use crate::abi::shapes::ResultValue;
use crate::abi::{ErrorAbi, ResultAbi, Status};
use crate::model::TypeRef;
use crate::registry::{DescribeFn, Registry};

/// A type that can be the error of a `Result` an `#[ffi]` function returns: its value crosses in
/// its ABI form, with a message.
///
/// `#[ffi]` implements it for every struct and enum: the message is the type's `Display` when it
/// implements `std::fmt::Display`, else its `Debug`, else a rendering `#[ffi]` writes (the variant
/// of an enum, `Name { field: value, … }` for a struct). Nothing to write by hand.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the error type of a `Result` returned across the FFI boundary",
    label = "not an #[ffi] error type",
    note = "the error of a returned `Result<T, E>` must be an #[ffi] enum, an #[ffi] struct or `String`",
    note = "wrap the error in an #[ffi] struct or enum (its `Display` becomes the exception's message), \
            or map it to a `String` (`.map_err(|e| e.to_string())`)"
)]
pub trait FfiError: FfiType + Sized {
    /// The message of the exception the bindings raise.
    fn message(&self) -> String;

    /// The message as it crosses: owned by the receiver (rendered now), or static text the library
    /// keeps (`cap == 0`, never freed: fieldless enums, ADR 35).
    #[doc(hidden)]
    #[inline(always)]
    fn lower_message(&self) -> Buffer<u8> {
        owned_message(self)
    }
}

impl FfiError for String {
    fn message(&self) -> String {
        self.clone()
    }
}

fn describe<T: Lower, E: FfiError>(reg: &mut Registry) -> TypeRef {
    TypeRef::result((T::DESCRIBE)(reg), E::describe(reg))
}

/// A returned `Result<T, E>`: see the module documentation.
unsafe impl<T: Lower, E: FfiError> Lower for Result<T, E> {
    type Abi = ResultAbi<T::Abi, ErrorAbi<E::Abi>>;
    const DESCRIBE: DescribeFn = describe::<T, E>;

    #[inline]
    fn lower(self) -> Self::Abi {
        match self {
            Ok(v) => ResultAbi {
                status: Status::OK,
                value: ResultValue {
                    ok: ManuallyDrop::new(v.lower()),
                },
            },
            Err(e) => lower_error(e),
        }
    }

    #[inline]
    fn lower_from(self, function: &'static crate::registry::FunctionDesc) -> Self::Abi {
        match self {
            Ok(v) => ResultAbi {
                status: Status::OK,
                value: ResultValue {
                    ok: ManuallyDrop::new(v.lower_from(function)),
                },
            },
            Err(e) => lower_error(e),
        }
    }

    #[inline]
    fn panic_abi() -> Self::Abi {
        ResultAbi {
            status: Status::PANIC,
            value: ResultValue {
                ok: ManuallyDrop::new(T::panic_abi()),
            },
        }
    }
}

/// The error branch, out of line (the happy path stays small).
#[cold]
#[inline(never)]
fn lower_error<T, E: FfiError>(e: E) -> ResultAbi<T, ErrorAbi<E::Abi>> {
    // The message is made outside the shim's panic guard: a `Display` that panics must not unwind
    // into the `extern "C"` shim (`lower_message` catches it).
    let message = e.lower_message();
    let value = e.into_abi();
    // Written field by field into the returned value (the caller's memory): built whole and then
    // moved, the union went through the stack as bytes (padding included), store after load, which
    // cost the `Err` row a third of its time (issue 11).
    let mut out = MaybeUninit::<ResultAbi<T, ErrorAbi<E::Abi>>>::uninit();
    let p = out.as_mut_ptr();
    // SAFETY: every write is to a field of `out`; a `ResultAbi` whose status is ERROR is
    // initialized by its status and its `value.err` (the rest of the union may stay unset).
    unsafe {
        addr_of_mut!((*p).status).write(Status::ERROR);
        let err = addr_of_mut!((*p).value.err).cast::<ErrorAbi<E::Abi>>();
        addr_of_mut!((*err).value).write(value);
        addr_of_mut!((*err).message).write(message);
        out.assume_init()
    }
}

/// The message of an error value, chosen at compile time where the error type is concrete (the
/// `#[ffi]` expansion of a struct or enum): `Display`, else `Debug`, else `None` (the expansion then
/// renders the value itself). Autoref specialization: `(&&&Render(v)).render()` resolves to the
/// first impl whose bound holds.
#[doc(hidden)]
pub struct Render<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait ViaDisplay {
    fn render(&self) -> Option<String>;
    /// Whether [`render`](Self::render) gives `Some` (known at compile time).
    fn renders(&self) -> bool;
}

impl<T: fmt::Display + ?Sized> ViaDisplay for &&Render<'_, T> {
    fn render(&self) -> Option<String> {
        Some(self.0.to_string())
    }
    #[inline(always)]
    fn renders(&self) -> bool {
        true
    }
}

#[doc(hidden)]
pub trait ViaDebug {
    fn render(&self) -> Option<String>;
    fn renders(&self) -> bool;
}

impl<T: fmt::Debug + ?Sized> ViaDebug for &Render<'_, T> {
    fn render(&self) -> Option<String> {
        Some(format!("{:?}", self.0))
    }
    #[inline(always)]
    fn renders(&self) -> bool {
        true
    }
}

#[doc(hidden)]
pub trait ViaNothing {
    fn render(&self) -> Option<String>;
    fn renders(&self) -> bool;
}

impl<T: ?Sized> ViaNothing for Render<'_, T> {
    fn render(&self) -> Option<String> {
        None
    }
    #[inline(always)]
    fn renders(&self) -> bool {
        false
    }
}

/// A field of a struct rendered by `#[ffi]` (no `Display`, no `Debug`): `Debug`, else `Display`,
/// else `…`.
#[doc(hidden)]
pub struct RenderField<'a, T: ?Sized>(pub &'a T);

#[doc(hidden)]
pub trait FieldViaDebug {
    fn render(&self) -> String;
}

impl<T: fmt::Debug + ?Sized> FieldViaDebug for &&RenderField<'_, T> {
    fn render(&self) -> String {
        format!("{:?}", self.0)
    }
}

#[doc(hidden)]
pub trait FieldViaDisplay {
    fn render(&self) -> String;
}

impl<T: fmt::Display + ?Sized> FieldViaDisplay for &RenderField<'_, T> {
    fn render(&self) -> String {
        self.0.to_string()
    }
}

#[doc(hidden)]
pub trait FieldViaNothing {
    fn render(&self) -> String;
}

impl<T: ?Sized> FieldViaNothing for RenderField<'_, T> {
    fn render(&self) -> String {
        "…".into()
    }
}

/// `FfiError` for an `#[ffi]` struct or enum: `[generics] type`, then how to render a value without
/// `Display` or `Debug` (`|value| expression`).
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_error {
    ([$($generics:tt)*] $t:ty, |$v:ident| $fallback:expr) => {
        $crate::__ffi_error!([$($generics)*] $t, [], |$v| $fallback);
    };
    ([$($generics:tt)*] $t:ty, [$($bounds:tt)*], |$v:ident| $fallback:expr) => {
        impl $($generics)* $crate::abi::convert::FfiError for $t where $($bounds)* {
            fn message(&self) -> ::std::string::String {
                #[allow(unused_imports)]
                use $crate::abi::convert::results::{ViaDebug, ViaDisplay, ViaNothing};
                match (&&&$crate::abi::convert::results::Render(self)).render() {
                    ::core::option::Option::Some(message) => message,
                    ::core::option::Option::None => {
                        let $v = self;
                        $fallback
                    }
                }
            }
        }
    };
}

/// The rendering of a field value (see [`RenderField`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __ffi_render_field {
    ($value:expr) => {{
        #[allow(unused_imports)]
        use $crate::abi::convert::results::{FieldViaDebug, FieldViaDisplay, FieldViaNothing};
        (&&&$crate::abi::convert::results::RenderField($value)).render()
    }};
}
