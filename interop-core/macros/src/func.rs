//! `#[ffi]` on free functions and on the functions of an `#[ffi] impl`.
//!
//! The expansion is one invocation of `interop_core::__ffi_function!` per function: the shim it
//! writes lifts each argument with `<T as Lift>::lift`, calls the function through the panic guard
//! and lowers the result with `<R as Lower>::lower`. Nothing here looks at what a type is; the
//! traits decide how each one crosses.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Error, FnArg, GenericParam, Ident, Pat, ReceiverKind, Result, ReturnType, Signature, Type,
};

use crate::args::{Args, Target};
use crate::shallow;
use crate::util::{self, Errors, Position};

/// The most parameters `interop_core::__private::callN` helpers take (`call0` … `call16`).
const MAX_PARAMS: usize = 16;

/// What the shim of one function needs to know besides its signature.
pub struct FnSpec<'a> {
    /// Name in the bindings.
    pub name: String,
    /// The exported symbol.
    pub symbol: String,
    pub module: Option<String>,
    /// `Some(self type)` for functions of an impl block.
    pub self_ty: Option<&'a Type>,
    pub docs: TokenStream,
}

pub fn expand_free(args: Args, item: TokenStream) -> Result<TokenStream> {
    let trees = shallow::trees(item.clone());
    let head = shallow::fn_head(&trees)?;
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Fn));
    errors.push_result(util::check_no_export_attrs(&head.attrs));
    let rust_name = head.sig.ident.unraw().to_string();
    let name = args.name.as_ref().map_or(rust_name, |n| n.value());
    let symbol = args
        .export
        .as_ref()
        .map_or_else(|| name.clone(), |e| e.value());
    let spec = FnSpec {
        name,
        symbol,
        module: args.module.as_ref().map(|m| m.value()),
        self_ty: None,
        docs: util::docs(&head.attrs),
    };
    let generated = errors.push_result(shim(&head.sig, &spec));
    errors.finish()?;
    Ok(quote! {
        #item
        #generated
    })
}

/// One parameter of the shim: its name in the bindings, the local it is lifted into, its type.
struct ShimParam {
    name: String,
    local: Ident,
    ty: Type,
}

/// The `__ffi_function!` invocation of one function.
pub fn shim(sig: &Signature, spec: &FnSpec) -> Result<TokenStream> {
    check_signature(sig)?;
    let self_ty = spec.self_ty;
    let mut params = Vec::new();
    let mut errors = Errors::default();
    let mut receiver = "None";

    for (index, input) in sig.inputs.iter().enumerate() {
        let local = format_ident!("__interop_a{}", index);
        match input {
            FnArg::Receiver(recv) => {
                let Some(self_ty) = self_ty else {
                    errors.push(Error::new_spanned(recv, "`self` outside of an impl block"));
                    continue;
                };
                let span = recv.self_token.span;
                // Spanned at `self`, so that "cannot cross by value" for an opaque type points there.
                let self_here = util::respan_type(self_ty, span);
                let ty: Type = match &recv.kind {
                    ReceiverKind::Reference(_, _, Some(_)) => {
                        receiver = "RefMut";
                        syn::parse_quote_spanned!(span=> &'static mut #self_here)
                    }
                    ReceiverKind::Reference(_, _, None) => {
                        receiver = "Ref";
                        syn::parse_quote_spanned!(span=> &'static #self_here)
                    }
                    ReceiverKind::Value => {
                        receiver = "Value";
                        self_here
                    }
                    _ => {
                        errors.push(Error::new_spanned(
                            recv,
                            "only `self`, `&self` and `&mut self` receivers can cross the FFI boundary",
                        ));
                        continue;
                    }
                };
                params.push(ShimParam {
                    name: "self".to_string(),
                    local,
                    ty,
                });
            }
            FnArg::Typed(pt) => {
                let ident = match &*pt.pat {
                    Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => &pi.ident,
                    other => {
                        errors.push(Error::new_spanned(
                            other,
                            "#[ffi] parameters must be plain names (`x: T`): the name is part of the bindings; \
                             destructure inside the function",
                        ));
                        continue;
                    }
                };
                if let Err(e) = util::check_type(&pt.ty, Position::Param) {
                    errors.push(e);
                    continue;
                }
                params.push(ShimParam {
                    name: ident.unraw().to_string(),
                    local,
                    ty: util::normalize(&pt.ty, self_ty, util::Lifetimes::Elided),
                });
            }
        }
    }

    let ret: Type = match &sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, ty) => {
            if let Err(e) = util::check_type(ty, Position::Return) {
                errors.push(e);
            }
            util::normalize(ty, self_ty, util::Lifetimes::Static)
        }
    };
    errors.finish()?;

    let rust_ident = &sig.ident;
    let path = match self_ty {
        Some(self_ty) => quote!(<#self_ty>::#rust_ident),
        None => quote!(#rust_ident),
    };
    let locals: Vec<&Ident> = params.iter().map(|p| &p.local).collect();
    if locals.len() > MAX_PARAMS {
        return Err(Error::new_spanned(
            &sig.inputs,
            format!(
                "#[ffi] functions take at most {MAX_PARAMS} parameters; pass a pointer to an #[ffi] \
                 struct holding the rest"
            ),
        ));
    }
    let helper = format_ident!("call{}", locals.len());
    // A safe Rust-ABI function is passed as itself (its item type implements `FnOnce`); an
    // `unsafe fn` or an `extern "C" fn` does not, so it is wrapped in a closure.
    let call = if matches!(sig.safety, syn::Safety::Unsafe(_)) || sig.abi.is_some() {
        quote!(#helper(|#(#locals),*| unsafe { #path(#(#locals),*) }))
    } else {
        quote!(#helper(#path))
    };
    let receiver = Ident::new(receiver, Span::call_site());
    let owner = self_ty.map(|t| quote!(#t));
    let FnSpec {
        name,
        symbol,
        module,
        docs,
        ..
    } = spec;
    let rust_name = rust_ident.unraw().to_string();
    let module = module.clone().unwrap_or_default();
    // Every path from a type to its trait is written here, all of its tokens spanned at the Rust
    // type: a type no trait accepts is reported there, and once (the same error at the same place
    // is shown once, wherever the generated code uses the type).
    let shim_params = params.iter().enumerate().map(|(index, p)| {
        let ShimParam { name, local, ty } = p;
        let span = ty.span();
        let abi = quote_spanned!(span=> <#ty as ::interop_core::Lift>::Abi);
        let lift = quote_spanned!(span=> <#ty as ::interop_core::Lift>::lift(#local));
        let describe = quote_spanned!(span=> <#ty as ::interop_core::Lift>::DESCRIBE);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote!(#index #name #local: [#abi] [#lift] [#describe])
    });
    let span = ret.span();
    let ret_abi = quote_spanned!(span=> <#ret as ::interop_core::Lower>::Abi);
    let lower = quote_spanned!(span=> <#ret as ::interop_core::Lower>::lower);
    let panic = quote_spanned!(span=> <#ret as ::interop_core::Lower>::panic_abi);
    let ret_describe = quote_spanned!(span=> <#ret as ::interop_core::Lower>::DESCRIBE);
    let symbol_error = format!(
        "#[ffi]: the symbol `{symbol}` is exported by interop-core itself (the inventory and the \
         error channel); choose another name with #[ffi(export = \"…\")]"
    );
    let desc = format_ident!("__INTEROP_DESC_{}", symbol);
    let shim = format_ident!("__interop_shim_{}", symbol);
    Ok(quote! {
        ::interop_core::__ffi_function! {
            desc: #desc,
            shim: #shim,
            symbol: #symbol,
            symbol_error: #symbol_error,
            name: #name,
            rust_name: #rust_name,
            module: #module,
            owner: [#owner],
            receiver: #receiver,
            docs: #docs,
            params: [#(#shim_params),*],
            returns: [#ret_abi] [#lower] [#panic] [#ret_describe],
            call: #call,
        }
    })
}

/// Signature-level rejections: generics, async, variadics, foreign ABIs.
fn check_signature(sig: &Signature) -> Result<()> {
    let mut errors = Errors::default();
    if let Some(a) = &sig.asyncness {
        errors.push(Error::new_spanned(
            a,
            "async functions cannot be exported by #[ffi] (yet); expose a blocking function",
        ));
    }
    for param in &sig.generics.params {
        match param {
            GenericParam::Lifetime(_) => {}
            GenericParam::Type(_) | GenericParam::Const(_) => errors.push(Error::new_spanned(
                param,
                "generic functions cannot be exported over the C ABI: a C symbol has one concrete \
                 signature; write a non-generic wrapper for each type you need",
            )),
        }
    }
    if let Some(wc) = &sig.generics.where_clause {
        for pred in &wc.predicates {
            if !matches!(pred, syn::WherePredicate::Lifetime(_)) {
                errors.push(Error::new_spanned(
                    pred,
                    "#[ffi] functions cannot have trait bounds",
                ));
            }
        }
    }
    if let Some(v) = &sig.variadic {
        errors.push(Error::new_spanned(
            v,
            "variadic functions cannot be exported by #[ffi]; pass a pointer and a length",
        ));
    }
    if let Some(abi) = &sig.abi
        && let Some(name) = &abi.name
        && name.value() != "C"
    {
        errors.push(Error::new_spanned(
            name,
            "#[ffi] functions use the Rust or the \"C\" ABI; the exported shim is always extern \"C\"",
        ));
    }
    errors.finish()
}
