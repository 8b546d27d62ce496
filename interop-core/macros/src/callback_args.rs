//! Closures whose parameters borrow (`&dyn Fn(&str)`, `impl FnMut(&[u64])`, `Box<dyn Fn(&Point) +
//! Send + Sync>`): their types are higher-ranked (`dyn for<'x> Fn(&'x str)`), so the generic
//! `Lift` impls of interop-core cannot match them. For such a parameter the shim gets its ABI type,
//! its lift and its description from here, written for the one signature: a closure literal with
//! the parameters as the author wrote them, stored by the helpers of
//! `interop_core::__private::callback_args` ([ADR 14](../../../docs/adr/0014-callbacks.md), addendum).
//!
//! Each borrowed parameter crosses in its ABI form, valid while the foreign callable runs: `&str`,
//! `&[T]` and `&CStr` as inside records (a view, a C string), `&T` / `&mut T` as a pointer to `T`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Error, Ident, Result, ReturnType, Type, TypeParamBound};

use crate::util::{self, Lifetimes};

/// The shim's pieces for one parameter.
pub struct Custom {
    pub abi: TokenStream,
    pub lift: TokenStream,
    pub describe: TokenStream,
}

/// How the closure is held.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    Ref,
    Mut,
    Boxed,
}

/// The pieces for `ty` (normalized, lifetimes elided) when it is a closure with a borrowed
/// parameter; `None` for every other type (the generic impls apply).
pub fn expand(ty: &Type, local: &Ident) -> Option<Result<Custom>> {
    let (inner, nullable) = match option_inner(ty) {
        Some(inner) => (inner, true),
        None => (ty, false),
    };
    let (form, object) = closure_of(inner)?;
    let sig = signature_of(object)?;
    if !sig.inputs.iter().any(|a| borrows(&a.ty)) {
        return None;
    }
    Some(build(form, nullable, inner, object, sig, local))
}

/// The describe function of a named callback type's signature (`#[ffi] pub type Log = dyn Fn(&str)
/// + Send + Sync;`) when a parameter borrows; `None` otherwise.
pub fn signature_describe(object: &Type) -> Option<Result<TokenStream>> {
    let sig = signature_of(object)?;
    if !sig.inputs.iter().any(|a| borrows(&a.ty)) {
        return None;
    }
    Some(parts(sig).map(|p| {
        let Parts {
            describes, ret_s, ..
        } = p;
        quote! {
            |reg: &mut ::interop_core::__private::Registry| (
                ::std::vec![#(#describes(reg)),*],
                ::interop_core::__private::callback_args::describe_c_compatible::<#ret_s>(reg),
            )
        }
    }))
}

fn closure_trait_of(object: &Type) -> Option<String> {
    match object {
        Type::TraitObject(t) => util::closure_trait(&t.bounds),
        Type::Paren(p) => closure_trait_of(&p.elem),
        _ => None,
    }
}

fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if p.qself.is_some() || last.ident != "Option" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match a.args.first()? {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// `&dyn Fn(..)`, `&mut dyn FnMut(..)`, `Box<dyn Fn(..) + …>`: the form and the trait object.
fn closure_of(ty: &Type) -> Option<(Form, &Type)> {
    match ty {
        Type::Reference(r) if util::is_closure_type(&r.elem) => Some((
            if r.mutability.is_some() {
                Form::Mut
            } else {
                Form::Ref
            },
            &*r.elem,
        )),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            if last.ident != "Box" {
                return None;
            }
            match &last.arguments {
                syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => {
                    match a.args.first()? {
                        syn::GenericArgument::Type(t) if util::is_closure_type(t) => {
                            Some((Form::Boxed, t))
                        }
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        Type::Paren(p) => closure_of(&p.elem),
        _ => None,
    }
}

fn signature_of(object: &Type) -> Option<&syn::ParenthesizedGenericArguments> {
    let bounds = match object {
        Type::TraitObject(t) => &t.bounds,
        Type::Paren(p) => return signature_of(&p.elem),
        _ => return None,
    };
    bounds.iter().find_map(|b| match b {
        TypeParamBound::Trait(t) => match &t.path.segments.last()?.arguments {
            syn::PathArguments::Parenthesized(p) => Some(p),
            _ => None,
        },
        _ => None,
    })
}

/// True when `ty` holds a reference anywhere.
fn borrows(ty: &Type) -> bool {
    struct Finder(bool);
    impl Visit<'_> for Finder {
        fn visit_type_reference(&mut self, _: &syn::TypeReference) {
            self.0 = true;
        }
    }
    let mut f = Finder(false);
    f.visit_type(ty);
    f.0
}

/// The per-parameter pieces of a signature.
struct Parts {
    /// The closure literal's parameter types (as written).
    written: Vec<Type>,
    /// The ABI type of each parameter in `call`'s signature.
    abis: Vec<TokenStream>,
    /// The conversion of each argument to its ABI form (a function applied to it).
    convs: Vec<TokenStream>,
    /// The describe function of each parameter.
    describes: Vec<TokenStream>,
    /// The return type, lifetimes `'static`.
    ret_s: Type,
}

fn parts(sig: &syn::ParenthesizedGenericArguments) -> Result<Parts> {
    let mut out = Parts {
        written: Vec::new(),
        abis: Vec::new(),
        convs: Vec::new(),
        describes: Vec::new(),
        ret_s: match &sig.output {
            ReturnType::Default => syn::parse_quote!(()),
            ReturnType::Type(_, t) => util::normalize(t, None, Lifetimes::Static),
        },
    };
    let p = quote!(::interop_core::__private::callback_args);
    let mut errors = util::Errors::default();
    for input in sig.inputs.iter().map(|a| &a.ty) {
        let span = input.span();
        let stat = util::normalize(input, None, Lifetimes::Static);
        let generic = quote_spanned!(span=> <#stat as ::interop_core::FfiType>);
        match input {
            Type::Reference(r) if !is_view(&r.elem) => {
                if borrows(&r.elem) {
                    errors.push(nested(input));
                    continue;
                }
                let target = util::normalize(&r.elem, None, Lifetimes::Static);
                if r.mutability.is_some() {
                    out.abis.push(quote_spanned!(span=> *mut #target));
                    out.convs.push(quote!(#p::mut_abi));
                } else {
                    out.abis.push(quote_spanned!(span=> *const #target));
                    out.convs.push(quote!(#p::ref_abi));
                }
            }
            Type::Reference(r) if r.mutability.is_some() => {
                errors.push(nested(input));
                continue;
            }
            other if !matches!(other, Type::Reference(_)) && borrows(other) => {
                errors.push(nested(input));
                continue;
            }
            _ => {
                out.abis.push(quote!(#generic::Abi));
                out.convs.push(quote!(::interop_core::FfiType::into_abi));
            }
        }
        out.describes.push(quote!(#generic::describe));
        out.written.push(input.clone());
    }
    errors.finish()?;
    Ok(out)
}

/// `str`, `[T]`, `CStr`: borrowed as views (their `FfiType` form).
fn is_view(elem: &Type) -> bool {
    match elem {
        Type::Slice(s) => !borrows(&s.elem),
        Type::Path(p) => {
            p.qself.is_none()
                && p.path.segments.last().is_some_and(|s| {
                    s.arguments.is_empty() && (s.ident == "str" || s.ident == "CStr")
                })
        }
        _ => false,
    }
}

fn nested(ty: &Type) -> Error {
    Error::new_spanned(
        ty,
        "#[ffi]: a closure's borrowed parameters are `&str`, `&[T]`, `&CStr`, `&T` or `&mut T` \
         (T: an #[ffi] type or a primitive) at the top level; pass other data by value",
    )
}

fn build(
    form: Form,
    nullable: bool,
    holder: &Type,
    object: &Type,
    sig: &syn::ParenthesizedGenericArguments,
    local: &Ident,
) -> Result<Custom> {
    let Parts {
        written,
        abis,
        convs,
        describes,
        ret_s,
    } = parts(sig)?;
    let p = quote!(::interop_core::__private::callback_args);
    let vars: Vec<Ident> = (0..written.len())
        .map(|i| format_ident!("__interop_cb{}", i))
        .collect();
    let call_ty = quote! {
        unsafe extern "C" fn(*mut ::core::ffi::c_void, #(#abis),*)
            -> <#ret_s as ::interop_core::FfiType>::Abi
    };
    let abi = quote!(::interop_core::abi::CallbackAbi<::core::option::Option<#call_ty>>);
    let call = quote! {
        // SAFETY: the foreign side's function with its context; each argument in its ABI form,
        // valid while it runs.
        #p::returned::<#ret_s>(unsafe { (parts.call)(parts.context, #(#convs(#vars)),*) })
    };
    let closure = |get_parts: TokenStream| {
        quote! {
            move |#(#vars: #written),*| -> #ret_s {
                let parts = #get_parts;
                #call
            }
        }
    };
    let suffix = if nullable { "_opt" } else { "" };
    let lift = match form {
        Form::Ref | Form::Mut => {
            let helper = format_ident!(
                "lift_borrowed{}{}",
                if form == Form::Mut { "_mut" } else { "" },
                suffix
            );
            let body = closure(quote!(parts));
            quote!(#p::#helper::<_, _, #object>(#local, |parts| #body, |c| c))
        }
        Form::Boxed => {
            let helper = format_ident!("lift_kept{}", suffix);
            let body = closure(quote!(foreign.parts()));
            quote!(#p::#helper(#local, |foreign| ::std::boxed::Box::new(#body) as #holder))
        }
    };
    let (owned, mutable) = match form {
        Form::Ref => (false, false),
        Form::Mut => (false, true),
        Form::Boxed => (true, closure_trait_of(object).as_deref() == Some("FnMut")),
    };
    let ownership = Ident::new(if owned { "Owned" } else { "Borrowed" }, Span::call_site());
    let describe = quote! {
        |reg: &mut ::interop_core::__private::Registry| #p::describe_callback(
            reg,
            &[#(#describes),*],
            #p::describe_c_compatible::<#ret_s>,
            ::interop_core::model::CallbackOwnership::#ownership,
            #mutable,
            #nullable,
        )
    };
    Ok(Custom {
        abi,
        lift,
        describe,
    })
}
