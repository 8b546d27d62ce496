//! The `#[ffi]` attribute. See the interop-core crate and docs/ffi.md.

mod adt;
mod args;
mod func;
mod imp;
mod konst;
mod util;

use proc_macro::TokenStream;
use quote::quote;
use syn::{Error, Item};

/// Export an item over the C ABI and register it in the inventory.
///
/// Applies to free functions, structs, enums, constants and inherent impl blocks. Arguments:
/// `name = "…"`, `module = "…"`, `export = "…"` (functions), `opaque`, `packed`, `transparent` (structs).
#[proc_macro_attribute]
pub fn ffi(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item2 = proc_macro2::TokenStream::from(item);
    let parsed: Item = match syn::parse2(item2.clone()) {
        Ok(item) => item,
        Err(e) => {
            let e = e.to_compile_error();
            return quote!(#e #item2).into();
        }
    };
    let args = match args::Args::parse(attr.into()) {
        Ok(a) => a,
        Err(e) => {
            let e = e.to_compile_error();
            return quote!(#e #item2).into();
        }
    };
    let result = match parsed {
        Item::Fn(f) => func::expand_free(args, f),
        Item::Struct(s) => adt::expand_struct(args, s),
        Item::Enum(e) => adt::expand_enum(args, e),
        Item::Const(c) => konst::expand(args, c),
        Item::Impl(i) => imp::expand(args, i),
        other => Err(Error::new_spanned(
            other,
            "#[ffi] applies to functions, structs, enums, constants and inherent impl blocks",
        )),
    };
    match result {
        Ok(tokens) => tokens.into(),
        // Keep the item itself so that one bad signature does not cascade into "not found" errors.
        Err(e) => {
            let e = e.to_compile_error();
            let item = unchanged(item2);
            quote!(#e #item).into()
        }
    }
}

/// The item as written, minus the `#[ffi(...)]` attributes on the functions of an impl block (which
/// would otherwise be expanded as free functions and report the same problems again).
fn unchanged(tokens: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    match syn::parse2::<Item>(tokens.clone()) {
        Ok(Item::Impl(mut imp)) => {
            for item in &mut imp.items {
                if let syn::ImplItem::Fn(f) = item {
                    f.attrs.retain(|a| !a.path().is_ident("ffi"));
                }
            }
            quote!(#imp)
        }
        _ => tokens,
    }
}
