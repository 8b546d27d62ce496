//! `#[ffi]` on an enum whose variants carry data (unit, tuple and struct variants, any number of
//! fields of any type that crosses by value). Expands into `interop_core::__ffi_data_enum!`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Error, Fields, Ident, ItemEnum, Result};

use crate::adt::{TypeHeader, reprs};
use crate::args::{Args, Target};
use crate::util::{self, Errors, Position};

pub fn expand_data_enum(args: Args, mut item: ItemEnum) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Enum));
    // Type parameters: one enum per instantiation (ADR 21, addendum); lifetimes and const
    // parameters are not supported on enums.
    if item
        .generics
        .params
        .iter()
        .any(|p| !matches!(p, syn::GenericParam::Type(_)))
    {
        errors.push(Error::new_spanned(
            &item.generics,
            "an #[ffi] enum with data may have type parameters (one enum per instantiation), not \
             lifetime or const parameters yet; owned payloads such as `String` need no lifetime",
        ));
    }
    let generic = crate::adt::is_generic(&item.generics);
    if args.opaque.is_some() || args.packed.is_some() || args.transparent.is_some() {
        errors.push(Error::new_spanned(
            &item.ident,
            "`opaque`, `packed` and `transparent` do not apply to an enum",
        ));
    }
    let reprs = errors.push_result(reprs(&item.attrs)).unwrap_or_default();

    // The tag: the enum's integer repr (`#[repr(u16)]`, `#[repr(C, u8)]`), a C int for a plain
    // `#[repr(C)]`, else one byte.
    let mut tag: Option<&str> = None;
    let mut repr_c = false;
    for r in &reprs {
        let prim = match r.word.as_str() {
            "u8" => "U8",
            "u16" => "U16",
            "u32" => "U32",
            "i8" => "I8",
            "i16" => "I16",
            "i32" => "I32",
            "C" => {
                repr_c = true;
                continue;
            }
            other => {
                errors.push(Error::new(
                    r.span,
                    format!(
                        "#[repr({other})] is not supported on an #[ffi] enum with data; use \
                         #[repr(C, u8)], #[repr(C, u16)], #[repr(C, u32)] (the tag's type), \
                         #[repr(C)] (a C int) or none (a one-byte tag)"
                    ),
                ));
                continue;
            }
        };
        if tag.is_some() {
            errors.push(Error::new(
                r.span,
                "an #[ffi] enum has a single integer repr",
            ));
        }
        tag = Some(prim);
    }
    if let (false, Some(_)) = (repr_c, tag) {
        for r in reprs.iter().filter(|r| r.word != "C") {
            errors.push(Error::new(
                r.span,
                format!(
                    "an #[ffi] enum with data is laid out as `#[repr(C, {0})]` (a tag, then a union \
                     of the variants' fields); write #[repr(C, {0})] instead of #[repr({0})]",
                    r.word
                ),
            ));
        }
    }
    let prim = tag.unwrap_or(if repr_c { "I32" } else { "U8" });
    if reprs.is_empty() {
        // The layout of `#[repr(C, u8)]` is the mirror's (RFC 2195): C-compatible payloads cross as
        // they are.
        item.attrs.insert(0, syn::parse_quote!(#[repr(C, u8)]));
    }
    if item.variants.len() > 256 && prim == "U8" {
        errors.push(Error::new_spanned(
            &item.ident,
            "more than 256 variants do not fit a one-byte tag; add #[repr(C, u16)]",
        ));
    }

    let header = TypeHeader::new(&args, &item.ident, &item.attrs, &item.generics);
    let self_type: syn::Type = {
        let ident = &item.ident;
        syn::parse_quote!(#ident)
    };
    let mut bounds: Vec<TokenStream> = Vec::new();
    if let Some(wc) = &item.generics.where_clause {
        bounds.extend(wc.predicates.iter().map(|p| quote!(#p)));
    }
    for t in item.generics.type_params() {
        let ident = &t.ident;
        bounds.push(quote!(#ident: ::interop_core::FfiType));
    }
    let (mirror_params, mirror_args, _) = item.generics.split_for_impl();
    let type_params: Vec<&Ident> = item.generics.type_params().map(|t| &t.ident).collect();
    // Every mirror names every parameter (a variant may not use them all).
    let phantom = quote!(fn() -> (#(#type_params,)*));
    let mut variants = Vec::new();
    let mut first = None;
    for (index, v) in item.variants.iter().enumerate() {
        if let Some((_, d)) = &v.discriminant {
            errors.push(Error::new_spanned(
                d,
                "an #[ffi] enum with data takes no explicit discriminants: the tag is the variant's \
                 index; remove `= …`",
            ));
        }
        let vident = &v.ident;
        let vname = vident.unraw().to_string();
        let vmirror = format_ident!("__Variant_{}", vname);
        let tuple = matches!(v.fields, Fields::Unnamed(_));
        let mut fields = Vec::new();
        let mut first_fields = Vec::new();
        for (i, field) in v.fields.iter().enumerate() {
            if let Err(e) = util::check_type(&field.ty, Position::Field) {
                errors.push(e);
                continue;
            }
            let (member, binding, fname) = match &field.ident {
                Some(id) => {
                    let name = id.unraw().to_string();
                    (quote!(#id), format_ident!("{}", name), name)
                }
                None => {
                    let index = syn::Index::from(i);
                    let name = format!("_{i}");
                    (quote!(#index), Ident::new(&name, Span::call_site()), name)
                }
            };
            let fpath = format!("{vname}.{}", fname.trim_start_matches('_'));
            let fty = util::normalize(&field.ty, Some(&self_type), util::Lifetimes::Keep);
            let fdocs = util::docs(&field.attrs);
            let describe = util::describe_expr(
                &fty,
                quote_spanned!(field.ty.span()=> <#fty as ::interop_core::FfiType>::describe),
            );
            let abi = quote_spanned!(field.ty.span()=> <#fty as ::interop_core::FfiType>::Abi);
            if generic {
                bounds.push(quote!(#fty: ::interop_core::FfiType));
            }
            first_fields.push(quote!(#member: #fty));
            fields.push(
                quote!((#member, #binding, #fname, #fpath, #fty, [#describe], [#abi], #fdocs)),
            );
        }
        if first.is_none() {
            first = Some(quote!(#vident { #(#first_fields),* }));
        }
        let vdocs = util::docs(&v.attrs);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        variants.push(quote!((#vident, #vname, #index, #tuple, #vmirror, (#vmirror #mirror_args), [#(#fields),*], #vdocs)));
    }
    errors.finish()?;
    let instance = crate::adt::instance_args(&item.generics);
    // The variant mirrors are declared with the enum's parameters and bounds (each variant gets
    // its own copy: a macro_rules repetition cannot reuse an outer one).
    let variants: Vec<TokenStream> = variants
        .into_iter()
        .map(|v| quote!([#mirror_params] [#(#bounds,)*] #v))
        .collect();

    let prim_ident = Ident::new(prim, Span::call_site());
    let tag_ty = Ident::new(&prim.to_lowercase(), Span::call_site());
    let header_fields = header.fields();
    Ok(quote! {
        #item
        ::interop_core::__ffi_data_enum! {
            #header_fields
            tag: #tag_ty as #prim_ident,
            mirror: [#mirror_params] (__Mirror #mirror_args) (__Body #mirror_args),
            bounds: [#(#bounds,)*],
            instance: [#(#instance),*],
            phantom: #phantom,
            first: #first,
            variants: [#(#variants),*],
        }
    })
}
