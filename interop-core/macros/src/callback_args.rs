//! Closures whose parameters borrow (`&dyn Fn(&str)`, `impl FnMut(&[u64])`, `Box<dyn Fn(&Point) +
//! Send + Sync>`): their types are higher-ranked (`dyn for<'x> Fn(&'x str)`), so the generic
//! `Lift` impls of interop-core cannot match them. For such a parameter the shim gets its ABI type,
//! its lift and its description from here, written for the one signature: a closure literal with
//! the parameters as the author wrote them, stored by the helpers of
//! `interop_core::__private::callback_args` ([ADR 14](../../../docs/adr/0014-callbacks.md), addendum).
//!
//! Each borrowed parameter crosses in its ABI form, valid while the foreign callable runs: `&str`,
//! `&[T]` and `&CStr` as inside records (a view, a C string), `&T` / `&mut T` as a pointer to `T`.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Error, Ident, Result, ReturnType, Type, TypeParamBound};

use crate::callback_optional;
use crate::callback_refs::{self, Conv};
pub(crate) use crate::callback_refs::{no_layout_behind_reference, tokens};
use crate::util::{self, Lifetimes};

/// The shim's pieces for one parameter.
pub struct Custom {
    pub abi: TokenStream,
    pub lift: TokenStream,
    pub describe: TokenStream,
}

/// How the closure is held.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Ref,
    Mut,
    Boxed,
}

/// The pieces for `ty` (normalized, lifetimes elided) when it is a closure with a borrowed
/// parameter; `None` for every other type (the generic impls apply).
pub fn expand(ty: &Type, local: &Ident) -> Option<Result<Custom>> {
    let (inner, nullable) = match option_inner(ty) {
        Some(inner) => (inner, true),
        None => (ty, false),
    };
    let (form, object) = closure_of(inner)?;
    let sig = signature_of(object)?;
    if !expanded(sig) {
        return None;
    }
    let fn_mut = closure_trait_of(object).as_deref() == Some("FnMut");
    Some(build(form, nullable, inner, object, sig, local, fn_mut))
}

/// The describe function of a named callback type's signature (`#[ffi] pub type Log = dyn Fn(&str)
/// + Send + Sync;`) when a parameter borrows; `None` otherwise.
pub fn signature_describe(object: &Type) -> Option<Result<TokenStream>> {
    let sig = signature_of(object)?;
    if !expanded(sig) {
        return None;
    }
    Some(parts(sig).map(|p| {
        let Parts {
            describes,
            ret_describe,
            checks,
            ..
        } = p;
        quote! {{
            #(#checks)*
            |reg: &mut ::interop_core::__private::Registry| (
                ::std::vec![#(#describes(reg)),*],
                #ret_describe(reg),
            )
        }}
    }))
}

/// Signatures the generic impls cannot take: a parameter borrows, or the closure returns a
/// `Result` (its `call` returns a status and writes the value through a slot).
pub(crate) fn expanded(sig: &syn::ParenthesizedGenericArguments) -> bool {
    sig.inputs.iter().any(|a| borrows(&a.ty)) || result_of(&sig.output).is_some()
}

/// `Result<T, E>` as a closure's return type: `T` (`None` for `()`) and `E`.
pub(crate) fn result_of(output: &ReturnType) -> Option<(Option<&Type>, &Type)> {
    let ReturnType::Type(_, ty) = output else {
        return None;
    };
    let Type::Path(p) = util::strip_parens(ty) else {
        return None;
    };
    let last = p.path.segments.last()?;
    if p.qself.is_some() || last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    let mut types = a.args.iter().filter_map(|g| match g {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    });
    let (ok, err) = (types.next()?, types.next()?);
    let unit = matches!(ok, Type::Tuple(t) if t.elems.is_empty());
    Some(((!unit).then_some(ok), err))
}

pub(crate) fn closure_trait_of(object: &Type) -> Option<String> {
    match object {
        Type::TraitObject(t) => util::closure_trait(&t.bounds),
        Type::Paren(p) => closure_trait_of(&p.elem),
        _ => None,
    }
}

pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if p.qself.is_some() || last.ident != "Option" {
        return None;
    }
    match &last.arguments {
        syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => match a.args.first()? {
            syn::GenericArgument::Type(t) => Some(t),
            _ => None,
        },
        _ => None,
    }
}

/// `&dyn Fn(..)`, `&mut dyn FnMut(..)`, `Box<dyn Fn(..) + …>`: the form and the trait object.
pub(crate) fn closure_of(ty: &Type) -> Option<(Form, &Type)> {
    match ty {
        Type::Reference(r) if util::is_closure_type(&r.elem) => Some((
            if r.mutability.is_some() {
                Form::Mut
            } else {
                Form::Ref
            },
            &*r.elem,
        )),
        Type::Path(p) if p.qself.is_none() => {
            let last = p.path.segments.last()?;
            if last.ident != "Box" {
                return None;
            }
            match &last.arguments {
                syn::PathArguments::AngleBracketed(a) if a.args.len() == 1 => {
                    match a.args.first()? {
                        syn::GenericArgument::Type(t) if util::is_closure_type(t) => {
                            Some((Form::Boxed, t))
                        }
                        _ => None,
                    }
                }
                _ => None,
            }
        }
        Type::Paren(p) => closure_of(&p.elem),
        _ => None,
    }
}

pub(crate) fn signature_of(object: &Type) -> Option<&syn::ParenthesizedGenericArguments> {
    let bounds = match object {
        Type::TraitObject(t) => &t.bounds,
        Type::Paren(p) => return signature_of(&p.elem),
        _ => return None,
    };
    bounds.iter().find_map(|b| match b {
        TypeParamBound::Trait(t) => match &t.path.segments.last()?.arguments {
            syn::PathArguments::Parenthesized(p) => Some(p),
            _ => None,
        },
        _ => None,
    })
}

/// True when `ty` holds a reference anywhere.
pub(crate) fn borrows(ty: &Type) -> bool {
    struct Finder(bool);
    impl Visit<'_> for Finder {
        fn visit_type_reference(&mut self, _: &syn::TypeReference) {
            self.0 = true;
        }
    }
    let mut f = Finder(false);
    f.visit_type(ty);
    f.0
}

/// The per-parameter pieces of a signature.
struct Parts {
    /// The closure literal's parameter types (as written).
    written: Vec<Type>,
    /// The ABI type of each parameter in `call`'s signature.
    abis: Vec<TokenStream>,
    /// The conversion of each argument to its ABI form.
    convs: Vec<Conv>,
    /// The describe function of each parameter.
    describes: Vec<TokenStream>,
    /// Constant items checking the parameters at compile time.
    checks: Vec<TokenStream>,
    /// The return type, lifetimes `'static`.
    ret_s: Type,
    /// The describe function of the return type.
    ret_describe: TokenStream,
    /// A `Result` return: `T` (`None` for `()`) and `E`, lifetimes `'static`.
    result: Option<(Option<Type>, Type)>,
}

impl Parts {
    /// One parameter `input` whose pieces `#[ffi]` writes itself.
    fn push(&mut self, piece: callback_refs::Reference, input: &Type) {
        self.checks.extend(piece.check);
        self.abis.push(piece.abi);
        self.convs.push(piece.conv);
        self.describes.push(piece.describe);
        self.written.push(input.clone());
    }
}

fn parts(sig: &syn::ParenthesizedGenericArguments) -> Result<Parts> {
    let p = quote!(::interop_core::__private::callback_args);
    let ret_s: Type = match &sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, t) => util::normalize(t, None, Lifetimes::Static),
    };
    let result = result_of(&sig.output).map(|(ok, err)| {
        (
            ok.map(|t| util::normalize(t, None, Lifetimes::Static)),
            util::normalize(err, None, Lifetimes::Static),
        )
    });
    let ret_describe = match &result {
        Some((ok, err)) => {
            let ok = ok.clone().unwrap_or_else(|| syn::parse_quote!(()));
            quote!(#p::describe_callback_result::<#ok, #err>)
        }
        None => quote!(#p::describe_callback_return::<#ret_s>),
    };
    let mut out = Parts {
        written: Vec::new(),
        abis: Vec::new(),
        convs: Vec::new(),
        describes: Vec::new(),
        checks: Vec::new(),
        ret_s,
        ret_describe,
        result,
    };
    let mut errors = util::Errors::default();
    for input in sig.inputs.iter().map(|a| &a.ty) {
        let span = input.span();
        let stat = util::normalize(input, None, Lifetimes::Static);
        let generic = quote_spanned!(span=> <#stat as ::interop_core::FfiType>);
        if let Some(shape) = callback_optional::shape(input) {
            // `Option<&str>`, `Option<&[T]>`, `&[&str]` (ADR 66; `Option<&T>` refused).
            match callback_optional::piece(&shape, input) {
                Ok(piece) => out.push(piece, input),
                Err(e) => errors.push(e),
            }
            continue;
        }
        match input {
            Type::Reference(r) if !is_view(&r.elem) => {
                if borrows(&r.elem) {
                    errors.push(nested(input));
                    continue;
                }
                if let Some(what) = no_layout_behind_reference(&r.elem) {
                    let elem = &r.elem;
                    errors.push(Error::new_spanned(
                        input,
                        format!(
                            "#[ffi]: the closure parameter `{}` points to {what}, which has no C \
                             layout behind a pointer (the foreign side would read Rust's own \
                             layout); take it by value instead: `{}`",
                            tokens(input),
                            tokens(elem),
                        ),
                    ));
                    continue;
                }
                out.push(callback_refs::reference(r, input, &generic), input);
                continue;
            }
            Type::Reference(r) if r.mutability.is_some() => {
                errors.push(nested(input));
                continue;
            }
            Type::Reference(r) if matches!(util::strip_parens(&r.elem), Type::Slice(_)) => {
                // `&[T]`: in place, views or copies by what `T` is (ADR 62).
                out.abis.push(quote!(#generic::Abi));
                out.convs.push(Conv::Slice);
            }
            other if !matches!(other, Type::Reference(_)) && borrows(other) => {
                errors.push(nested(input));
                continue;
            }
            _ => {
                out.abis.push(quote!(#generic::Abi));
                out.convs
                    .push(Conv::Func(quote!(::interop_core::FfiType::into_abi)));
            }
        }
        out.describes.push(quote!(#generic::describe));
        out.written.push(input.clone());
    }
    errors.finish()?;
    Ok(out)
}

/// A closure of the signature that ignores its arguments and returns the return type's panic
/// value (what a record's closure field holds after a panic; never called).
pub(crate) fn panic_closure(sig: &syn::ParenthesizedGenericArguments) -> Result<TokenStream> {
    let Parts {
        written,
        ret_s,
        result,
        ..
    } = parts(sig)?;
    let value = match result {
        Some((_, err)) => {
            quote!(::core::result::Result::Err(<#err as ::interop_core::FfiType>::panic_value()))
        }
        None => quote!(<#ret_s as ::interop_core::FfiType>::panic_value()),
    };
    Ok(quote!(|#(_: #written),*| -> #ret_s { #value }))
}

/// `str`, `[T]`, `CStr`: borrowed as views (their `FfiType` form).
pub(crate) fn is_view(elem: &Type) -> bool {
    match elem {
        Type::Slice(s) => !borrows(&s.elem),
        Type::Path(p) => {
            p.qself.is_none()
                && p.path.segments.last().is_some_and(|s| {
                    s.arguments.is_empty() && (s.ident == "str" || s.ident == "CStr")
                })
        }
        _ => false,
    }
}

fn nested(ty: &Type) -> Error {
    Error::new_spanned(
        ty,
        "#[ffi]: a closure's borrowed parameters are `&str`, `&[T]`, `&CStr`, `&T` or `&mut T` \
         (T: an #[ffi] type or a primitive) at the top level; pass other data by value",
    )
}

/// The pieces of one form of a closure: `holder` is the type the shim receives (`Box<…>`, the
/// closure literal is cast to it), `object` the trait object it borrows (`&object`), `fn_mut`
/// whether a kept closure is `FnMut`.
pub(crate) fn build(
    form: Form,
    nullable: bool,
    holder: &Type,
    object: &Type,
    sig: &syn::ParenthesizedGenericArguments,
    local: &Ident,
    fn_mut: bool,
) -> Result<Custom> {
    let Parts {
        written,
        abis,
        convs,
        describes,
        checks,
        ret_s,
        ret_describe,
        result,
    } = parts(sig)?;
    let p = quote!(::interop_core::__private::callback_args);
    let vars: Vec<Ident> = (0..written.len())
        .map(|i| format_ident!("__interop_cb{}", i))
        .collect();
    let args: Vec<TokenStream> = convs.iter().zip(&vars).map(|(c, v)| c.apply(v)).collect();
    let ffi = quote!(::interop_core::FfiType);
    let (call_ty, call) = match &result {
        None => (
            quote! {
                unsafe extern "C" fn(*mut ::core::ffi::c_void, #(#abis),*)
                    -> <#ret_s as #ffi>::Abi
            },
            // A C-compatible return comes back by value; owned data through a zeroed slot
            // passed last (ADR 54): the same pointer, called with the foreign side's signature.
            quote! {
                if <#ret_s as #ffi>::RETURNS_BY_VALUE {
                    // SAFETY: the foreign side's function with its context; each argument in its
                    // ABI form, valid while it runs.
                    #p::returned::<#ret_s>(unsafe { (parts.call)(parts.context, #(#args),*) })
                } else {
                    // SAFETY: for such a return type `call` has this signature (ADR 54).
                    let call: unsafe extern "C" fn(
                        *mut ::core::ffi::c_void, #(#abis,)* *mut <#ret_s as #ffi>::Abi
                    ) = unsafe { ::core::mem::transmute(parts.call) };
                    // SAFETY: as above; the slot is writable for the call.
                    #p::returned_in_slot::<#ret_s>(|slot| unsafe {
                        call(parts.context, #(#args,)* slot)
                    })
                }
            },
        ),
        // `call` returns the status and writes the value into the slot it names.
        Some((ok, err)) => {
            let err_slot = quote!(*mut <#err as #ffi>::Abi);
            let (ok_param, ok_decl, ok_arg, returned) = match ok {
                Some(ok) => (
                    quote!(*mut <#ok as #ffi>::Abi,),
                    quote!(let mut __interop_ok = #p::MaybeUninit::<<#ok as #ffi>::Abi>::zeroed();),
                    quote!(__interop_ok.as_mut_ptr(),),
                    quote!(#p::returned_result::<#ok, #err>(__interop_status, &mut __interop_ok, &mut __interop_err)),
                ),
                None => (
                    quote!(),
                    quote!(),
                    quote!(),
                    quote!(#p::returned_unit_result::<#err>(__interop_status, &mut __interop_err)),
                ),
            };
            (
                quote! {
                    unsafe extern "C" fn(*mut ::core::ffi::c_void, #(#abis,)* #ok_param #err_slot) -> u8
                },
                quote! {{
                    #ok_decl
                    let mut __interop_err = #p::MaybeUninit::<<#err as #ffi>::Abi>::zeroed();
                    // SAFETY: the foreign side's function with its context; each argument in its
                    // ABI form, valid while it runs; the slots are writable for the call.
                    let __interop_status = unsafe {
                        (parts.call)(parts.context, #(#args,)* #ok_arg __interop_err.as_mut_ptr())
                    };
                    #returned
                }},
            )
        }
    };
    let abi = quote!(::interop_core::abi::CallbackAbi<::core::option::Option<#call_ty>>);
    let closure = |get_parts: TokenStream| {
        quote! {
            move |#(#vars: #written),*| -> #ret_s {
                let parts = #get_parts;
                #call
            }
        }
    };
    let suffix = if nullable { "_opt" } else { "" };
    let lift = match form {
        Form::Ref | Form::Mut => {
            let helper = format_ident!(
                "lift_borrowed{}{}",
                if form == Form::Mut { "_mut" } else { "" },
                suffix
            );
            let body = closure(quote!(parts));
            quote!(#p::#helper::<_, _, #object>(#local, |parts| #body, |c| c))
        }
        Form::Boxed => {
            let helper = format_ident!("lift_kept{}", suffix);
            let body = closure(quote!(foreign.parts()));
            quote!(#p::#helper(#local, |foreign| ::std::boxed::Box::new(#body) as #holder))
        }
    };
    let (owned, mutable) = match form {
        Form::Ref => (false, false),
        Form::Mut => (false, true),
        Form::Boxed => (true, fn_mut),
    };
    let ownership = Ident::new(if owned { "Owned" } else { "Borrowed" }, Span::call_site());
    let describe = quote! {{
        #(#checks)*
        |reg: &mut ::interop_core::__private::Registry| #p::describe_callback(
            reg,
            &[#(#describes),*],
            #ret_describe,
            ::interop_core::model::CallbackOwnership::#ownership,
            #mutable,
            #nullable,
        )
    }};
    Ok(Custom {
        abi,
        lift,
        describe,
    })
}
