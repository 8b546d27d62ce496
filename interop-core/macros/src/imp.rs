//! `#[ffi]` on inherent impl blocks: every `pub fn` is exported as `{snake_case(type)}_{method}`.

use heck::ToSnakeCase;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Error, ImplItem, ItemImpl, Result, Type, Visibility};

use crate::args::{Args, Target};
use crate::func::{self, FnSpec};
use crate::util::{self, Errors};

pub fn expand(args: Args, mut item: ItemImpl) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Impl));
    if let Some((path, _)) = &item.trait_ {
        errors.push(Error::new_spanned(
            path,
            "#[ffi] exports inherent impls (`impl T { … }`), not trait impls; write an inherent \
             method that calls the trait method",
        ));
    }
    if !item.generics.params.is_empty() {
        errors.push(Error::new_spanned(
            &item.generics,
            "generic impl blocks cannot be #[ffi]: C needs concrete types",
        ));
    }
    let type_name = match &*item.self_ty {
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
            &item.self_ty,
            "#[ffi] impl blocks must be for a named, non-generic #[ffi] type",
        ));
        return errors.finish().map(|()| TokenStream::new());
    };
    let bindings_type = args.name.as_ref().map_or(type_name, |n| n.value());
    let prefix = bindings_type.to_snake_case();
    let module = args.module.as_ref().map(|m| m.value());
    let self_ty: Type = (*item.self_ty).clone();

    let mut shims = Vec::new();
    for impl_item in &mut item.items {
        match impl_item {
            ImplItem::Fn(f) => {
                let fn_args = match Args::take_from(&mut f.attrs) {
                    Ok(a) => a,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                let public = matches!(f.vis, Visibility::Public(_));
                if !public {
                    if fn_args.is_some() {
                        errors.push(Error::new_spanned(
                            &f.sig.ident,
                            "only the `pub fn`s of an #[ffi] impl are exported: make it `pub` or \
                             remove its #[ffi(...)]",
                        ));
                    }
                    continue;
                }
                let fn_args = fn_args.unwrap_or_default();
                if let Err(e) = fn_args.check_target(Target::Method) {
                    errors.push(e);
                    continue;
                }
                if let Err(e) = util::check_no_export_attrs(&f.attrs) {
                    errors.push(e);
                    continue;
                }
                let method = f.sig.ident.unraw().to_string();
                let name = fn_args.name.as_ref().map_or(method, |n| n.value());
                let symbol = fn_args
                    .export
                    .as_ref()
                    .map_or_else(|| format!("{prefix}_{name}"), |e| e.value());
                let spec = FnSpec {
                    display: symbol.clone(),
                    name,
                    symbol,
                    module: module.clone(),
                    self_ty: Some(&self_ty),
                    docs: util::docs(&f.attrs),
                };
                if let Some(s) = errors.push_result(func::shim(&f.sig, &spec)) {
                    shims.push(s);
                }
            }
            ImplItem::Const(c) if matches!(c.vis, Visibility::Public(_)) => errors.push(Error::new_spanned(
                &c.ident,
                "associated constants are not exported by an #[ffi] impl; use a free `#[ffi] pub const`",
            )),
            _ => {}
        }
    }
    errors.finish()?;
    // The symbols use `bindings_type`; make sure it is the type's bindings name.
    let message = format!(
        "#[ffi] impl: the symbols of this impl are named after `{bindings_type}`, but the type has another \
         #[ffi(name = \"…\")]; write the same `#[ffi(name = \"…\")]` on the impl block"
    );
    let span = item.self_ty.span();
    let check = quote_spanned! {span=>
        const _: () = ::core::assert!(
            ::interop_core::__private::str_eq(
                <#self_ty as ::interop_core::FfiPointee>::BINDINGS_NAME,
                #bindings_type,
            ),
            #message,
        );
    };
    Ok(quote! {
        #item
        #check
        #(#shims)*
    })
}
