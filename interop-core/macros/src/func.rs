//! `#[ffi]` on free functions and on the functions of an `#[ffi] impl`.
//!
//! The expansion is one invocation of `interop_core::__ffi_function!` per function: the shim it
//! writes lifts each argument with `<T as Lift>::lift`, calls the function through the panic guard
//! and lowers the result with `<R as Lower>::lower_from`. Nothing here looks at what a type is; the
//! traits decide how each one crosses.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Error, FnArg, GenericParam, Ident, Pat, ReceiverKind, Result, ReturnType, Signature, Type,
};

use crate::args::{Args, Target};
use crate::util::{self, Errors, Position};
use crate::{callback_args, closure_checks, prefix, shallow};

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
    /// `Function` or `Destructor` (a `FunctionKind` variant).
    pub kind: &'static str,
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
    let module = args.module.as_ref().map(|m| m.value());
    // `{crate prefix}{module}_{name}`, or exactly the `export` symbol.
    let symbol = match &args.export {
        Some(export) => export.value(),
        None => {
            let prefix =
                prefix::symbol_prefix().map_err(|e| Error::new_spanned(&head.sig.ident, e))?;
            match &module {
                Some(module) => format!("{prefix}{module}_{name}"),
                None => format!("{prefix}{name}"),
            }
        }
    };
    let spec = FnSpec {
        name,
        symbol,
        module,
        self_ty: None,
        kind: "Function",
        docs: util::docs(&head.attrs),
    };
    let generated = errors.push_result(shim(&head.sig, &spec));
    errors.finish()?;
    let track = prefix::track_manifest();
    Ok(quote! {
        #item
        #generated
        #track
    })
}

/// One parameter of the shim: its name in the bindings, the local it is lifted into, its type.
struct ShimParam {
    name: String,
    local: Ident,
    ty: Type,
    /// A closure with borrowed parameters: its pieces, written for its signature.
    custom: Option<callback_args::Custom>,
}

/// The `__ffi_function!` invocation of one function.
pub fn shim(sig: &Signature, spec: &FnSpec) -> Result<TokenStream> {
    check_signature(sig)?;
    check_symbol_is_ascii(sig, spec)?;
    let self_ty = spec.self_ty;
    let mut params = Vec::new();
    // Checks of closure parameters' return types, at the types the author wrote.
    let mut closure_checks = TokenStream::new();
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
                    custom: None,
                });
            }
            FnArg::Typed(pt) => {
                let name = match &*pt.pat {
                    Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                        pi.ident.unraw().to_string()
                    }
                    // An unnamed parameter is named by its position in the bindings.
                    Pat::Wild(_) => format!("arg{index}"),
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
                closure_checks.extend(closure_checks::return_check(&pt.ty, self_ty));
                let ty = util::normalize(&pt.ty, self_ty, util::Lifetimes::Elided);
                let custom = match callback_args::expand(&ty, &local) {
                    Some(Ok(custom)) => Some(custom),
                    Some(Err(e)) => {
                        errors.push(e);
                        continue;
                    }
                    None => None,
                };
                params.push(ShimParam {
                    name,
                    local,
                    ty,
                    custom,
                });
            }
        }
    }

    // A method borrowing `self` may return `&[T]`, `&str` or `&CStr` borrowed from it: exported
    // twice, as the view (C) and as an owned copy made under the object's lock (ADR 31).
    let mut borrowed_view = false;
    let ret: Type = match &sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, ty) => {
            let pos = if matches!(receiver, "Ref" | "RefMut") {
                Position::ReturnFromSelf
            } else {
                Position::Return
            };
            if let Err(e) = util::check_type(ty, pos) {
                errors.push(e);
            }
            borrowed_view = pos == Position::ReturnFromSelf
                && matches!(util::strip_parens(ty), Type::Reference(r) if util::is_borrowed_view(r));
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
    let kind = Ident::new(spec.kind, Span::call_site());
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
        let ShimParam {
            name,
            local,
            ty,
            custom,
        } = p;
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let hint = crate::hint::alias_hint(ty);
        if let Some(callback_args::Custom {
            abi,
            lift,
            describe,
        }) = custom
        {
            return quote!(#index #name #local: [#abi] [#lift] [#describe] [#(#hint),*]);
        }
        let span = ty.span();
        let abi = quote_spanned!(span=> <#ty as ::interop_core::Lift>::Abi);
        let lift = quote_spanned!(span=> <#ty as ::interop_core::Lift>::lift(#local));
        let describe = util::describe_expr(
            ty,
            quote_spanned!(span=> <#ty as ::interop_core::Lift>::DESCRIBE),
        );
        quote!(#index #name #local: [#abi] [#lift] [#describe] [#(#hint),*])
    });
    let shim_params: Vec<TokenStream> = shim_params.collect();
    // A function taking `&str` or `String` gets a second shim for the compiled Python path, which
    // does not validate CPython's UTF-8 form again (ADR 52).
    let known_utf8 = params.iter().any(|p| p.custom.is_none() && is_text(&p.ty));
    let python_params: Vec<TokenStream> = params
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let ShimParam {
                local, ty, custom, ..
            } = p;
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            if let Some(callback_args::Custom { abi, lift, .. }) = custom {
                return quote!(#index #local: [#abi] [#lift]);
            }
            let span = ty.span();
            let abi = quote_spanned!(span=> <#ty as ::interop_core::Lift>::Abi);
            let lift =
                quote_spanned!(span=> <#ty as ::interop_core::Lift>::lift_known_utf8(#local));
            quote!(#index #local: [#abi] [#lift])
        })
        .collect();
    let fix = match (self_ty, &spec.module) {
        (Some(_), _) => {
            "choose the symbol with #[ffi(export = \"…\")] or #[ffi(name = \"…\")] on the method"
        }
        (None, Some(_)) => "choose the symbol with #[ffi(export = \"…\")]",
        (None, None) => {
            "put the function in a module (#[ffi(module = \"…\")] makes its symbol \
             `<module>_<name>`), give the crate a symbol prefix (`symbol-prefix = \"mylib_\"` under \
             `[package.metadata.interop]` in Cargo.toml), or choose the symbol with \
             #[ffi(export = \"…\")]"
        }
    };
    let ret_hint = crate::hint::alias_hint(&ret);
    let invocation = |symbol: &str, kind: &Ident, ret: &Type, call: &TokenStream| {
        let span = ret.span();
        let ret_abi = quote_spanned!(span=> <#ret as ::interop_core::Lower>::Abi);
        let lower = quote_spanned!(span=> <#ret as ::interop_core::Lower>::lower_from);
        let panic = quote_spanned!(span=> <#ret as ::interop_core::Lower>::panic_abi);
        let ret_describe = util::describe_expr(
            ret,
            quote_spanned!(span=> <#ret as ::interop_core::Lower>::DESCRIBE),
        );
        let symbol_error = format!(
            "#[ffi]: `{rust_name}` would export the C symbol `{symbol}`, which interop-core exports \
             itself or which is a function of the C standard library or POSIX (every program linking the \
             library would call this one instead); {fix}"
        );
        let desc = format_ident!("__INTEROP_DESC_{}", symbol);
        let shim = format_ident!("__interop_shim_{}", symbol);
        let python_shim = known_utf8.then(|| format_ident!("__interop_pyshim_{}", symbol));
        let python_shim_fn = python_shim.as_ref().map(|python_shim| {
            quote! {
                ::interop_core::__ffi_function! {
                    @python_shim
                    desc: #desc,
                    shim: #python_shim,
                    kind: #kind,
                    params: [#(#python_params),*],
                    returns: [#ret_abi] [#lower] [#panic],
                    call: #call,
                }
            }
        });
        quote! {
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
                kind: #kind,
                docs: #docs,
                params: [#(#shim_params),*],
                returns: [#ret_abi] [#lower] [#panic] [#ret_describe] [#(#ret_hint),*],
                call: #call,
                python_shim: [#python_shim],
            }
            #python_shim_fn
        }
    };
    if !borrowed_view {
        let mut checks = closure_checks;
        if let ReturnType::Type(_, ty) = &sig.output {
            checks.extend(closure_checks::returned_checks(ty));
            checks.extend(closure_checks::return_check(ty, self_ty));
        }
        let invocation = invocation(symbol, &kind, &ret, &call);
        return Ok(quote!(#checks #invocation));
    }
    let view = invocation(
        symbol,
        &Ident::new("BorrowedView", Span::call_site()),
        &ret,
        &call,
    );
    let copy_symbol = format!("{symbol}_copy");
    let copy_ret: Type = syn::parse_quote_spanned!(ret.span()=>
        <#ret as ::interop_core::__private::OwnedCopy>::Owned);
    let copied = quote!(::interop_core::__private::OwnedCopy::owned_copy(#path(#(#locals),*)));
    let copy_call = if matches!(sig.safety, syn::Safety::Unsafe(_)) {
        quote!(#helper(|#(#locals),*| unsafe { #copied }))
    } else {
        quote!(#helper(|#(#locals),*| #copied))
    };
    let copy = invocation(
        &copy_symbol,
        &Ident::new("OwnedCopy", Span::call_site()),
        &copy_ret,
        &copy_call,
    );
    Ok(quote!(#closure_checks #view #copy))
}

/// `&str` or `String` (as written; an alias of either stays on the checked shim).
fn is_text(ty: &Type) -> bool {
    match util::strip_parens(ty) {
        Type::Reference(r) => {
            r.mutability.is_none()
                && matches!(util::strip_parens(&r.elem), Type::Path(p) if p.qself.is_none() && p.path.is_ident("str"))
        }
        Type::Path(p) => {
            p.qself.is_none()
                && p.path.segments.last().is_some_and(|s| {
                    s.ident == "String" && matches!(s.arguments, syn::PathArguments::None)
                })
        }
        _ => false,
    }
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

/// A destructor (`#[ffi(destructor)]`) takes the handle, `*mut Self` (or `*mut T`), and nothing
/// else, and returns nothing: its shim can then skip a NULL handle without knowing anything else.
pub fn check_destructor(sig: &Signature, type_name: &str) -> Result<()> {
    let handle = match (sig.inputs.len(), sig.inputs.first()) {
        (1, Some(FnArg::Typed(pt))) => match &*pt.ty {
            Type::Ptr(p) if matches!(p.mutability, syn::PointerMutability::Mut(_)) => {
                matches!(&*p.elem, Type::Path(tp) if tp.qself.is_none()
                    && (tp.path.is_ident("Self")
                        || tp.path.segments.last().is_some_and(|s| s.ident == type_name)))
            }
            _ => false,
        },
        _ => false,
    };
    let mut errors = Errors::default();
    if !handle {
        errors.push(Error::new_spanned(
            &sig.inputs,
            format!(
                "an #[ffi(destructor)] takes the handle it frees and nothing else: \
                 `unsafe fn {}(handle: *mut Self)`",
                sig.ident
            ),
        ));
    }
    if let ReturnType::Type(_, ty) = &sig.output
        && !matches!(&**ty, Type::Tuple(t) if t.elems.is_empty())
    {
        errors.push(Error::new_spanned(
            ty,
            "an #[ffi(destructor)] returns nothing (a NULL handle is skipped without a call)",
        ));
    }
    errors.finish()
}

/// A C symbol is ASCII (every linker and C compiler takes it). Names in the bindings may be any
/// identifier; the symbol of a non-ASCII function name must be given.
fn check_symbol_is_ascii(sig: &Signature, spec: &FnSpec) -> Result<()> {
    if spec.symbol.is_ascii() {
        return Ok(());
    }
    let fix = match spec.self_ty {
        Some(_) => {
            "give the method an ASCII symbol with #[ffi(export = \"…\")], or the type an ASCII \
             bindings name with #[ffi(name = \"…\")] on the type and its impl block"
        }
        None => "give the function an ASCII symbol with #[ffi(export = \"…\")]",
    };
    Err(Error::new_spanned(
        &sig.ident,
        format!(
            "the C symbol of `{}` would be `{}`, which is not ASCII; {fix}",
            sig.ident, spec.symbol
        ),
    ))
}
