//! `#[ffi]` on structs and enums.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Error, Fields, Generics, Ident, ItemEnum, ItemStruct, Result, Visibility};

use crate::args::{Args, Target};
use crate::util::{self, Errors, Position};

/// One entry of a `#[repr(...)]` list: `C`, `u8`, `packed`, `align(8)` …
pub(crate) struct ReprItem {
    pub(crate) word: String,
    pub(crate) span: Span,
}

/// Every `#[repr(...)]` of the item, flattened.
pub(crate) fn reprs(attrs: &[Attribute]) -> Result<Vec<ReprItem>> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        attr.parse_nested_meta(|meta| {
            let word = meta
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            if meta.input.peek(syn::token::Paren) {
                let content;
                syn::parenthesized!(content in meta.input);
                let arg: TokenStream = content.parse()?;
                out.push(ReprItem {
                    word: format!("{word}({arg})"),
                    span: meta.path.span(),
                });
            } else {
                out.push(ReprItem {
                    word,
                    span: meta.path.span(),
                });
            }
            Ok(())
        })?;
    }
    Ok(out)
}

/// Lifetime parameters are fine (they do not change the layout); type and const parameters are not.
fn reject_generics(generics: &Generics, what: &str) -> Result<()> {
    let lifetimes_only = generics
        .params
        .iter()
        .all(|p| matches!(p, syn::GenericParam::Lifetime(_)))
        && generics.where_clause.as_ref().is_none_or(|w| {
            w.predicates
                .iter()
                .all(|p| matches!(p, syn::WherePredicate::Lifetime(_)))
        });
    if lifetimes_only {
        return Ok(());
    }
    Err(Error::new_spanned(
        generics,
        format!(
            "a generic {what} cannot be #[ffi] yet (only plain #[ffi] structs and enums with data \
             may be generic: one type per instantiation); define a concrete {what} per instantiation"
        ),
    ))
}

/// True when the item has type or const parameters (a generic struct: one type per instantiation).
pub(crate) fn is_generic(generics: &Generics) -> bool {
    generics
        .params
        .iter()
        .any(|p| !matches!(p, syn::GenericParam::Lifetime(_)))
}

/// A generic struct's parameters: const parameters must be integers or `bool` (their value is part
/// of the instantiation's name).
fn check_params(generics: &Generics) -> Result<()> {
    const INTEGERS: &[&str] = &[
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "bool",
    ];
    let mut errors = Errors::default();
    for p in &generics.params {
        if let syn::GenericParam::Const(c) = p {
            let ok = matches!(&c.ty, syn::Type::Path(t) if t.qself.is_none()
                && t.path.get_ident().is_some_and(|i| INTEGERS.contains(&i.to_string().as_str())));
            if !ok {
                errors.push(Error::new_spanned(
                    &c.ty,
                    "a const parameter of an #[ffi] struct must be an integer or `bool` (its value \
                     is part of each instantiation's name in the bindings)",
                ));
            }
        }
    }
    errors.finish()
}

/// `GenericArgDesc` of each type and const parameter: what names an instantiation.
pub(crate) fn instance_args(generics: &Generics) -> Vec<TokenStream> {
    generics
        .params
        .iter()
        .filter_map(|p| match p {
            syn::GenericParam::Type(t) => {
                let ident = &t.ident;
                let name = ident.unraw().to_string();
                Some(quote! {
                    ::interop_core::registry::GenericArgDesc::Type(
                        #name, <#ident as ::interop_core::FfiType>::describe)
                })
            }
            syn::GenericParam::Const(c) => {
                let ident = &c.ident;
                let name = ident.unraw().to_string();
                Some(quote! {
                    ::interop_core::registry::GenericArgDesc::Const(#name, #ident as i128)
                })
            }
            syn::GenericParam::Lifetime(_) => None,
        })
        .collect()
}

/// What every named type passes to its template, whatever its kind: names, module, docs and the
/// name of its registration entry.
pub(crate) struct TypeHeader {
    ident: Ident,
    rust_name: String,
    name: String,
    module: Option<String>,
    docs: TokenStream,
    /// `<'a, 'b>` (lifetimes only), the type with them (`View<'a>`), and with `'static` for each.
    generics: TokenStream,
    self_ty: TokenStream,
    static_ty: TokenStream,
}

impl TypeHeader {
    pub(crate) fn new(
        args: &Args,
        ident: &Ident,
        attrs: &[syn::Attribute],
        generics: &Generics,
    ) -> Self {
        let (impl_generics, ty_generics, _) = generics.split_for_impl();
        let statics = generics.lifetimes().map(|_| quote!('static));
        // A generic struct registers its instantiations when signatures name them, never itself.
        let static_ty = if is_generic(generics) {
            quote!()
        } else if generics.params.is_empty() {
            quote!(#ident)
        } else {
            quote!(#ident<#(#statics),*>)
        };
        let rust_name = ident.unraw().to_string();
        let name = args
            .name
            .as_ref()
            .map_or_else(|| rust_name.clone(), |n| n.value());
        TypeHeader {
            ident: ident.clone(),
            name,
            module: args.module.as_ref().map(|m| m.value()),
            docs: util::docs(attrs),
            rust_name,
            generics: quote!(#impl_generics),
            self_ty: quote!(#ident #ty_generics),
            static_ty,
        }
    }

    /// `ident: …, name: …, rust_name: …, module: […], docs: […], entry: …,` of the templates.
    pub(crate) fn fields(&self) -> TokenStream {
        let TypeHeader {
            ident,
            rust_name,
            name,
            module,
            docs,
            generics,
            self_ty,
            static_ty,
        } = self;
        let entry = quote::format_ident!("__INTEROP_TYPE_{}", rust_name);
        let module = module.iter();
        quote! {
            ident: #ident,
            generics: [#generics],
            self_ty: #self_ty,
            static_ty: [#static_ty],
            name: #name,
            rust_name: #rust_name,
            module: [#(#module)*],
            docs: #docs,
            entry: #entry,
        }
    }
}

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
        fields.push(quote!((#member, #rust_field, #fty, [#describe], [#abi], #field_docs)));
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

/// `free: desc shim "symbol" "symbol error" "module"` of a service: its `<prefix><type>_free`.
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
    Ok(quote!(free: #desc #shim #symbol #error #module,))
}
