//! `Option<&str>`, `Option<&[T]>`, `Option<&T>` and `&[&str]` parameters of a closure the library
//! calls (part of [`crate::callback_args`], [ADR 66](../../../docs/adr/0066-optional-and-string-slice-closure-parameters.md)):
//! each crosses in the C form of the owned twin a function's argument uses (`Option<String>`,
//! `Option<Vec<T>>`, a nullable `&T` pointer, `&[String]`), borrowed for the call. The runtime
//! half is `interop_core::__private::callback_args` (callback_optional_refs.rs).

use quote::{quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

use crate::callback_args::{borrows, no_layout_behind_reference, option_inner, tokens};
use crate::callback_refs::{Conv, Reference};
use crate::util::{self, Lifetimes};

/// What a closure parameter of these shapes is.
pub(crate) enum Shape<'a> {
    /// `Option<&str>`.
    OptionalStr,
    /// `Option<&[T]>`: `T`.
    OptionalSlice(&'a Type),
    /// `Option<&T>`: `T`.
    OptionalRef(&'a Type),
    /// `&[&str]`.
    StrSlice,
}

fn is_str(ty: &Type) -> bool {
    matches!(util::strip_parens(ty), Type::Path(p) if p.qself.is_none() && p.path.is_ident("str"))
}

/// `&str` (shared, any lifetime).
fn is_str_ref(ty: &Type) -> bool {
    matches!(util::strip_parens(ty), Type::Reference(r) if r.mutability.is_none() && is_str(&r.elem))
}

/// The shape of `input`, a closure parameter as written; `None` for every other type.
pub(crate) fn shape(input: &Type) -> Option<Shape<'_>> {
    let input = util::strip_parens(input);
    if let Type::Reference(r) = input {
        return match util::strip_parens(&r.elem) {
            Type::Slice(s) if r.mutability.is_none() && is_str_ref(&s.elem) => {
                Some(Shape::StrSlice)
            }
            _ => None,
        };
    }
    let Type::Reference(r) = util::strip_parens(option_inner(input)?) else {
        return None;
    };
    if r.mutability.is_some() {
        return None;
    }
    match util::strip_parens(&r.elem) {
        e if is_str(e) => Some(Shape::OptionalStr),
        Type::Slice(s) if !borrows(&s.elem) => Some(Shape::OptionalSlice(&s.elem)),
        Type::Slice(_) => None,
        e if borrows(e) || no_layout_behind_reference(e).is_some() => None,
        e => {
            let c_str = matches!(e, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "CStr"));
            (!c_str).then_some(Shape::OptionalRef(e))
        }
    }
}

/// The pieces of `input` of shape `shape`; an error for `Option<&T>` (not supported yet: the
/// bindings lift a `&T` argument as never NULL).
pub(crate) fn piece(shape: &Shape<'_>, input: &Type) -> syn::Result<Reference> {
    let p = quote!(::interop_core::__private::callback_args);
    let ffi = quote!(::interop_core::FfiType);
    let span = input.span();
    Ok(match shape {
        Shape::OptionalStr => {
            let owned =
                quote_spanned!(span=> <::core::option::Option<::std::string::String> as #ffi>);
            Reference {
                check: None,
                abi: quote!(#owned::Abi),
                conv: Conv::Func(quote!(#p::optional_str_abi)),
                describe: quote!(#owned::describe),
            }
        }
        Shape::OptionalSlice(elem) => {
            let elem = util::normalize(elem, None, Lifetimes::Static);
            let owned =
                quote_spanned!(span=> <::core::option::Option<::std::vec::Vec<#elem>> as #ffi>);
            let message = format!(
                "#[ffi]: the closure parameter `{}` needs C-compatible elements (numbers, bool, \
                 C-like enums, #[ffi] structs of those): the closure reads the library's elements \
                 in place; take `&[{}]` (an empty slice for none) instead",
                tokens(input),
                tokens(&elem),
            );
            Reference {
                check: Some(quote_spanned! {span=>
                    const _: () = ::core::assert!(<#elem as #ffi>::IDENTITY, #message);
                }),
                abi: quote!(#owned::Abi),
                conv: Conv::Func(quote!(#p::optional_slice_abi::<#elem>)),
                describe: quote!(#owned::describe),
            }
        }
        Shape::OptionalRef(target) => {
            return Err(syn::Error::new_spanned(
                input,
                format!(
                    "#[ffi]: a closure parameter `{}` is not supported yet; take `Option<{}>` (a copy \
                 by value) or `&{}` instead",
                    tokens(input),
                    tokens(target),
                    tokens(target),
                ),
            ));
        }
        Shape::StrSlice => {
            let owned = quote_spanned!(span=> <&'static [::std::string::String] as #ffi>);
            Reference {
                check: None,
                abi: quote!(#owned::Abi),
                conv: Conv::StrSlice,
                describe: quote!(#owned::describe),
            }
        }
    })
}
