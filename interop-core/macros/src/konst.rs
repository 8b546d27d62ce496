//! `#[ffi]` on constants.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Error, ItemConst, Result};

use crate::args::{Args, Target};
use crate::util::{self, Errors, Position};

pub fn expand(args: Args, item: ItemConst) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Const));
    if !item.generics.params.is_empty() {
        errors.push(Error::new_spanned(
            &item.generics,
            "generic constants cannot be #[ffi]",
        ));
    }
    errors.push_result(util::check_type(&item.ty, Position::Const));
    errors.finish()?;

    let ident = &item.ident;
    let rust_name = ident.unraw().to_string();
    let name = args
        .name
        .as_ref()
        .map_or_else(|| rust_name.clone(), |n| n.value());
    let module = util::opt_str(args.module.as_ref().map(|m| m.value()));
    let docs = util::docs(&item.attrs);
    let ty = &item.ty;
    let reg = syn::Ident::new("reg", proc_macro2::Span::call_site());
    let parts =
        quote_spanned!(item.ty.span()=> ::interop_core::__private::constant::<#ty>(#ident, #reg));
    let registration = util::register(
        "CONSTANTS",
        "CONSTANT_ENTRY",
        quote!(::interop_core::__private::ConstantDesc),
        quote! {
            ::interop_core::__private::ConstantDesc {
                name: #name,
                rust_name: #rust_name,
                module_path: ::core::module_path!(),
                module: #module,
                docs: &#docs,
                describe: |#reg: &mut ::interop_core::__private::Registry| #parts,
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
