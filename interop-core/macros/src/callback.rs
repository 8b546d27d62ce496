//! `#[ffi]` on a named callback type: `pub type OnProgress = dyn Fn(u64, u64) + Send + Sync;`.
//!
//! The alias stays as written (Rust code uses `Box<OnProgress>`, `&OnProgress`); the expansion
//! registers a type of kind callback with the signature, and the bindings name every callback with
//! that signature after it (one delegate type, one protocol, one C struct).

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Error, ItemType, Result, Type};

use crate::args::{Args, Target};
use crate::util::{self, Errors};

pub fn expand_type(args: Args, item: ItemType) -> Result<TokenStream> {
    if crate::alias::is_instantiation(&item.ty) {
        return crate::alias::expand_alias(args, item);
    }
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Callback));
    if !item.generics.params.is_empty() {
        errors.push(Error::new_spanned(
            &item.generics,
            "a callback type cannot be generic: each one is a delegate type in the bindings",
        ));
    }
    if !util::is_closure_type(&item.ty) {
        errors.push(Error::new_spanned(
            &item.ty,
            "#[ffi] on a type alias names a callback signature (`pub type OnProgress = dyn \
             Fn(u64, u64) + Send + Sync;`) or an instantiation of a generic #[ffi] struct or a \
             tuple (`pub type Pixels = Pair<u8>;`); to rename a non-generic type use \
             #[ffi(name = \"…\")] on its definition",
        ));
    }
    errors.finish()?;
    let ident = &item.ident;
    let rust_name = ident.unraw().to_string();
    let name = args
        .name
        .as_ref()
        .map_or_else(|| rust_name.clone(), |n| n.value());
    let module = util::opt_str(args.module.as_ref().map(|m| m.value()));
    let docs = util::docs(&item.attrs);
    let ty: &Type = &item.ty;
    let signature = match crate::callback_args::signature_describe(ty) {
        Some(describe) => describe?,
        None => quote!(<#ty as ::interop_core::abi::callback::Signature>::describe_signature),
    };
    let registration = util::register(
        "TYPES",
        "CALLBACK_TYPE_ENTRY",
        quote!(::interop_core::registry::DescribeFn),
        quote! {
            |reg: &mut ::interop_core::__private::Registry| {
                static DESC: ::interop_core::__private::TypeDesc = ::interop_core::__private::TypeDesc {
                    id: ::core::concat!(::core::module_path!(), "::", #rust_name),
                    name: #name,
                    rust_name: #rust_name,
                    module: #module,
                    docs: &#docs,
                    size: ::core::mem::size_of::<::interop_core::abi::CallbackAbi<*const ()>>() as u64,
                    align: ::core::mem::align_of::<::interop_core::abi::CallbackAbi<*const ()>>() as u64,
                    kind: ::interop_core::__private::TypeKindDesc::Callback {
                        signature: #signature,
                    },
                    generics: &[],
                };
                reg.described(&DESC)
            }
        },
    );
    // A signature expanded per signature: the alias over a hidden trait, with its impls (ADR 60).
    let item = match crate::callback_alias::expand(&item) {
        Some(expanded) => expanded?,
        None => quote!(#item),
    };
    Ok(quote! {
        #item
        // The alias is used by the registration even when its signature is described inline.
        const _: ::core::marker::PhantomData<::std::boxed::Box<#ident>> = ::core::marker::PhantomData;
        const _: () = {
            #registration
        };
    })
}
