//! `#[ffi]` on enums: C-like enums (data enums are in [`crate::data_enum`]).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::ext::IdentExt;
use syn::{Error, Fields, Ident, ItemEnum, Result};

use super::{TypeHeader, reject_generics, reprs};
use crate::args::{Args, Target};
use crate::util::{self, Errors};

pub fn expand_enum(args: Args, mut item: ItemEnum) -> Result<TokenStream> {
    if item
        .variants
        .iter()
        .any(|v| !matches!(v.fields, Fields::Unit))
    {
        return crate::data_enum::expand_data_enum(args, item);
    }
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Enum));
    errors.push_result(reject_generics(&item.generics, "enum"));
    let reprs = errors.push_result(reprs(&item.attrs)).unwrap_or_default();

    let header = TypeHeader::new(&args, &item.ident, &item.attrs, &item.generics);

    // Storage: an explicit integer repr, or repr(C) (added when missing) recorded as i32.
    let mut storage: Option<(&str, Span)> = None;
    let mut has_repr_c = false;
    for r in &reprs {
        let prim = match r.word.as_str() {
            "u8" => Some("U8"),
            "u16" => Some("U16"),
            "u32" => Some("U32"),
            "u64" => Some("U64"),
            "usize" => Some("Usize"),
            "i8" => Some("I8"),
            "i16" => Some("I16"),
            "i32" => Some("I32"),
            "i64" => Some("I64"),
            "isize" => Some("Isize"),
            "C" => {
                has_repr_c = true;
                None
            }
            other => {
                errors.push(Error::new(
                    r.span,
                    format!(
                        "#[repr({other})] is not supported on an #[ffi] enum; use an integer repr \
                         (#[repr(u8)] …) or none (stored as a C int)"
                    ),
                ));
                None
            }
        };
        if let Some(p) = prim {
            if storage.is_some() {
                errors.push(Error::new(
                    r.span,
                    "an #[ffi] enum has a single integer repr",
                ));
            }
            storage = Some((p, r.span));
        }
    }
    if let (true, Some((_, span))) = (has_repr_c, storage) {
        errors.push(Error::new(
            span,
            "#[repr(C, <int>)] is not supported on an #[ffi] enum; keep only the integer repr",
        ));
    }
    if item.variants.is_empty() {
        errors.push(Error::new_spanned(
            &item.ident,
            "an #[ffi] enum needs at least one variant",
        ));
    }
    let mut variants = Vec::new();
    for v in &item.variants {
        if !matches!(v.fields, Fields::Unit) {
            errors.push(Error::new_spanned(
                &v.fields,
                "only C-like enums can be #[ffi]: this variant carries data; use an #[ffi] struct \
                 with a tag enum, or an #[ffi(opaque)] type with accessor functions",
            ));
            continue;
        }
        let vident = &v.ident;
        let vname = vident.unraw().to_string();
        let vdocs = util::docs(&v.attrs);
        variants.push(quote!((#vident, #vname, #vdocs)));
    }
    errors.finish()?;

    let (prim, c_int) = match storage {
        Some((p, _)) => (Ident::new(p, Span::call_site()), false),
        None => {
            if !has_repr_c {
                item.attrs.insert(0, syn::parse_quote!(#[repr(C)]));
            }
            (Ident::new("I32", Span::call_site()), true)
        }
    };
    let storage = storage_type(&prim);
    let first = &item.variants[0].ident;
    let header_fields = header.fields();
    Ok(quote! {
        #item
        ::interop_core::__ffi_enum! {
            #header_fields
            storage: #storage as #prim,
            c_int: #c_int,
            first: #first,
            variants: [#(#variants),*],
        }
    })
}

/// The Rust integer type of an enum's storage primitive.
fn storage_type(prim: &Ident) -> TokenStream {
    let t = match prim.to_string().as_str() {
        "U8" => "u8",
        "U16" => "u16",
        "U32" => "u32",
        "U64" => "u64",
        "Usize" => "usize",
        "I8" => "i8",
        "I16" => "i16",
        "I64" => "i64",
        "Isize" => "isize",
        _ => "i32",
    };
    let t = Ident::new(t, Span::call_site());
    quote!(#t)
}
