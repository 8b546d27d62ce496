//! A named callback type whose signature `#[ffi]` expands per signature (a parameter borrows:
//! `pub type OnMessage = dyn Fn(&str) + Send + Sync;`, or it returns a `Result`), usable as
//! `Box<OnMessage>`, `&OnMessage`, `&mut OnMessage` (`FnMut`), `Option<Box<OnMessage>>`, a record's
//! field and a returned closure ([ADR 60](../../../docs/adr/0060-named-callback-types-as-local-trait-objects.md)).
//!
//! Such a signature is higher-ranked (`dyn for<'x> Fn(&'x str)`): interop-core's generic impls
//! cannot match it, and a function's `#[ffi]` sees only the path `OnMessage`. So the alias names a
//! trait object of a hidden trait of the crate, `Fn(&str) + Send + Sync` as its supertraits and
//! implemented for every such closure:
//!
//! ```text
//! pub trait __InteropClosureOnMessage: Fn(&str) + Send + Sync {}
//! impl<F: ?Sized + Fn(&str) + Send + Sync> __InteropClosureOnMessage for F {}
//! pub type OnMessage = dyn __InteropClosureOnMessage;
//! ```
//!
//! A closure coerces to it as to the `dyn Fn` written out, it is called the same way and coerces
//! to `dyn Fn(&str) + Send + Sync`; and `dyn __InteropClosureOnMessage` is the crate's own type,
//! so the expansion implements `Lift`, `FfiType`, `Optional` and `Lower` for `&OnMessage`,
//! `Box<OnMessage>`, … with the code written for the signature (the same pieces as for a
//! `Box<dyn Fn(&str) + Send + Sync>` parameter, [`crate::callback_args`]). Every function, method,
//! record and return then takes the generic route `<Box<OnMessage> as Lift>`, wherever the alias is
//! spelled and however it is imported.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::{Error, Ident, ItemType, Result, Type, TypeParamBound};

use crate::callback_args::{self, Custom, Form};
use crate::util::{self, Lifetimes};

/// The alias rewritten over its hidden trait and the impls, when its signature is expanded per
/// signature; `None` for the others (the generic impls take them as written).
pub fn expand(item: &ItemType) -> Option<Result<TokenStream>> {
    let object = util::strip_parens(&item.ty);
    let sig = callback_args::signature_of(object)?;
    if !callback_args::expanded(sig) {
        return None;
    }
    let Type::TraitObject(t) = object else {
        return None;
    };
    Some(build(item, object, &t.bounds, sig))
}

fn build(
    item: &ItemType,
    object: &Type,
    bounds: &syn::punctuated::Punctuated<TypeParamBound, syn::Token![+]>,
    sig: &syn::ParenthesizedGenericArguments,
) -> Result<TokenStream> {
    let ident = &item.ident;
    let vis = &item.vis;
    let fn_mut = match callback_args::closure_trait_of(object).as_deref() {
        Some("Fn") => false,
        Some("FnMut") => true,
        _ => {
            return Err(Error::new_spanned(
                object,
                "#[ffi]: a named callback type is `dyn Fn(..)` or `dyn FnMut(..)` (`FnOnce` cannot be \
                 called from the foreign side more than once)",
            ));
        }
    };
    let hidden = format_ident!("__InteropClosure{}", ident.unraw());
    let mut alias = item.clone();
    *alias.ty = syn::parse_quote!(dyn #hidden);
    let me: Type = syn::parse_quote!(#ident);
    let boxed: Type = syn::parse_quote!(::std::boxed::Box<#ident>);
    let local = Ident::new("__interop_abi", Span::call_site());
    let p = quote!(::interop_core::__private::callback_args);
    let ffi = quote!(::interop_core::FfiType);
    let lift_error = quote!(::interop_core::abi::LiftError);
    let describe_ty = quote!(::interop_core::registry::DescribeFn);

    let piece =
        |form, nullable| callback_args::build(form, nullable, &boxed, &me, sig, &local, fn_mut);
    let Custom {
        abi,
        lift: lift_boxed,
        describe: describe_boxed,
    } = piece(Form::Boxed, false)?;
    let Custom {
        lift: lift_boxed_opt,
        describe: describe_boxed_opt,
        ..
    } = piece(Form::Boxed, true)?;
    let borrowed = if fn_mut {
        let Custom { lift, describe, .. } = piece(Form::Mut, false)?;
        quote! {
            unsafe impl<'a> ::interop_core::Lift for &'a mut #ident {
                type Abi = #abi;
                type Held = #p::HeldMut<'a, #ident>;
                const DESCRIBE: #describe_ty = #describe;
                #[inline(always)]
                unsafe fn lift(#local: Self::Abi) -> ::core::result::Result<Self::Held, #lift_error> {
                    // SAFETY: forwarded from the caller.
                    unsafe { #lift }
                }
            }
        }
    } else {
        let Custom { lift, describe, .. } = piece(Form::Ref, false)?;
        quote! {
            unsafe impl<'a> ::interop_core::Lift for &'a #ident {
                type Abi = #abi;
                type Held = #p::HeldRef<'a, #ident>;
                const DESCRIBE: #describe_ty = #describe;
                #[inline(always)]
                unsafe fn lift(#local: Self::Abi) -> ::core::result::Result<Self::Held, #lift_error> {
                    // SAFETY: forwarded from the caller.
                    unsafe { #lift }
                }
            }
        }
    };
    // A returned Rust closure: the generic impl of the signature with `'static` borrows, which
    // the higher-ranked closure coerces to.
    // Not for a signature taking `Option<&str>`, `Option<&[T]>` or `&[&str]` (ADR 66): a returned
    // closure cannot take them (`-> Box<Alias>` then fails to find `Lower`).
    let returnable = !fn_mut
        && !sig
            .inputs
            .iter()
            .any(|a| crate::callback_optional::shape(&a.ty).is_some());
    let returned = returnable.then(|| {
        let lowered = util::normalize(object, None, Lifetimes::Static);
        let lowered: Type = syn::parse_quote!(::std::boxed::Box<#lowered>);
        quote! {
            unsafe impl ::interop_core::Lower for ::std::boxed::Box<#ident> {
                type Abi = <#lowered as ::interop_core::Lower>::Abi;
                const DESCRIBE: #describe_ty = <#lowered as ::interop_core::Lower>::DESCRIBE;
                #[inline]
                fn lower(self) -> Self::Abi {
                    let lowered: #lowered = self;
                    ::interop_core::Lower::lower(lowered)
                }
                #[inline]
                fn lower_from(
                    self,
                    function: &'static ::interop_core::__private::FunctionDesc,
                ) -> Self::Abi {
                    let lowered: #lowered = self;
                    ::interop_core::Lower::lower_from(lowered, function)
                }
                #[inline(always)]
                fn panic_abi() -> Self::Abi {
                    <#lowered as ::interop_core::Lower>::panic_abi()
                }
            }
        }
    });
    let panic_closure = callback_args::panic_closure(sig)?;
    let option_ret = if !returnable {
        // No returned `FnMut` (nor one taking optional views, ADR 66): an `Option` of one is not
        // returned either (the generic impls have none); the slot is never built.
        quote! {
            type OptionRet = #abi;
            fn option_lower(value: ::core::option::Option<Self>) -> Self::OptionRet {
                ::core::mem::drop(value);
                #p::null_callback()
            }
        }
    } else {
        quote! {
            type OptionRet = <::std::boxed::Box<#ident> as ::interop_core::Lower>::Abi;
            fn option_lower(value: ::core::option::Option<Self>) -> Self::OptionRet {
                match value {
                    ::core::option::Option::Some(f) => ::interop_core::Lower::lower(f),
                    ::core::option::Option::None => {
                        <::std::boxed::Box<#ident> as ::interop_core::Lower>::panic_abi()
                    }
                }
            }
        }
    };
    Ok(quote! {
        #[doc(hidden)]
        #vis trait #hidden: #bounds {}
        impl<__InteropF: ?::core::marker::Sized + #bounds> #hidden for __InteropF {}
        #alias
        const _: () = {
            #borrowed

            unsafe impl ::interop_core::Lift for ::std::boxed::Box<#ident> {
                type Abi = #abi;
                type Held = ::core::mem::ManuallyDrop<Self>;
                const DESCRIBE: #describe_ty = #describe_boxed;
                #[inline]
                unsafe fn lift(#local: Self::Abi) -> ::core::result::Result<Self::Held, #lift_error> {
                    // SAFETY: forwarded from the caller.
                    unsafe { #lift_boxed }
                }
            }

            // A record's field (ADR 30): lifted from the record's memory, released when the record
            // is not lifted.
            unsafe impl #ffi for ::std::boxed::Box<#ident> {
                fn describe(reg: &mut ::interop_core::__private::Registry) -> ::interop_core::model::TypeRef {
                    (<Self as ::interop_core::Lift>::DESCRIBE)(reg)
                }
                /// Never called: such records are not returned.
                fn panic_value() -> Self {
                    ::std::boxed::Box::new(#panic_closure)
                }
                type Abi = #abi;
                const IDENTITY: bool = false;
                const KEEPS_CLOSURES: bool = true;
                #[inline]
                unsafe fn from_abi(p: *const Self::Abi) -> ::core::result::Result<Self, #lift_error> {
                    // SAFETY: one readable callback (the caller's promise), taken once.
                    unsafe { <Self as ::interop_core::Lift>::lift(p.read_unaligned()) }
                        .map(::core::mem::ManuallyDrop::into_inner)
                }
                fn into_abi(self) -> Self::Abi {
                    ::core::mem::drop(self);
                    #p::null_callback()
                }
                #[inline]
                unsafe fn release_abi(p: *const Self::Abi) {
                    // SAFETY: one readable callback, not taken (the caller's promise).
                    #p::release_callback(unsafe { p.read_unaligned() });
                }
            }

            // `Option<Box<…>>`: `call` NULL is `None`.
            unsafe impl ::interop_core::abi::convert::Optional for ::std::boxed::Box<#ident> {
                type OptionAbi = #abi;
                type OptionArg = #abi;
                #option_ret
                const OPTION_IDENTITY: bool = false;
                const OPTION_OWNS: bool = false;
                const OPTION_KEEPS_CLOSURES: bool = true;
                const OPTION_CALLBACK_RETURN: bool = false;
                fn describe_option(reg: &mut ::interop_core::__private::Registry) -> ::interop_core::model::TypeRef {
                    (#describe_boxed_opt)(reg)
                }
                #[inline]
                unsafe fn option_from_abi(
                    p: *const Self::OptionAbi,
                ) -> ::core::result::Result<::core::option::Option<Self>, #lift_error> {
                    // SAFETY: as for the required form.
                    unsafe { Self::option_lift(p.read_unaligned()) }
                }
                fn option_into_abi(value: ::core::option::Option<Self>) -> Self::OptionAbi {
                    ::core::mem::drop(value);
                    #p::null_callback()
                }
                #[inline]
                unsafe fn option_lift(
                    #local: Self::OptionArg,
                ) -> ::core::result::Result<::core::option::Option<Self>, #lift_error> {
                    // SAFETY: forwarded from the caller.
                    unsafe { #lift_boxed_opt }.map(::core::mem::ManuallyDrop::into_inner)
                }
                #[inline]
                unsafe fn option_release_abi(p: *const Self::OptionAbi) {
                    // SAFETY: one readable callback, not taken (the caller's promise).
                    #p::release_callback(unsafe { p.read_unaligned() });
                }
            }

            #returned
        };
    })
}
