//! Helpers shared by the expansions.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Attribute, Error, Expr, Lifetime, Meta, Result, Type};

/// Collects several errors so that one expansion reports all of them at once.
#[derive(Default)]
pub struct Errors(Option<Error>);

impl Errors {
    pub fn push(&mut self, e: Error) {
        match &mut self.0 {
            Some(all) => all.combine(e),
            None => self.0 = Some(e),
        }
    }

    pub fn push_result<T>(&mut self, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }

    pub fn finish(self) -> Result<()> {
        self.0.map_or(Ok(()), Err)
    }
}

/// The `#[doc = …]` values of `attrs` (doc comments included), as `[a, b, …]` (the descriptors hold
/// them as a `&'static [&'static str]`, split into the model's lines when the inventory is
/// collected). Non-literal values (`#[doc = include_str!("…")]`) work too.
pub fn docs(attrs: &[Attribute]) -> TokenStream {
    let values: Vec<&Expr> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => Some(&nv.value),
            _ => None,
        })
        .collect();
    quote!([#(#values),*])
}

/// `Some("…")` or `None`, for optional strings of the descriptors.
pub fn opt_str(value: Option<String>) -> TokenStream {
    match value {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// Rewrites a signature type for use outside of its item: `Self` becomes the impl's self type, and
/// the function's lifetimes, which mean nothing outside of it, are elided (parameters: the shim's
/// own, inferred) or become `'static` (returns, which elision cannot always name; the shim is only
/// ever called from C, and `'static` satisfies any bound of the user's function).
struct Normalize<'a> {
    self_ty: Option<&'a Type>,
    lifetimes: Lifetimes,
}

/// What [`normalize`] does with lifetimes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lifetimes {
    Elided,
    Static,
    /// As written (fields of a record, inside its own impls).
    Keep,
}

impl Lifetimes {
    fn name(self) -> &'static str {
        match self {
            Lifetimes::Elided => "'_",
            Lifetimes::Static | Lifetimes::Keep => "'static",
        }
    }
}

impl VisitMut for Normalize<'_> {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        // `impl Fn(..)` / `impl FnMut(..)` parameters are passed as `&dyn Fn(..)` / `&mut dyn
        // FnMut(..)`, which implement them: the shim has one concrete type.
        if let Type::ImplTrait(t) = &*ty
            && let Some(tr) = closure_trait(&t.bounds)
        {
            let bounds = &t.bounds;
            let span = t.impl_token.span;
            let object: Type = if bounds.len() == 1 {
                syn::parse_quote_spanned!(span=> dyn #bounds)
            } else {
                syn::parse_quote_spanned!(span=> (dyn #bounds))
            };
            *ty = if tr == "FnMut" {
                syn::parse_quote_spanned!(span=> &mut #object)
            } else {
                syn::parse_quote_spanned!(span=> &#object)
            };
        }
        if let (Some(self_ty), Type::Path(p)) = (self.self_ty, &*ty)
            && p.qself.is_none()
            && p.path.is_ident("Self")
        {
            let span = p.span();
            *ty = respan_type(self_ty, span);
            return;
        }
        if let Type::Reference(r) = ty {
            match self.lifetimes {
                Lifetimes::Elided => r.lifetime = None,
                Lifetimes::Static => {
                    r.lifetime = Some(Lifetime::new("'static", r.and_token.span));
                }
                Lifetimes::Keep => {}
            }
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }

    fn visit_lifetime_mut(&mut self, lt: &mut Lifetime) {
        if self.lifetimes != Lifetimes::Keep {
            *lt = Lifetime::new(self.lifetimes.name(), lt.span());
        }
    }
}

/// A copy of `ty` whose tokens all carry `span` (so errors about `Self` point at `Self`).
pub fn respan_type(ty: &Type, span: Span) -> Type {
    let tokens: TokenStream = ty
        .to_token_stream()
        .into_iter()
        .map(|mut tt| {
            respan_tree(&mut tt, span);
            tt
        })
        .collect();
    syn::parse2(tokens).unwrap_or_else(|_| ty.clone())
}

fn respan_tree(tt: &mut proc_macro2::TokenTree, span: Span) {
    match tt {
        proc_macro2::TokenTree::Group(g) => {
            let inner: TokenStream = g
                .stream()
                .into_iter()
                .map(|mut t| {
                    respan_tree(&mut t, span);
                    t
                })
                .collect();
            let mut ng = proc_macro2::Group::new(g.delimiter(), inner);
            ng.set_span(span);
            *g = ng;
        }
        other => other.set_span(span),
    }
}

/// The type as the generated code spells it (`Self` resolved, lifetimes as `lifetimes` says).
pub fn normalize(ty: &Type, self_ty: Option<&Type>, lifetimes: Lifetimes) -> Type {
    let mut ty = ty.clone();
    Normalize { self_ty, lifetimes }.visit_type_mut(&mut ty);
    ty
}

/// Where a type appears in a signature, for the syntactic checks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Param,
    Return,
    /// The return type of a method taking `&self` / `&mut self`: `&[T]`, `&str` and `&CStr`
    /// with an elided lifetime (borrowed from the object) are allowed besides what `Return` allows.
    ReturnFromSelf,
    Field,
    Const,
}

/// Syntactic rejections with a precise span and a suggestion. Everything else is decided by the
/// `FfiType` trait bounds, whose errors also point at the type.
pub fn check_type(ty: &Type, pos: Position) -> Result<()> {
    let mut errors = Errors::default();
    let top = strip_parens(ty);
    match (top, pos) {
        (Type::Array(_), Position::Param | Position::Return | Position::ReturnFromSelf) => errors.push(Error::new_spanned(
            top,
            "arrays cannot be passed by value across the C ABI; pass a pointer (`&[T; N]`, `*const T`) \
             or wrap the array in an #[ffi] struct",
        )),
        (Type::Reference(r), Position::Return | Position::ReturnFromSelf) if is_static_c_str(r) => {}
        (Type::Reference(r), Position::ReturnFromSelf) if is_borrowed_view(r) => {}
        (Type::Reference(r), Position::Return | Position::ReturnFromSelf) if is_c_str(r) => {
            errors.push(Error::new_spanned(
                top,
                "a `&CStr` can only be returned as `&'static CStr` (static data the caller never \
                 frees), or by a method as `&CStr` borrowed from `&self`; return a `String` for \
                 text made by the call",
            ))
        }
        (Type::Reference(_), Position::Return | Position::ReturnFromSelf) => errors.push(Error::new_spanned(
            top,
            "a reference cannot be returned across the FFI boundary (the caller cannot be held to its \
             lifetime); return `Option<&T>` (NULL for None) or a raw pointer; for text or elements \
             return an owned `String` or `Vec<T>`",
        )),
        (Type::Path(p), Position::Param | Position::Field | Position::Const) if is_result(p) => {
            let fix = match pos {
                Position::Param => {
                    "an #[ffi] function only returns a `Result` (it becomes an exception in C# and \
                     Python, a status in C); take the success value `T` (or an `Option<T>`) as the \
                     parameter instead"
                }
                _ => {
                    "a `Result` is only a function's return type; store an `Option<T>` or an \
                     #[ffi] enum instead"
                }
            };
            errors.push(Error::new_spanned(
                top,
                format!("`Result` cannot cross the FFI boundary here: {fix}"),
            ))
        }
        (Type::Never(_), _) => errors.push(Error::new_spanned(
            top,
            "`!` cannot cross the FFI boundary; return `()` instead",
        )),
        _ => {}
    }
    let mut finder = Forbidden(&mut errors);
    // A parameter may be an optional borrowed view (ADR 46): its view is checked, the option not.
    match (top, pos) {
        (Type::Path(p), Position::Param) if lifted_optional_view(p).is_some() => {
            if let Some(view) = lifted_optional_view(p) {
                syn::visit::Visit::visit_type(&mut finder, view);
            }
        }
        _ => syn::visit::Visit::visit_type(&mut finder, ty),
    }
    errors.finish()
}

/// `Result<…>` (any path ending in `Result` with generic arguments).
fn is_result(p: &syn::TypePath) -> bool {
    p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| {
            s.ident == "Result" && matches!(s.arguments, syn::PathArguments::AngleBracketed(_))
        })
}

/// `&CStr` (any path ending in `CStr`).
fn is_c_str(r: &syn::TypeReference) -> bool {
    r.mutability.is_none()
        && matches!(strip_parens(&r.elem), Type::Path(p)
            if p.qself.is_none() && p.path.segments.last().is_some_and(|s| s.ident == "CStr"))
}

/// `&[T]`, `&str` or `&CStr` with an elided lifetime: what a `&self` / `&mut self` method may
/// return borrowed from its object (ADR 31).
pub fn is_borrowed_view(r: &syn::TypeReference) -> bool {
    r.mutability.is_none()
        && r.lifetime.is_none()
        && (is_c_str(r)
            || matches!(strip_parens(&r.elem), Type::Slice(_))
            || matches!(strip_parens(&r.elem), Type::Path(p) if p.qself.is_none() && p.path.is_ident("str")))
}

/// `&'static CStr`: a returned C string in the library's static data.
fn is_static_c_str(r: &syn::TypeReference) -> bool {
    is_c_str(r) && r.lifetime.as_ref().is_some_and(|l| l.ident == "static")
}

/// `ty` without parentheses and invisible groups.
pub fn strip_parens(ty: &Type) -> &Type {
    match ty {
        Type::Paren(p) => strip_parens(&p.elem),
        Type::Group(g) => strip_parens(&g.elem),
        other => other,
    }
}

/// True for `dyn Fn(..)`, `dyn FnMut(..)`, `impl Fn(..)`, … (the first bound is a closure trait
/// with its parenthesized arguments), possibly with `+ Send + Sync` and lifetimes.
pub fn is_closure_type(ty: &Type) -> bool {
    let bounds = match strip_parens(ty) {
        Type::TraitObject(t) => &t.bounds,
        Type::ImplTrait(t) => &t.bounds,
        _ => return false,
    };
    closure_trait(bounds).is_some()
}

/// `Fn`, `FnMut` or `FnOnce` when the first trait bound is one with parenthesized arguments.
pub fn closure_trait(
    bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>,
) -> Option<String> {
    bounds.iter().find_map(|b| match b {
        syn::TypeParamBound::Trait(t) => {
            let last = t.path.segments.last()?;
            let name = last.ident.to_string();
            (matches!(name.as_str(), "Fn" | "FnMut" | "FnOnce")
                && matches!(last.arguments, syn::PathArguments::Parenthesized(_)))
            .then_some(name)
        }
        _ => None,
    })
}

struct Forbidden<'a>(&'a mut Errors);

impl Forbidden<'_> {
    /// A closure's bounds: a parameter `Option<&str>` / `Option<&[T]>` is checked as its view
    /// (ADR 66: a closure the library calls takes it; a returned closure refuses it at the
    /// parameter, closure_checks.rs), everything else as usual.
    fn visit_closure_bounds(
        &mut self,
        bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>,
    ) {
        for bound in bounds {
            let syn::TypeParamBound::Trait(t) = bound else {
                syn::visit::Visit::visit_type_param_bound(self, bound);
                continue;
            };
            let args = t.path.segments.last().map(|s| &s.arguments);
            let Some(syn::PathArguments::Parenthesized(sig)) = args else {
                syn::visit::Visit::visit_type_param_bound(self, bound);
                continue;
            };
            for input in sig.inputs.iter().map(|a| &a.ty) {
                match strip_parens(input) {
                    Type::Path(p) if matches!(optional_view(p), Some("&str" | "&[T]")) => {
                        if let Some(view) = option_inner(p) {
                            syn::visit::Visit::visit_type(self, view);
                        }
                    }
                    _ => syn::visit::Visit::visit_type(self, input),
                }
            }
            syn::visit::Visit::visit_return_type(self, &sig.output);
        }
    }
}

impl<'ast> syn::visit::Visit<'ast> for Forbidden<'_> {
    fn visit_type(&mut self, ty: &'ast Type) {
        match ty {
            Type::ImplTrait(t) if closure_trait(&t.bounds).is_some() => {
                self.visit_closure_bounds(&t.bounds)
            }
            Type::TraitObject(t) if closure_trait(&t.bounds).is_some() => {
                self.visit_closure_bounds(&t.bounds)
            }
            Type::ImplTrait(_) => self.0.push(Error::new_spanned(
                ty,
                "`impl Trait` cannot cross the FFI boundary: C needs one concrete type (closures `impl Fn(..)` / `impl FnMut(..)` can)",
            )),
            Type::Path(p) if optional_view(p).is_some() => {
                let view = optional_view(p).unwrap_or("&str");
                let owned = if view.ends_with("[T]") {
                    "Option<Vec<T>>"
                } else {
                    "Option<String>"
                };
                self.0.push(Error::new_spanned(
                    ty,
                    format!(
                        "`Option<{view}>` cannot cross the FFI boundary here: an optional \
                         borrowed view is only a parameter of a function or method, or \
                         (`Option<&str>`, `Option<&[T]>`) of a closure the library calls (not \
                         returned, nested or a field); return or store an owned `{owned}`"
                    ),
                ))
            }
            Type::Path(p) if crate::std_types::std_type_fix(p).is_some() => {
                let (name, fix) = crate::std_types::std_type_fix(p).unwrap_or_default();
                self.0.push(Error::new_spanned(
                    ty,
                    format!("`{name}` cannot cross the FFI boundary: {fix}"),
                ))
            }
            Type::Infer(_) => self.0.push(Error::new_spanned(
                ty,
                "write the type out: #[ffi] signatures cannot infer types",
            )),
            Type::TraitObject(_) => self.0.push(Error::new_spanned(
                ty,
                "trait objects cannot cross the FFI boundary; use an #[ffi(opaque)] type behind a pointer \
                 (closures `&dyn Fn(..)`, `Box<dyn Fn(..) + Send + Sync>` can)",
            )),
            _ => syn::visit::visit_type(self, ty),
        }
    }
}

/// The view inside `Option<&str>`, `Option<&[T]>`, `Option<&CStr>` (ADR 46) or `Option<&mut [T]>`
/// (ADR 53): what a parameter may take.
fn lifted_optional_view(p: &syn::TypePath) -> Option<&Type> {
    optional_view(p)?;
    option_inner(p)
}

/// `T` of `Option<T>` (`p` is known to be an `Option` with one type argument).
fn option_inner(p: &syn::TypePath) -> Option<&Type> {
    let syn::PathArguments::AngleBracketed(args) = &p.path.segments.last()?.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) => Some(inner),
        _ => None,
    }
}

/// `Option<&str>`, `Option<&[T]>`, `Option<&mut [T]>`, `Option<&CStr>`: the view inside, as the
/// error message names it (an optional view is not a supported type; its trait errors are unclear).
fn optional_view(p: &syn::TypePath) -> Option<&'static str> {
    let last = p.path.segments.last()?;
    if p.qself.is_some() || last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(inner)) = args.args.first() else {
        return None;
    };
    let Type::Reference(r) = strip_parens(inner) else {
        return None;
    };
    match strip_parens(&r.elem) {
        Type::Slice(_) if r.mutability.is_some() => Some("&mut [T]"),
        Type::Slice(_) => Some("&[T]"),
        Type::Path(e) if e.qself.is_none() && e.path.is_ident("str") => Some("&str"),
        _ if is_c_str(r) => Some("&CStr"),
        _ => None,
    }
}

/// Reject attributes that would clash with the export done by `#[ffi]`.
pub fn check_no_export_attrs(attrs: &[Attribute]) -> Result<()> {
    for attr in attrs {
        let path = attr.path();
        let is_unsafe_wrapped = path.is_ident("unsafe");
        let inner_export = is_unsafe_wrapped
            && matches!(&attr.meta, Meta::List(l) if {
                let s = l.tokens.to_string();
                s.starts_with("no_mangle") || s.starts_with("export_name")
            });
        if path.is_ident("no_mangle") || path.is_ident("export_name") || inner_export {
            return Err(Error::new_spanned(
                attr,
                "remove this attribute: #[ffi] exports a C ABI shim itself (rename it with #[ffi(export = \"…\")])",
            ));
        }
    }
    Ok(())
}

/// `static NAME: Ty = value;` placed in one of interop-core's registration slices (`FUNCTIONS`,
/// `TYPES`, `CONSTANTS`), through the slice's own element macro (no proc macro per element).
pub fn register(slice: &str, name: &str, ty: TokenStream, value: TokenStream) -> TokenStream {
    let slice = syn::Ident::new(slice, Span::call_site());
    let name = syn::Ident::new(name, Span::call_site());
    quote! {
        ::interop_core::registry::#slice! {
            #![linkme_macro = ::interop_core::registry::#slice]
            static #name: #ty = #value;
        }
    }
}

/// `Some(mutable)` for `*const c_char` / `*mut c_char` (any path ending in `c_char`): an alias of
/// `i8` or `u8` that the traits cannot tell apart, described by name as a C `char` pointer instead.
pub fn c_char_pointer(ty: &Type) -> Option<bool> {
    let Type::Ptr(p) = strip_parens(ty) else {
        return None;
    };
    let Type::Path(target) = strip_parens(&p.elem) else {
        return None;
    };
    let last = target.path.segments.last()?;
    (target.qself.is_none() && last.ident == "c_char" && last.arguments.is_empty())
        .then_some(matches!(p.mutability, syn::PointerMutability::Mut(_)))
}

/// The describe function of `ty` in a descriptor: `<T as Trait>::DESCRIBE` (or `::describe` for
/// `FfiType`), spanned at the type, except for C `char` pointers (see [`c_char_pointer`]).
pub fn describe_expr(ty: &Type, path: TokenStream) -> TokenStream {
    match c_char_pointer(ty) {
        Some(mutable) => quote!(::interop_core::__private::describe_c_char_pointer::<#mutable>),
        None => path,
    }
}
