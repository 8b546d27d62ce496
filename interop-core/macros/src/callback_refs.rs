//! `&T` and `&mut T` parameters of a closure the library calls (part of [`crate::callback_args`]):
//! a `&T` crosses as a pointer to `T`'s C form, `T` itself when it is its own C form, else a copy in
//! owned ABI form that Rust frees after `call` ([ADR 58](../../../docs/adr/0058-closure-reference-parameters-of-records-owning-data.md));
//! a `&mut T` as a pointer to `T`, which must be its own C form.

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

use crate::util::{self, Lifetimes};

/// How an argument becomes its ABI form.
pub(crate) enum Conv {
    /// A function applied to it.
    Func(TokenStream),
    /// A `&T`: a pointer to `T` or to a copy in C form living until the end of the call
    /// (`callback_args::RefArg`).
    Ref,
    /// A `&[T]`: a view of `T`'s C form, in place or a temporary array living until the end of
    /// the call (`callback_slices::SliceArg`, ADR 62).
    Slice,
    /// A `&[&str]`: a temporary array of `cap == 0` string views (ADR 66).
    StrSlice,
}

impl Conv {
    /// The argument `var` in its ABI form (an expression).
    pub(crate) fn apply(&self, var: &Ident) -> TokenStream {
        let p = quote!(::interop_core::__private::callback_args);
        match self {
            Conv::Func(f) => quote!(#f(#var)),
            Conv::Ref => quote! {{
                #[allow(unused_imports)]
                use #p::{RefByCopy as _, RefByPointer as _};
                (&#p::RefArg(#var)).lowered()
            }.ptr()},
            Conv::Slice => quote! {{
                #[allow(unused_imports)]
                use #p::{SliceByCopy as _, SliceByView as _, SliceInPlace as _};
                (&&&#p::SliceArg(#var)).lowered()
            }.view()},
            Conv::StrSlice => quote!(#p::StrViews::new(#var).view()),
        }
    }
}

/// The pieces of one `&T` / `&mut T` parameter.
pub(crate) struct Reference {
    /// A constant item checking it at the parameter, if any.
    pub check: Option<TokenStream>,
    /// Its type in `call`'s signature.
    pub abi: TokenStream,
    pub conv: Conv,
    /// Its describe function.
    pub describe: TokenStream,
}

/// The pieces of `input`, a `&T` / `&mut T` (`r`) whose `T` is not a view; `generic` is
/// `<&'static T as FfiType>`.
pub(crate) fn reference(r: &syn::TypeReference, input: &Type, generic: &TokenStream) -> Reference {
    let p = quote!(::interop_core::__private::callback_args);
    let span = input.span();
    let target = util::normalize(&r.elem, None, Lifetimes::Static);
    if r.mutability.is_some() {
        // A `&mut T` crosses as a pointer to `T` itself: `T` must be its own ABI form (not a
        // record owning a `String`, whose Rust layout is not its C mirror). Checked by a constant
        // item, so `cargo check` reports it at the parameter.
        let message = format!(
            "#[ffi]: the closure parameter `{}` points to a type that owns data or holds views \
             (String, Vec<T>, &str, &[T], a tuple, or an #[ffi] struct with such a field): its \
             Rust layout is not its C form; take `&T` (a copy crosses for the call when \
             `T: Clone`) or the value instead",
            tokens(input)
        );
        return Reference {
            check: Some(quote_spanned! {span=>
                const _: () = ::core::assert!(
                    <#target as ::interop_core::FfiPointee>::BY_POINTER,
                    #message
                );
            }),
            abi: quote_spanned!(span=> *mut #target),
            conv: Conv::Func(quote!(#p::mut_abi)),
            describe: quote!(#generic::describe),
        };
    }
    // The describe function refuses (at compile time) a `T` that is neither its own C form nor
    // `FfiType + Clone`.
    Reference {
        check: None,
        abi: quote_spanned!(span=> *const #target),
        conv: Conv::Ref,
        describe: quote_spanned! {span=> {
            #[allow(unused_imports)]
            use #p::{RefDescribeCopy as _, RefDescribePointer as _};
            (&#p::RefType::<#target>::NEW).describe()
        }},
    }
}

/// A type that syntactically has no C layout of its own behind a reference (a tuple, an array):
/// what it is, for the message; `None` for other types (checked by a constant item).
pub(crate) fn no_layout_behind_reference(elem: &Type) -> Option<&'static str> {
    match util::strip_parens(elem) {
        Type::Tuple(t) if !t.elems.is_empty() => Some("a tuple"),
        Type::Array(_) => Some("an array"),
        _ => None,
    }
}

/// Tokens as the author would write them (for messages).
pub(crate) fn tokens(ty: &Type) -> String {
    quote!(#ty)
        .to_string()
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(" < ", "<")
        .replace(" >", ">")
}
