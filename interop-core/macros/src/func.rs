//! `#[ffi]` on free functions and on the functions of an `#[ffi] impl`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{
    Error, FnArg, GenericParam, Ident, ItemFn, Pat, ReceiverKind, Result, ReturnType, Signature,
    Type,
};

use crate::args::{Args, Target};
use crate::util::{self, Errors, Position};

/// What the shim of one function needs to know besides its signature.
pub struct FnSpec<'a> {
    /// Name in the bindings.
    pub name: String,
    /// The exported symbol.
    pub symbol: String,
    pub module: Option<String>,
    /// The name used in error messages recorded by the shim.
    pub display: String,
    /// `Some(self type)` for functions of an impl block.
    pub self_ty: Option<&'a Type>,
    pub docs: TokenStream,
}

pub fn expand_free(args: Args, item: ItemFn) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Fn));
    errors.push_result(util::check_no_export_attrs(&item.attrs));
    let rust_name = item.sig.ident.unraw().to_string();
    let name = args.name.as_ref().map_or(rust_name, |n| n.value());
    let symbol = args
        .export
        .as_ref()
        .map_or_else(|| name.clone(), |e| e.value());
    let spec = FnSpec {
        display: name.clone(),
        name,
        symbol,
        module: args.module.as_ref().map(|m| m.value()),
        self_ty: None,
        docs: util::docs(&item.attrs),
    };
    let generated = errors.push_result(shim(&item.sig, &spec));
    errors.finish()?;
    Ok(quote! {
        #item
        #generated
    })
}

/// The `extern "C"` shim and the registration of one function.
pub fn shim(sig: &Signature, spec: &FnSpec) -> Result<TokenStream> {
    check_signature(sig)?;
    let self_ty = spec.self_ty;
    let display = &spec.display;
    let rust_ident = &sig.ident;
    let rust_name = rust_ident.unraw().to_string();

    let mut shim_params = Vec::new(); // `name: Type` of the shim
    let mut unwrap_nulls = Vec::new(); // (local, parameter name) of each `Option<&T>` to unwrap
    let mut call_args = Vec::new(); // arguments of the user's function
    let mut describe_params = Vec::new(); // `Param { … }` expressions
    let mut errors = Errors::default();

    for (index, input) in sig.inputs.iter().enumerate() {
        match input {
            FnArg::Receiver(recv) => {
                let Some(self_ty) = self_ty else {
                    errors.push(Error::new_spanned(recv, "`self` outside of an impl block"));
                    continue;
                };
                let span = recv.self_token.span;
                let local = Ident::new("__interop_self", Span::call_site());
                // Spanned at `self`, so that "cannot cross by value" for an opaque type points there.
                let self_here = util::respan_type(self_ty, span);
                let described: Type = match &recv.kind {
                    ReceiverKind::Reference(_, _, mutability) => {
                        let (shim_ty, described): (Type, Type) = if mutability.is_some() {
                            (
                                syn::parse_quote_spanned!(span=> &'static mut #self_here),
                                syn::parse_quote_spanned!(span=> &mut #self_here),
                            )
                        } else {
                            (
                                syn::parse_quote_spanned!(span=> &'static #self_here),
                                syn::parse_quote_spanned!(span=> &#self_here),
                            )
                        };
                        shim_params
                            .push(quote_spanned!(span=> #local: ::core::option::Option<#shim_ty>));
                        unwrap_nulls.push((local.clone(), "self".to_string()));
                        described
                    }
                    ReceiverKind::Value => {
                        shim_params.push(quote!(#local: #self_here));
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
                call_args.push(quote!(#local));
                let describe = util::describe_path(&described);
                describe_params.push(quote! {
                    ::interop_core::__private::ParamDesc {
                        name: "self",
                        ty: #describe,
                    }
                });
            }
            FnArg::Typed(pt) => {
                let ident = match &*pt.pat {
                    Pat::Ident(pi) if pi.by_ref.is_none() && pi.subpat.is_none() => {
                        pi.ident.clone()
                    }
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
                let param_name = ident.unraw().to_string();
                let local = format_ident!("__interop_arg{}", index);
                let ty = util::for_shim(&pt.ty, self_ty);
                match &ty {
                    Type::Reference(_) => {
                        let span = pt.ty.span();
                        shim_params
                            .push(quote_spanned!(span=> #local: ::core::option::Option<#ty>));
                        unwrap_nulls.push((local.clone(), param_name.clone()));
                    }
                    _ => shim_params.push(quote!(#local: #ty)),
                }
                call_args.push(quote!(#local));
                let describe = util::describe_path(&util::for_describe(&pt.ty, self_ty));
                describe_params.push(quote! {
                    ::interop_core::__private::ParamDesc {
                        name: #param_name,
                        ty: #describe,
                    }
                });
            }
        }
    }

    let ret: Option<Type> = match &sig.output {
        ReturnType::Default => None,
        ReturnType::Type(_, ty) => match &**ty {
            Type::Tuple(t) if t.elems.is_empty() => None,
            ty => {
                if let Err(e) = util::check_type(ty, Position::Return) {
                    errors.push(e);
                }
                Some(ty.clone())
            }
        },
    };
    errors.finish()?;

    let callee = match self_ty {
        Some(self_ty) => quote!(<#self_ty>::#rust_ident),
        None => quote!(#rust_ident),
    };
    let mut call = quote!(#callee(#(#call_args),*));
    if matches!(sig.safety, syn::Safety::Unsafe(_)) {
        call = quote!(unsafe { #call });
    }
    let symbol = &spec.symbol;

    let returns = match &ret {
        None => quote!(|_: &mut ::interop_core::__private::Registry| {
            ::interop_core::model::TypeRef::primitive(::interop_core::model::Primitive::Unit)
        }),
        Some(ty) => util::describe_path(&util::for_describe(ty, self_ty)),
    };
    // `<R as FfiType>::panic_value`, spanned at the return type: an unsupported type then gives the
    // same diagnostic as its description, which rustc reports once.
    let panic_value = match &ret {
        None => quote!(<() as ::interop_core::FfiType>::panic_value),
        Some(ty) => {
            let ty = util::for_describe(ty, self_ty);
            quote_spanned!(ty.span()=> <#ty as ::interop_core::FfiType>::panic_value)
        }
    };
    let unwrap_nulls: Vec<TokenStream> = unwrap_nulls
        .iter()
        .map(|(local, param)| null_check(local, param, display, &panic_value))
        .collect();
    let shim_ret = match ret.map(|ty| util::for_shim(&ty, self_ty)) {
        None => quote!(),
        Some(ty) => quote!(-> #ty),
    };
    // One generic, always-inlined helper does catch_unwind + record + panic value.
    let body = quote! {
        ::interop_core::__private::call(#display, move || #call, #panic_value)
    };
    let name = &spec.name;
    let module = util::opt_str(spec.module.clone());
    let docs = &spec.docs;
    let (owner, receiver) = match self_ty {
        Some(self_ty) => {
            let owner = quote_spanned! {self_ty.span()=>
                <#self_ty as ::interop_core::FfiPointee>::describe_pointee
            };
            let owner = quote!(::core::option::Option::Some(#owner));
            let receiver = match sig.receiver().map(|r| &r.kind) {
                Some(ReceiverKind::Reference(_, _, Some(_))) => {
                    quote!(::core::option::Option::Some(
                        ::interop_core::model::Receiver::RefMut
                    ))
                }
                Some(ReceiverKind::Reference(_, _, None)) => {
                    quote!(::core::option::Option::Some(
                        ::interop_core::model::Receiver::Ref
                    ))
                }
                Some(_) => quote!(::core::option::Option::Some(
                    ::interop_core::model::Receiver::Value
                )),
                None => quote!(::core::option::Option::None),
            };
            (owner, receiver)
        }
        None => (
            quote!(::core::option::Option::None),
            quote!(::core::option::Option::None),
        ),
    };
    let registration = util::register(
        "FUNCTIONS",
        quote!(::interop_core::__private::FunctionDesc),
        quote! {
            ::interop_core::__private::FunctionDesc {
                name: #name,
                rust_name: #rust_name,
                module_path: ::core::module_path!(),
                symbol: #symbol,
                module: #module,
                owner: #owner,
                receiver: #receiver,
                docs: #docs,
                params: &[#(#describe_params),*],
                returns: #returns,
            }
        },
    );

    let reserved_msg = format!(
        "#[ffi]: the symbol `{symbol}` is exported by interop-core itself (the inventory and the \
         error channel); choose another name with #[ffi(export = \"…\")]"
    );
    Ok(quote! {
        const _: () = {
            const _: () = ::core::assert!(
                !::interop_core::__private::is_reserved(#symbol),
                #reserved_msg
            );
            #[unsafe(export_name = #symbol)]
            #[allow(improper_ctypes_definitions, clippy::all, clippy::pedantic, clippy::nursery)]
            unsafe extern "C" fn __interop_shim(#(#shim_params),*) #shim_ret {
                #(#unwrap_nulls)*
                #body
            }

            #registration
        };
    })
}

/// `let x = match x { Some(x) => x, None => { record; return the panic value } };`
/// (`panic_value` is the path of the return type's `FfiType::panic_value`.)
fn null_check(
    local: &Ident,
    param: &str,
    function: &str,
    panic_value: &TokenStream,
) -> TokenStream {
    quote! {
        let #local = match #local {
            ::core::option::Option::Some(value) => value,
            ::core::option::Option::None => {
                return ::interop_core::__private::null_argument(
                    #param,
                    #function,
                    #panic_value,
                );
            }
        };
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
