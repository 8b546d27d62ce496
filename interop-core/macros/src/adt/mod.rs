//! `#[ffi]` on structs and enums: what every named type shares (reprs, generics, the header its
//! template takes); [`structs`] and [`enums`] expand each kind.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Error, Generics, Ident, Result};

use crate::args::Args;
use crate::util::{self, Errors};

mod enums;
mod structs;

pub use enums::expand_enum;
pub use structs::expand_struct;

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
