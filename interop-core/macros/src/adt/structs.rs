//! `#[ffi]` on structs: records, opaque types and services.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Error, Fields, ItemStruct, Result, Visibility};

use super::{TypeHeader, check_params, instance_args, is_generic, reject_generics, reprs};
use crate::args::{Args, Target};
use crate::util::{self, Errors, Position};

pub fn expand_struct(args: Args, mut item: ItemStruct) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Struct));
    if args.service.is_some() || args.opaque.is_some() || !is_generic(&item.generics) {
        let what = if args.service.is_some() {
            "service"
        } else if args.opaque.is_some() {
            "opaque struct"
        } else {
            "struct"
        };
        errors.push_result(reject_generics(&item.generics, what));
    } else {
        errors.push_result(check_params(&item.generics));
    }
    let reprs = errors.push_result(reprs(&item.attrs)).unwrap_or_default();

    let header = TypeHeader::new(&args, &item.ident, &item.attrs, &item.generics);
    let ident = &header.ident;

    if args.service.is_some() {
        // Contents stay in Rust, behind a handle to a locked cell.
        errors.finish()?;
        let fields = header.fields();
        let free = service_free(&header)?;
        return Ok(quote! {
            #item
            ::interop_core::__ffi_service! { #fields #free }
        });
    }

    if args.opaque.is_some() {
        // Contents stay in Rust: no repr, no field checks, never by value.
        errors.finish()?;
        let fields = header.fields();
        return Ok(quote! {
            #item
            ::interop_core::__ffi_opaque! { #fields }
        });
    }

    // Layout: the repr #[ffi] adds, and whether the user already wrote exactly that.
    let (wanted, layout, attr): (&[&str], TokenStream, TokenStream) = if args.packed.is_some() {
        (&["C", "packed"], quote!(Packed), quote!(#[repr(C, packed)]))
    } else if args.transparent.is_some() {
        (
            &["transparent"],
            quote!(Transparent),
            quote!(#[repr(transparent)]),
        )
    } else {
        (&["C"], quote!(C), quote!(#[repr(C)]))
    };
    let mut have_repr = false;
    for r in &reprs {
        if wanted.contains(&r.word.as_str()) {
            have_repr = true;
        } else {
            let hint = match r.word.as_str() {
                "packed" => "use #[ffi(packed)] instead",
                "transparent" => "use #[ffi(transparent)] instead",
                "C" => "#[ffi] already picks the repr for this layout; remove it",
                _ => "C bindings cannot reproduce it; remove it",
            };
            errors.push(Error::new(
                r.span,
                format!(
                    "#[repr({})] conflicts with the layout #[ffi] gives this struct ({}); {hint}",
                    r.word,
                    wanted.join(", ")
                ),
            ));
        }
    }

    let tuple = matches!(item.fields, Fields::Unnamed(_));
    if item.fields.is_empty() {
        errors.push(Error::new_spanned(
            &item.ident,
            "an #[ffi] struct needs at least one field (an empty struct has no C equivalent); \
             for a handle use #[ffi(opaque)]",
        ));
    }
    let mut fields = Vec::new();
    let mut bounds: Vec<TokenStream> = Vec::new();
    if let Some(wc) = &item.generics.where_clause {
        bounds.extend(wc.predicates.iter().map(|p| quote!(#p)));
    }
    // Each type argument is described to name the instantiation.
    for t in item.generics.type_params() {
        let ident = &t.ident;
        bounds.push(quote!(#ident: ::interop_core::FfiType));
    }
    let self_type: syn::Type = syn::parse_quote!(#ident);
    for (i, field) in item.fields.iter().enumerate() {
        if !matches!(field.vis, Visibility::Public(_)) {
            let span = match &field.ident {
                Some(id) => id.span(),
                None => field.ty.span(),
            };
            errors.push(Error::new(
                span,
                "fields of an #[ffi] struct must be `pub`: callers in every language read and write \
                 them; to hide the contents use #[ffi(opaque)]",
            ));
        }
        if let Err(e) = util::check_type(&field.ty, Position::Field) {
            errors.push(e);
            continue;
        }
        let (member, rust_field) = match &field.ident {
            Some(id) => (quote!(#id), id.unraw().to_string()),
            None => {
                let index = syn::Index::from(i);
                (quote!(#index), format!("_{i}"))
            }
        };
        // `Self` resolved: the descriptor is a constant of its own, where `Self` means the impl's type.
        let fty = util::normalize(&field.ty, Some(&self_type), util::Lifetimes::Keep);
        let field_docs = util::docs(&field.attrs);
        let describe = util::describe_expr(
            &fty,
            quote_spanned!(field.ty.span()=> <#fty as ::interop_core::FfiType>::describe),
        );
        // The field's ABI form, spanned at its type: an unsupported type is reported there.
        let abi = quote_spanned!(field.ty.span()=> <#fty as ::interop_core::FfiType>::Abi);
        if is_generic(&item.generics) {
            bounds.push(quote!(#fty: ::interop_core::FfiType));
        }
        let hint = crate::hint::alias_hint(&field.ty);
        fields.push(
            quote!((#member, #rust_field, #fty, [#describe], [#abi], #field_docs, [#(#hint),*])),
        );
    }
    errors.finish()?;

    if !have_repr {
        item.attrs.insert(0, syn::parse_quote!(#attr));
    }
    let header_fields = header.fields();
    // The ABI mirror has the struct's parameters (its fields' ABI forms may name them).
    let (mirror_params, mirror_generics, _) = item.generics.split_for_impl();
    let instance = instance_args(&item.generics);
    Ok(quote! {
        #item
        ::interop_core::__ffi_struct! {
            #header_fields
            layout: #layout,
            tuple: #tuple,
            mirror: [#mirror_params] (__Mirror #mirror_generics),
            bounds: [#(#bounds,)*],
            instance: [#(#instance),*],
            fields: [#(#fields),*],
        }
    })
}

/// `free: desc shim "symbol" "symbol error" "module", dispose: desc shim "symbol" "symbol error"`
/// of a service: its `<prefix><type>_free` and `<prefix><type>_dispose`.
fn service_free(header: &TypeHeader) -> Result<TokenStream> {
    use heck::ToSnakeCase;
    let crate_prefix =
        crate::prefix::symbol_prefix().map_err(|e| Error::new_spanned(&header.ident, e))?;
    let symbol = format!("{crate_prefix}{}_free", header.name.to_snake_case());
    let error = format!(
        "#[ffi(service)]: `{}` would export the C symbol `{symbol}`, which interop-core exports \
         itself or which is a function of the C standard library or POSIX; rename the type in the \
         bindings with #[ffi(name = \"…\")] (and the same on its impl block)",
        header.rust_name
    );
    let desc = quote::format_ident!("__INTEROP_DESC_{}", symbol);
    let shim = quote::format_ident!("__interop_shim_{}", symbol);
    let module = header.module.clone().unwrap_or_default();
    // ADR 40: `_dispose` closes the object (drops the value) and leaves the handle to `_free`.
    // Not `_close`: a service's own `close(self)` (ADR 34) exports that symbol.
    let dispose = format!("{crate_prefix}{}_dispose", header.name.to_snake_case());
    let dispose_error = error.replace(&symbol, &dispose);
    let dispose_desc = quote::format_ident!("__INTEROP_DESC_{}", dispose);
    let dispose_shim = quote::format_ident!("__interop_shim_{}", dispose);
    Ok(quote!(
        free: #desc #shim #symbol #error #module,
        dispose: #dispose_desc #dispose_shim #dispose #dispose_error,
    ))
}
