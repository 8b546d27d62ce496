//! `#[ffi]` on inherent impl blocks: every `pub fn` is exported as `{snake_case(type)}_{method}`.
//!
//! The block is read shallowly (its header, then each item's head); method bodies pass through as
//! the tokens they are. The block is re-emitted without the `#[ffi(...)]` attributes of its methods.

use heck::ToSnakeCase;
use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Error, ImplItem, Result, Type, Visibility};

use crate::args::{Args, Target};
use crate::func::{self, FnSpec};
use crate::util::{self, Errors};
use crate::{prefix, shallow};

pub fn expand(args: Args, item: TokenStream) -> Result<TokenStream> {
    let parts = shallow::impl_parts(shallow::trees(item))?;
    let header = &parts.header;
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Impl));
    if let Some((path, _)) = &header.trait_ {
        errors.push(Error::new_spanned(
            path,
            "#[ffi] exports inherent impls (`impl T { … }`), not trait impls; write an inherent \
             method that calls the trait method",
        ));
    }
    if !header.generics.params.is_empty() {
        errors.push(Error::new_spanned(
            &header.generics,
            "generic impl blocks cannot be #[ffi]: C needs concrete types",
        ));
    }
    let type_name = match &*header.self_ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().and_then(|seg| {
            if seg.arguments.is_empty() {
                Some(seg.ident.unraw().to_string())
            } else {
                None
            }
        }),
        _ => None,
    };
    let Some(type_name) = type_name else {
        errors.push(Error::new_spanned(
            &header.self_ty,
            "#[ffi] impl blocks must be for a named, non-generic #[ffi] type",
        ));
        return errors.finish().map(|()| TokenStream::new());
    };
    let bindings_type = args.name.as_ref().map_or(type_name.clone(), |n| n.value());
    let prefix = bindings_type.to_snake_case();
    let module = args.module.as_ref().map(|m| m.value());
    let self_ty: Type = (*header.self_ty).clone();

    let mut shims = Vec::new();
    for item in &parts.items {
        if !shallow::is_fn(item) {
            check_other_item(item, &mut errors);
            continue;
        }
        let head = match shallow::fn_head(item) {
            Ok(head) => head,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let mut attrs = head.attrs;
        let fn_args = match Args::take_from(&mut attrs) {
            Ok(a) => a,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        if !matches!(head.vis, Visibility::Public(_)) {
            if fn_args.is_some() {
                errors.push(Error::new_spanned(
                    &head.sig.ident,
                    "only the `pub fn`s of an #[ffi] impl are exported: make it `pub` or \
                     remove its #[ffi(...)]",
                ));
            }
            continue;
        }
        let fn_args = fn_args.unwrap_or_default();
        if fn_args.skip.is_some() {
            continue;
        }
        if let Err(e) = fn_args.check_target(Target::Method) {
            errors.push(e);
            continue;
        }
        if let Err(e) = util::check_no_export_attrs(&attrs) {
            errors.push(e);
            continue;
        }
        let method = head.sig.ident.unraw().to_string();
        let name = fn_args.name.as_ref().map_or(method, |n| n.value());
        let symbol = match &fn_args.export {
            Some(export) => export.value(),
            None => match prefix::symbol_prefix() {
                Ok(crate_prefix) => format!("{crate_prefix}{prefix}_{name}"),
                Err(e) => {
                    errors.push(Error::new_spanned(&head.sig.ident, e));
                    continue;
                }
            },
        };
        if fn_args.destructor.is_some()
            && let Err(e) = func::check_destructor(&head.sig, &type_name)
        {
            errors.push(e);
            continue;
        }
        let spec = FnSpec {
            name,
            symbol,
            module: module.clone(),
            self_ty: Some(&self_ty),
            kind: if fn_args.destructor.is_some() {
                "Destructor"
            } else {
                "Function"
            },
            docs: util::docs(&attrs),
        };
        if let Some(s) = errors.push_result(func::shim(&head.sig, &spec)) {
            shims.push(s);
        }
    }
    errors.finish()?;
    // The symbols use `bindings_type`; make sure it is the type's bindings name.
    let message = format!(
        "#[ffi] impl: the symbols of this impl are named after `{bindings_type}`, but the type has another \
         #[ffi(name = \"…\")]; write the same `#[ffi(name = \"…\")]` on the impl block"
    );
    let span = header.self_ty.span();
    let check = quote_spanned! {span=>
        const _: () = ::core::assert!(
            ::interop_core::__private::str_eq(
                <#self_ty as ::interop_core::FfiOwner>::BINDINGS_NAME,
                #bindings_type,
            ),
            #message,
        );
    };
    let block = rebuild(&parts);
    let track = prefix::track_manifest();
    Ok(quote! {
        #block
        #check
        #(#shims)*
        #track
    })
}

/// Public associated constants are not exported: say so.
fn check_other_item(item: &[TokenTree], errors: &mut Errors) {
    let tokens: TokenStream = item.iter().cloned().collect();
    if let Ok(ImplItem::Const(c)) = syn::parse2::<ImplItem>(tokens)
        && matches!(c.vis, Visibility::Public(_))
    {
        errors.push(Error::new_spanned(
            &c.ident,
            "associated constants are not exported by an #[ffi] impl; use a free `#[ffi] pub const`",
        ));
    }
}

/// The impl block as written, minus the `#[ffi(...)]` attributes of its functions.
fn rebuild(parts: &shallow::ImplParts) -> TokenStream {
    let body: TokenStream = parts
        .items
        .iter()
        .map(|item| shallow::without_ffi_attrs(item))
        .collect();
    let mut group = Group::new(parts.body.delimiter(), body);
    group.set_span(parts.body.span());
    let mut out: TokenStream = parts.head.iter().cloned().collect();
    out.extend([TokenTree::Group(group)]);
    out
}

/// The block for the error path: as written, without the `#[ffi(...)]` attributes on its functions
/// (which would otherwise be expanded as free functions and report the same problems again).
pub fn unchanged(item: TokenStream) -> TokenStream {
    match shallow::impl_parts(shallow::trees(item.clone())) {
        Ok(parts) => rebuild(&parts),
        Err(_) => item,
    }
}
