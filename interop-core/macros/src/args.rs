//! Parsing of the `#[ffi(...)]` arguments.

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::{Attribute, Error, LitStr, Result};

/// The arguments of one `#[ffi(...)]` attribute. Each is kept with its span so that an argument that
/// does not apply to the item it is on can be reported where it was written.
#[derive(Default)]
pub struct Args {
    pub name: Option<LitStr>,
    pub module: Option<LitStr>,
    pub export: Option<LitStr>,
    pub opaque: Option<Span>,
    pub packed: Option<Span>,
    pub transparent: Option<Span>,
    pub destructor: Option<Span>,
    pub service: Option<Span>,
    pub skip: Option<Span>,
    /// Where each key was written, for errors about keys that do not apply.
    keys: Vec<(String, Span)>,
}

/// What an argument may be applied to, for error messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Fn,
    Method,
    Struct,
    Enum,
    Const,
    Impl,
    /// A named callback type (`pub type OnProgress = dyn Fn(u64, u64) + Send + Sync;`).
    Callback,
}

impl Target {
    fn describe(self) -> &'static str {
        match self {
            Target::Fn => "a function",
            Target::Method => "a method of an #[ffi] impl",
            Target::Struct => "a struct",
            Target::Enum => "an enum",
            Target::Const => "a constant",
            Target::Impl => "an impl block",
            Target::Callback => "a callback type",
        }
    }
}

const KNOWN: &str = "expected one of: `name = \"…\"`, `module = \"…\"`, `export = \"…\"`, `opaque`, `packed`, `transparent`, `destructor`, `service`, `skip`";

impl Args {
    pub fn parse(tokens: TokenStream) -> Result<Args> {
        let mut args = Args::default();
        let parser = syn::meta::parser(|meta| {
            let Some(key) = meta.path.get_ident().map(|i| i.to_string()) else {
                return Err(Error::new_spanned(
                    &meta.path,
                    format!("unknown #[ffi] argument; {KNOWN}"),
                ));
            };
            let span = meta.path.span();
            args.keys.push((key.clone(), span));
            match key.as_str() {
                "name" | "module" | "export" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    let slot = match key.as_str() {
                        "name" => &mut args.name,
                        "module" => &mut args.module,
                        _ => &mut args.export,
                    };
                    if slot.is_some() {
                        return Err(Error::new(span, format!("`{key}` is given twice")));
                    }
                    check_identifier(&lit, &key)?;
                    *slot = Some(lit);
                }
                "opaque" | "packed" | "transparent" | "destructor" | "service" | "skip" => {
                    if !meta.input.is_empty() && !meta.input.peek(syn::Token![,]) {
                        return Err(meta.error(format!("`{key}` takes no value")));
                    }
                    let slot = match key.as_str() {
                        "opaque" => &mut args.opaque,
                        "packed" => &mut args.packed,
                        "destructor" => &mut args.destructor,
                        "service" => &mut args.service,
                        "skip" => &mut args.skip,
                        _ => &mut args.transparent,
                    };
                    if slot.is_some() {
                        return Err(Error::new(span, format!("`{key}` is given twice")));
                    }
                    *slot = Some(span);
                }
                _ => {
                    return Err(Error::new(
                        span,
                        format!("unknown #[ffi] argument `{key}`; {KNOWN}"),
                    ));
                }
            }
            Ok(())
        });
        parser.parse2(tokens)?;
        Ok(args)
    }

    /// Reject the arguments that do not apply to `target`.
    pub fn check_target(&self, target: Target) -> Result<()> {
        let mut errors: Option<Error> = None;
        let mut reject = |present: Option<Span>, key: &str, allowed: &[Target], why: &str| {
            if let Some(span) = present
                && !allowed.contains(&target)
            {
                let e = Error::new(
                    span,
                    format!("`{key}` cannot be used on {}: {why}", target.describe()),
                );
                match &mut errors {
                    Some(all) => all.combine(e),
                    None => errors = Some(e),
                }
            }
        };
        use Target::*;
        reject(
            self.key_span("name"),
            "name",
            &[Fn, Method, Struct, Enum, Const, Impl, Callback],
            "",
        );
        reject(
            self.key_span("module"),
            "module",
            &[Fn, Struct, Enum, Const, Impl, Callback],
            "a method's module is the one of its impl block",
        );
        reject(
            self.key_span("export"),
            "export",
            &[Fn, Method],
            "it sets the exported symbol of a function",
        );
        reject(
            self.opaque,
            "opaque",
            &[Struct],
            "only structs can be opaque",
        );
        reject(
            self.packed,
            "packed",
            &[Struct],
            "only structs can be packed",
        );
        reject(
            self.transparent,
            "transparent",
            &[Struct],
            "only structs can be transparent",
        );
        reject(
            self.destructor,
            "destructor",
            &[Method],
            "it marks the function of an #[ffi] impl that frees the type's handle",
        );
        reject(
            self.service,
            "service",
            &[Struct],
            "only structs can be services",
        );
        reject(
            self.skip,
            "skip",
            &[Method],
            "it keeps a `pub fn` of an #[ffi] impl out of the bindings",
        );
        let layouts = [self.opaque, self.packed, self.transparent, self.service]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>();
        if layouts.len() > 1 {
            let e = Error::new(
                layouts[1],
                "`opaque`, `packed`, `transparent` and `service` exclude each other",
            );
            match &mut errors {
                Some(all) => all.combine(e),
                None => errors = Some(e),
            }
        }
        errors.map_or(Ok(()), Err)
    }

    fn key_span(&self, key: &str) -> Option<Span> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, s)| *s)
    }

    /// Take the `#[ffi(...)]` attributes out of `attrs` (used for methods inside an `#[ffi] impl`).
    pub fn take_from(attrs: &mut Vec<Attribute>) -> Result<Option<Args>> {
        let mut found: Option<Args> = None;
        let mut rest = Vec::with_capacity(attrs.len());
        for attr in attrs.drain(..) {
            if attr.path().is_ident("ffi") {
                if found.is_some() {
                    return Err(Error::new_spanned(&attr, "#[ffi] is given twice"));
                }
                let tokens = match &attr.meta {
                    syn::Meta::Path(_) => TokenStream::new(),
                    syn::Meta::List(list) => list.tokens.clone(),
                    syn::Meta::NameValue(nv) => {
                        return Err(Error::new_spanned(nv, "expected #[ffi] or #[ffi(...)]"));
                    }
                };
                found = Some(Args::parse(tokens)?);
            } else {
                rest.push(attr);
            }
        }
        *attrs = rest;
        Ok(found)
    }
}

/// Names, modules and symbols must be identifiers in every target language's basic syntax.
fn check_identifier(lit: &LitStr, key: &str) -> Result<()> {
    let value = lit.value();
    let mut chars = value.chars();
    let ok = match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(Error::new(
            lit.span(),
            format!(
                "`{key}` must be an identifier (ASCII letters, digits and `_`, not starting with a digit), got {value:?}"
            ),
        ))
    }
}
