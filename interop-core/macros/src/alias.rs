//! `#[ffi]` on a type alias of a generic struct's instantiation or a tuple:
//! `pub type Pixels = Pair<u8>;` names that instantiation `Pixels` in every language (ADR 21).

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Error, ItemType, PathArguments, Result, Type};

use crate::args::{Args, Target};
use crate::util::{self, Errors};

/// True for `Name<Args>` (a path whose last segment has arguments) and `(A, B, …)`.
pub fn is_instantiation(ty: &Type) -> bool {
    match ty {
        Type::Paren(p) => is_instantiation(&p.elem),
        Type::Tuple(t) => t.elems.len() >= 2,
        Type::Path(p) => {
            p.qself.is_none()
                && p.path
                    .segments
                    .last()
                    .is_some_and(|s| matches!(s.arguments, PathArguments::AngleBracketed(_)))
        }
        _ => false,
    }
}

pub fn expand_alias(args: Args, item: ItemType) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Callback));
    if let Some(module) = &args.module {
        errors.push(Error::new_spanned(
            module,
            "an instantiation lives in the module of its generic struct; `module` cannot be \
             given on the alias",
        ));
    }
    if !item.generics.params.is_empty() {
        errors.push(Error::new_spanned(
            &item.generics,
            "an #[ffi] type alias names one instantiation: give every argument \
             (`pub type Pixels = Pair<u8>;`)",
        ));
    }
    errors.finish()?;
    let rust_name = item.ident.unraw().to_string();
    let name = args
        .name
        .as_ref()
        .map_or_else(|| rust_name.clone(), |n| n.value());
    let ty: &Type = &item.ty;
    let ty = util::normalize(ty, None, util::Lifetimes::Keep);
    let registration = util::register(
        "TYPES",
        "ALIAS_ENTRY",
        quote!(::interop_core::registry::DescribeFn),
        quote! {
            |reg: &mut ::interop_core::__private::Registry| {
                let ty = <#ty as ::interop_core::FfiType>::describe(reg);
                reg.alias(ty, #name, ::core::concat!(::core::module_path!(), "::", #rust_name))
            }
        },
    );
    Ok(quote! {
        #item
        const _: () = {
            #registration
        };
    })
}
