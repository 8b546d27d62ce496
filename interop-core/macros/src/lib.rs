//! The `#[ffi]` attribute. See the interop-core crate and docs/ffi.md.

mod adt;
mod alias;
mod args;
mod callback;
mod callback_alias;
mod callback_args;
mod callback_optional;
mod callback_refs;
mod closure_checks;
mod data_enum;
mod func;
mod hint;
mod imp;
mod konst;
mod prefix;
mod shallow;
mod std_types;
mod util;

use proc_macro::TokenStream;
use proc_macro2::TokenTree;
use quote::quote;
use syn::{Error, Item};

/// Export an item over the C ABI and register it in the inventory.
///
/// Applies to free functions, structs, enums, constants and inherent impl blocks. Arguments:
/// `name = "…"`, `module = "…"`, `export = "…"` (functions), `opaque`, `packed`, `transparent` (structs).
#[proc_macro_attribute]
pub fn ffi(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item2 = proc_macro2::TokenStream::from(item);
    let args = match args::Args::parse(attr.into()) {
        Ok(a) => a,
        Err(e) => {
            let e = e.to_compile_error();
            return quote!(#e #item2).into();
        }
    };
    let kind = kind(&shallow::trees(item2.clone()));
    let result = match kind {
        Kind::Fn => func::expand_free(args, item2.clone()),
        Kind::Impl => imp::expand(args, item2.clone()),
        Kind::Other => match syn::parse2::<Item>(item2.clone()) {
            Ok(Item::Struct(s)) => adt::expand_struct(args, s),
            Ok(Item::Enum(e)) => adt::expand_enum(args, e),
            Ok(Item::Const(c)) => konst::expand(args, c),
            Ok(Item::Type(t)) => callback::expand_type(args, t),
            Ok(other) => Err(Error::new_spanned(
                other,
                "#[ffi] applies to functions, structs, enums, constants, inherent impl blocks and callback types (`type F = dyn Fn(..)`)",
            )),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(tokens) => tokens.into(),
        // Keep the item itself so that one bad signature does not cascade into "not found" errors.
        Err(e) => {
            let e = e.to_compile_error();
            let item = match kind {
                Kind::Impl => imp::unchanged(item2),
                _ => item2,
            };
            quote!(#e #item).into()
        }
    }
}

/// What an item is, read from its top-level tokens (functions and impl blocks are never parsed
/// whole: their bodies stay the tokens they are).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Fn,
    Impl,
    /// Structs, enums, constants (parsed whole: they are small) and everything #[ffi] rejects.
    Other,
}

fn kind(trees: &[TokenTree]) -> Kind {
    let mut prev_const = false;
    for tree in trees {
        match tree {
            // A body, a field list or a value comes after the keyword that decides.
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace => break,
            TokenTree::Ident(i) => {
                let word = i.to_string();
                match word.as_str() {
                    "fn" => return Kind::Fn,
                    "impl" => return Kind::Impl,
                    "struct" | "enum" | "union" | "trait" | "static" | "type" | "mod" | "use" => {
                        return Kind::Other;
                    }
                    "const" => prev_const = true,
                    "unsafe" | "extern" | "async" | "pub" | "crate" | "default" | "safe" => {}
                    // `const NAME`: a constant, not a `const fn`.
                    _ if prev_const => return Kind::Other,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Kind::Other
}
