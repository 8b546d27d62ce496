//! Helpers shared by the expansions.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
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

/// The `#[doc = …]` values of `attrs` (doc comments included), as a `&'static [&'static str]`
/// (split into the model's lines when the inventory is collected). Non-literal values
/// (`#[doc = include_str!("…")]`) work too.
pub fn docs(attrs: &[Attribute]) -> TokenStream {
    let values: Vec<&Expr> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => Some(&nv.value),
            _ => None,
        })
        .collect();
    quote!(&[#(#values),*])
}

/// `Some("…")` or `None`, for optional strings of the descriptors.
pub fn opt_str(value: Option<String>) -> TokenStream {
    match value {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

/// A `DescribeFn` for `ty` (normalized with [`for_describe`]): the path
/// `<T as FfiType>::describe` itself where possible (shared by every use of the type, nothing to
/// compile per item), a closure over [`describe`] for references and raw pointers (whose pointee
/// gets its own, precise error).
pub fn describe_path(ty: &Type) -> TokenStream {
    match ty {
        Type::Paren(p) => describe_path(&p.elem),
        Type::Group(g) => describe_path(&g.elem),
        Type::Reference(_) | Type::Ptr(_) => describe_fn(describe(ty)),
        _ => quote_spanned!(ty.span()=> <#ty as ::interop_core::FfiType>::describe),
    }
}

/// A non-capturing closure `|reg| <describe>` (coerced to a `DescribeFn` in a static descriptor).
pub fn describe_fn(describe: TokenStream) -> TokenStream {
    let reg = registry_ident();
    quote!(|#reg: &mut ::interop_core::__private::Registry| #describe)
}

/// Rewrites a signature type for use outside of its item: `Self` becomes the impl's self type, and
/// lifetimes become `'static` (for the shim's signature: it is only ever called from C, where
/// lifetimes mean nothing, and `'static` satisfies any lifetime bound of the user's function) or are
/// elided (for the describe functions, where inference fills them in).
struct Normalize<'a> {
    self_ty: Option<&'a Type>,
    static_lifetimes: bool,
}

impl VisitMut for Normalize<'_> {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let (Some(self_ty), Type::Path(p)) = (self.self_ty, &*ty)
            && p.qself.is_none()
            && p.path.is_ident("Self")
        {
            let span = p.span();
            *ty = respan_type(self_ty, span);
            return;
        }
        if let Type::Reference(r) = ty {
            r.lifetime = if self.static_lifetimes {
                Some(Lifetime::new("'static", r.and_token.span))
            } else {
                None
            };
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }

    fn visit_lifetime_mut(&mut self, lt: &mut Lifetime) {
        let name = if self.static_lifetimes {
            "'static"
        } else {
            "'_"
        };
        *lt = Lifetime::new(name, lt.span());
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

/// The type as the shim's signature spells it (`'static` lifetimes, `Self` resolved).
pub fn for_shim(ty: &Type, self_ty: Option<&Type>) -> Type {
    let mut ty = ty.clone();
    Normalize {
        self_ty,
        static_lifetimes: true,
    }
    .visit_type_mut(&mut ty);
    ty
}

/// The type as the describe functions spell it (lifetimes inferred, `Self` resolved).
pub fn for_describe(ty: &Type, self_ty: Option<&Type>) -> Type {
    let mut ty = ty.clone();
    Normalize {
        self_ty,
        static_lifetimes: false,
    }
    .visit_type_mut(&mut ty);
    ty
}

/// An expression describing `ty` (already normalized with [`for_describe`]) to the registry.
/// References and raw pointers are taken apart here, so that an unsupported pointee is reported at
/// the pointee (`str` in `&str`) with the `FfiPointee` message; everything else goes through
/// `FfiType`, spanned at the type.
pub fn describe(ty: &Type) -> TokenStream {
    let model = quote!(::interop_core::model);
    match ty {
        Type::Paren(p) => describe(&p.elem),
        Type::Group(g) => describe(&g.elem),
        Type::Reference(r) => {
            let target = describe_pointee(&r.elem);
            let mutable = r.mutability.is_some();
            quote!(#model::TypeRef::pointer(#target, #mutable, #model::PointerKind::Reference))
        }
        Type::Ptr(p) => {
            let target = describe_pointee(&p.elem);
            let mutable = matches!(p.mutability, syn::PointerMutability::Mut(_));
            quote!(#model::TypeRef::pointer(#target, #mutable, #model::PointerKind::Raw))
        }
        _ => {
            let reg = registry_ident();
            quote_spanned!(ty.span()=> <#ty as ::interop_core::FfiType>::describe(#reg))
        }
    }
}

/// The describe functions' `reg` parameter. Always call-site: a span taken from the user's tokens may
/// carry a `macro_rules!` hygiene context in which our `reg` is not visible.
pub fn registry_ident() -> syn::Ident {
    syn::Ident::new("reg", Span::call_site())
}

fn describe_pointee(ty: &Type) -> TokenStream {
    match ty {
        Type::Paren(p) => describe_pointee(&p.elem),
        Type::Group(g) => describe_pointee(&g.elem),
        // A pointer to a pointer: the pointee is itself described as a pointer.
        Type::Ptr(_) => describe(ty),
        _ => {
            let reg = registry_ident();
            quote_spanned!(ty.span()=> <#ty as ::interop_core::FfiPointee>::describe_pointee(#reg))
        }
    }
}

/// Where a type appears in a signature, for the syntactic checks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Position {
    Param,
    Return,
    Field,
    Const,
}

/// Syntactic rejections with a precise span and a suggestion. Everything else is decided by the
/// `FfiType` trait bounds, whose errors also point at the type.
pub fn check_type(ty: &Type, pos: Position) -> Result<()> {
    let mut errors = Errors::default();
    let top = strip_parens(ty);
    match (top, pos) {
        (Type::Array(_), Position::Param | Position::Return) => errors.push(Error::new_spanned(
            top,
            "arrays cannot be passed by value across the C ABI; pass a pointer (`&[T; N]`, `*const T`) \
             or wrap the array in an #[ffi] struct",
        )),
        (Type::Reference(_), Position::Return) => errors.push(Error::new_spanned(
            top,
            "a reference cannot be returned across the FFI boundary (the caller cannot be held to its \
             lifetime); return `Option<&T>` (NULL for None) or a raw pointer",
        )),
        (Type::Never(_), _) => errors.push(Error::new_spanned(
            top,
            "`!` cannot cross the FFI boundary; return `()` instead",
        )),
        _ => {}
    }
    let mut finder = Forbidden(&mut errors);
    syn::visit::Visit::visit_type(&mut finder, ty);
    errors.finish()
}

fn strip_parens(ty: &Type) -> &Type {
    match ty {
        Type::Paren(p) => strip_parens(&p.elem),
        Type::Group(g) => strip_parens(&g.elem),
        other => other,
    }
}

struct Forbidden<'a>(&'a mut Errors);

impl<'ast> syn::visit::Visit<'ast> for Forbidden<'_> {
    fn visit_type(&mut self, ty: &'ast Type) {
        match ty {
            Type::ImplTrait(_) => self.0.push(Error::new_spanned(
                ty,
                "`impl Trait` cannot cross the FFI boundary: C needs one concrete type",
            )),
            Type::Infer(_) => self.0.push(Error::new_spanned(
                ty,
                "write the type out: #[ffi] signatures cannot infer types",
            )),
            Type::TraitObject(_) => self.0.push(Error::new_spanned(
                ty,
                "trait objects cannot cross the FFI boundary; use an #[ffi(opaque)] type behind a pointer",
            )),
            _ => syn::visit::visit_type(self, ty),
        }
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

/// The slice registration boilerplate.
pub fn register(slice: &str, ty: TokenStream, value: TokenStream) -> TokenStream {
    let slice = syn::Ident::new(slice, Span::call_site());
    quote! {
        #[::interop_core::__private::linkme::distributed_slice(::interop_core::__private::#slice)]
        #[linkme(crate = ::interop_core::__private::linkme)]
        static __INTEROP_ENTRY: #ty = #value;
    }
}
