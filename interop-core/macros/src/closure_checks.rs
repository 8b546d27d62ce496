//! Checks `#[ffi]` writes for closures at the types the author wrote (a closure's return type, the
//! `&T` parameters of a returned closure), so that a refusal points at the user's signature and not
//! into interop-core's generic impls.

use proc_macro2::TokenStream;
use quote::quote_spanned;
use syn::spanned::Spanned;
use syn::{ReturnType, Type, TypeParamBound};

use crate::callback_args::{
    Form, borrows, closure_of, is_view, no_layout_behind_reference, option_inner, result_of,
    signature_of, tokens,
};
use crate::callback_optional::{self, Shape};
use crate::util::{self, Lifetimes};

/// For a returned closure (`-> Box<dyn Fn(&mut Book) -> bool + Send + Sync>`, also in an
/// `Option`): constant items checking, at each `&mut T` parameter the author wrote, that `T` is its
/// own C form (a `&T` of a record owning data is lifted as a copy, ADR 61), and at each `&[T]`,
/// that `T` is. (Its return type is checked by [`return_check`]: owned data crosses through a
/// slot, ADR 56.)
/// The generic impls check it too, but their error points into interop-core; this one points at
/// the parameter. Empty for every other return type.
pub fn returned_checks(ty: &Type) -> TokenStream {
    let inner = option_inner(ty).unwrap_or(ty);
    let Some((Form::Boxed, object)) = closure_of(inner) else {
        return TokenStream::new();
    };
    let Some(sig) = signature_of(object) else {
        return TokenStream::new();
    };
    let mut checks = TokenStream::new();
    for input in sig.inputs.iter().map(|a| &a.ty) {
        if let Some(shape) = callback_optional::shape(input) {
            // The caller's optional views and slices of views are not lifted by the returned
            // closure's trampoline (ADR 66): refused at the parameter, naming the owned twin.
            let instead = match shape {
                Shape::OptionalStr => "Option<String>".to_owned(),
                Shape::OptionalSlice(elem) => format!("Option<Vec<{}>>", tokens(elem)),
                Shape::OptionalRef(target) => format!("Option<{}>", tokens(target)),
                Shape::StrSlice => "Vec<String>".to_owned(),
            };
            let message = format!(
                "#[ffi]: a closure the library returns cannot take `{}` (the caller's data would \
                 be read in place); take `{instead}` instead (a closure the library calls can \
                 take it)",
                tokens(input),
            );
            checks.extend(quote_spanned! {input.span()=> ::core::compile_error!(#message); });
            continue;
        }
        let Type::Reference(r) = input else { continue };
        if r.lifetime.as_ref().is_some_and(|l| l.ident == "static") {
            // The argument is the caller's memory (or a copy freed after `call`): a `'static`
            // spelled here would let the closure keep it.
            let message = format!(
                "#[ffi]: the parameter `{}` of the returned closure is borrowed for the call only \
                 (the caller's memory, or a copy freed when the call returns), not `'static`: \
                 write `&{}`",
                tokens(input),
                tokens(&r.elem),
            );
            checks.extend(quote_spanned! {input.span()=> ::core::compile_error!(#message); });
            continue;
        }
        if let Type::Slice(slice) = util::strip_parens(&r.elem)
            && !borrows(&slice.elem)
        {
            // The returned closure's trampoline borrows a `&[T]` in place: C-compatible elements
            // only (a closure the library calls gets views or copies instead, ADR 62).
            let span = input.span();
            let elem = util::normalize(&slice.elem, None, Lifetimes::Static);
            let message = format!(
                "#[ffi]: the parameter `{}` of the returned closure needs C-compatible elements \
                 (numbers, bool, C-like enums, #[ffi] structs of those): the caller's elements \
                 are read in place; take a `Vec<{}>` instead",
                tokens(input),
                tokens(&slice.elem),
            );
            checks.extend(quote_spanned! {span=>
                const _: () = ::core::assert!(
                    <#elem as ::interop_core::FfiType>::IDENTITY,
                    #message
                );
            });
            continue;
        }
        if r.mutability.is_none()
            || is_view(&r.elem)
            || borrows(&r.elem)
            || no_layout_behind_reference(&r.elem).is_some()
        {
            continue;
        }
        let span = input.span();
        let target = util::normalize(&r.elem, None, Lifetimes::Static);
        let message = format!(
            "#[ffi]: the parameter `{}` of the returned closure points to a type that owns data \
             or holds views (String, Vec<T>, &str, &[T], a tuple, or an #[ffi] struct with such \
             a field): its Rust layout is not its C form, and a copy could not be written back; \
             take it by value or by shared reference instead: `{}`",
            tokens(input),
            tokens(&r.elem),
        );
        checks.extend(quote_spanned! {span=>
            const _: () = ::core::assert!(
                <#target as ::interop_core::FfiPointee>::BY_POINTER,
                #message
            );
        });
    }
    checks
}

/// For a closure parameter or a returned closure (`impl Fn(Book) -> String`, `&dyn Fn(..) -> R`,
/// `Box<dyn Fn(..) -> R + …>`, in an `Option` too): a constant item checking, at the return type
/// the author wrote, that it can come back from a closure (C-compatible, or owned data written to a
/// slot: ADR 54). The generic impls check it
/// too, but their error points into interop-core. Empty for other types, `()` and `Result`s
/// (checked by their own impls).
pub fn return_check(ty: &Type, self_ty: Option<&Type>) -> TokenStream {
    let inner = option_inner(ty).unwrap_or(ty);
    let sig = match util::strip_parens(inner) {
        Type::ImplTrait(t) => t.bounds.iter().find_map(|b| match b {
            TypeParamBound::Trait(t) => match &t.path.segments.last()?.arguments {
                syn::PathArguments::Parenthesized(p) => Some(p),
                _ => None,
            },
            _ => None,
        }),
        other => closure_of(other).and_then(|(_, object)| signature_of(object)),
    };
    let Some(sig) = sig else {
        return TokenStream::new();
    };
    let ReturnType::Type(_, ret) = &sig.output else {
        return TokenStream::new();
    };
    if result_of(&sig.output).is_some()
        || matches!(util::strip_parens(ret), Type::Tuple(t) if t.elems.is_empty())
    {
        return TokenStream::new();
    }
    let span = ret.span();
    let ret_s = util::normalize(ret, self_ty, Lifetimes::Static);
    let message = format!(
        "#[ffi]: a closure returns values that cross by value (numbers, bool, enums, pointers, \
         String, Vec<T>, Box<[T]>, Option<T>, tuples, #[ffi] structs of those); `{}` is not \
         (a borrowed view, or something holding one or a closure): return an owned value instead",
        tokens(ret)
    );
    quote_spanned! {span=>
        const _: () = ::core::assert!(
            <#ret_s as ::interop_core::FfiType>::CALLBACK_RETURN,
            #message
        );
    }
}
