//! `#[ffi]` on structs and enums.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Error, Fields, Generics, Ident, ItemEnum, ItemStruct, Result, Visibility};

use crate::args::{Args, Target};
use crate::util::{self, Errors, Position};

/// One entry of a `#[repr(...)]` list: `C`, `u8`, `packed`, `align(8)` …
struct ReprItem {
    word: String,
    span: Span,
}

/// Every `#[repr(...)]` of the item, flattened.
fn reprs(attrs: &[Attribute]) -> Result<Vec<ReprItem>> {
    let mut out = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        attr.parse_nested_meta(|meta| {
            let word = meta
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            if meta.input.peek(syn::token::Paren) {
                let content;
                syn::parenthesized!(content in meta.input);
                let arg: TokenStream = content.parse()?;
                out.push(ReprItem {
                    word: format!("{word}({arg})"),
                    span: meta.path.span(),
                });
            } else {
                out.push(ReprItem {
                    word,
                    span: meta.path.span(),
                });
            }
            Ok(())
        })?;
    }
    Ok(out)
}

fn reject_generics(generics: &Generics, what: &str) -> Result<()> {
    if generics.params.is_empty() && generics.where_clause.is_none() {
        return Ok(());
    }
    Err(Error::new_spanned(
        generics,
        format!(
            "generic {what}s cannot be #[ffi]: C needs one concrete layout; define a concrete {what} \
             (or a type alias to one) per instantiation"
        ),
    ))
}

/// The id of a named type: its Rust path, computed where the type is defined.
fn type_id(ident: &Ident) -> TokenStream {
    let name = ident.unraw().to_string();
    quote!(::core::concat!(::core::module_path!(), "::", #name))
}

/// What every named type registers, whatever its kind: names, module, docs and id.
struct TypeHeader {
    ident: Ident,
    rust_name: String,
    name: String,
    module: TokenStream,
    docs: TokenStream,
    id: TokenStream,
}

impl TypeHeader {
    fn new(args: &Args, ident: &Ident, attrs: &[syn::Attribute]) -> Self {
        let rust_name = ident.unraw().to_string();
        let name = args
            .name
            .as_ref()
            .map_or_else(|| rust_name.clone(), |n| n.value());
        TypeHeader {
            ident: ident.clone(),
            name,
            module: util::opt_str(args.module.as_ref().map(|m| m.value())),
            docs: util::docs(attrs),
            id: type_id(ident),
            rust_name,
        }
    }

    /// `reg.described(&TypeDesc { … })` with this header and the given layout and kind: the
    /// descriptor is static data, turned into the model by interop-core.
    fn define(&self, size: TokenStream, align: TokenStream, kind: TokenStream) -> TokenStream {
        let TypeHeader {
            rust_name,
            name,
            module,
            docs,
            id,
            ..
        } = self;
        quote! {
            static DESC: ::interop_core::__private::TypeDesc = ::interop_core::__private::TypeDesc {
                id: #id,
                name: #name,
                rust_name: #rust_name,
                module: #module,
                docs: #docs,
                size: #size,
                align: #align,
                kind: #kind,
            };
            reg.described(&DESC)
        }
    }

    /// `FfiPointee` for a by-value type: pointing to it describes the type itself.
    fn pointee_via_ffi_type(&self) -> TokenStream {
        let TypeHeader { ident, name, .. } = self;
        quote! {
            unsafe impl ::interop_core::FfiPointee for #ident {
                const BINDINGS_NAME: &'static str = #name;
                fn describe_pointee(
                    reg: &mut ::interop_core::__private::Registry,
                ) -> ::interop_core::model::TypeRef {
                    <Self as ::interop_core::FfiType>::describe(reg)
                }
            }
        }
    }

    /// The entry in the TYPES slice, so the type is exported even when no function uses it.
    fn registration(&self, describe: TokenStream) -> TokenStream {
        util::register(
            "TYPES",
            quote!(fn(&mut ::interop_core::__private::Registry) -> ::interop_core::model::TypeRef),
            describe,
        )
    }
}

pub fn expand_struct(args: Args, mut item: ItemStruct) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Struct));
    errors.push_result(reject_generics(&item.generics, "struct"));
    let reprs = errors.push_result(reprs(&item.attrs)).unwrap_or_default();

    let header = TypeHeader::new(&args, &item.ident, &item.attrs);
    let TypeHeader { ident, name, .. } = &header;
    let registry = quote!(::interop_core::__private::Registry);

    if args.opaque.is_some() {
        // Contents stay in Rust: no repr, no field checks, never by value.
        errors.finish()?;
        let registration =
            header.registration(quote!(<#ident as ::interop_core::FfiPointee>::describe_pointee));
        let opaque_def = header.define(
            quote!(0),
            quote!(1),
            quote!(::interop_core::__private::TypeKindDesc::Opaque),
        );
        return Ok(quote! {
            #item
            const _: () = {
                unsafe impl ::interop_core::FfiPointee for #ident {
                    const BINDINGS_NAME: &'static str = #name;
                    fn describe_pointee(reg: &mut #registry) -> ::interop_core::model::TypeRef {
                        #opaque_def
                    }
                }
                #registration
            };
        });
    }

    // Layout: the repr #[ffi] adds, and whether the user already wrote exactly that.
    let (wanted, layout, attr): (&[&str], TokenStream, TokenStream) = if args.packed.is_some() {
        (&["C", "packed"], quote!(Packed), quote!(#[repr(C, packed)]))
    } else if args.transparent.is_some() {
        (
            &["transparent"],
            quote!(Transparent),
            quote!(#[repr(transparent)]),
        )
    } else {
        (&["C"], quote!(C), quote!(#[repr(C)]))
    };
    let mut have_repr = false;
    for r in &reprs {
        if wanted.contains(&r.word.as_str()) {
            have_repr = true;
        } else {
            let hint = match r.word.as_str() {
                "packed" => "use #[ffi(packed)] instead",
                "transparent" => "use #[ffi(transparent)] instead",
                "C" => "#[ffi] already picks the repr for this layout; remove it",
                _ => "C bindings cannot reproduce it; remove it",
            };
            errors.push(Error::new(
                r.span,
                format!(
                    "#[repr({})] conflicts with the layout #[ffi] gives this struct ({}); {hint}",
                    r.word,
                    wanted.join(", ")
                ),
            ));
        }
    }

    let tuple = matches!(item.fields, Fields::Unnamed(_));
    if item.fields.is_empty() {
        errors.push(Error::new_spanned(
            &item.ident,
            "an #[ffi] struct needs at least one field (an empty struct has no C equivalent); \
             for a handle use #[ffi(opaque)]",
        ));
    }
    let mut fields = Vec::new();
    let self_type: syn::Type = syn::parse_quote!(#ident);
    let mut panic_fields = Vec::new(); // `member: <T as FfiType>::panic_value()`
    for (i, field) in item.fields.iter().enumerate() {
        if !matches!(field.vis, Visibility::Public(_)) {
            let span = match &field.ident {
                Some(id) => id.span(),
                None => field.ty.span(),
            };
            errors.push(Error::new(
                span,
                "fields of an #[ffi] struct must be `pub`: callers in every language read and write \
                 them; to hide the contents use #[ffi(opaque)]",
            ));
        }
        if let Err(e) = util::check_type(&field.ty, Position::Field) {
            errors.push(e);
            continue;
        }
        let (member, rust_field) = match &field.ident {
            Some(id) => (quote!(#id), id.unraw().to_string()),
            None => {
                let index = syn::Index::from(i);
                (quote!(#index), format!("_{i}"))
            }
        };
        // `Self` resolved: the descriptor is a static of its own, where `Self` is not in scope.
        let fty = util::for_describe(&field.ty, Some(&self_type));
        panic_fields.push(quote_spanned! {field.ty.span()=>
            #member: <#fty as ::interop_core::FfiType>::panic_value()
        });
        let describe = util::describe_path(&fty);
        let field_docs = util::docs(&field.attrs);
        fields.push(quote! {
            ::interop_core::__private::FieldDesc {
                name: #rust_field,
                ty: #describe,
                offset: ::core::mem::offset_of!(#ident, #member) as u64,
                docs: #field_docs,
            }
        });
    }
    errors.finish()?;

    if !have_repr {
        item.attrs.insert(0, syn::parse_quote!(#attr));
    }
    let registration = header.registration(quote!(<#ident as ::interop_core::FfiType>::describe));
    let pointee = header.pointee_via_ffi_type();
    let struct_def = header.define(
        quote!(::core::mem::size_of::<#ident>() as u64),
        quote!(::core::mem::align_of::<#ident>() as u64),
        quote!(::interop_core::__private::TypeKindDesc::Struct {
            layout: ::interop_core::model::StructLayout::#layout,
            tuple: #tuple,
            fields: &[#(#fields),*],
        }),
    );
    Ok(quote! {
        #item
        const _: () = {
            unsafe impl ::interop_core::FfiType for #ident {
                fn describe(reg: &mut #registry) -> ::interop_core::model::TypeRef {
                    #struct_def
                }
                #[inline]
                fn panic_value() -> Self {
                    #ident { #(#panic_fields),* }
                }
            }
            #pointee
            #registration
        };
    })
}

pub fn expand_enum(args: Args, mut item: ItemEnum) -> Result<TokenStream> {
    let mut errors = Errors::default();
    errors.push_result(args.check_target(Target::Enum));
    errors.push_result(reject_generics(&item.generics, "enum"));
    let reprs = errors.push_result(reprs(&item.attrs)).unwrap_or_default();

    let header = TypeHeader::new(&args, &item.ident, &item.attrs);
    let TypeHeader {
        ident, rust_name, ..
    } = &header;
    let registry = quote!(::interop_core::__private::Registry);

    // Storage: an explicit integer repr, or repr(C) (added when missing) recorded as i32.
    let mut storage: Option<(&str, Span)> = None;
    let mut has_repr_c = false;
    for r in &reprs {
        let prim = match r.word.as_str() {
            "u8" => Some("U8"),
            "u16" => Some("U16"),
            "u32" => Some("U32"),
            "u64" => Some("U64"),
            "usize" => Some("Usize"),
            "i8" => Some("I8"),
            "i16" => Some("I16"),
            "i32" => Some("I32"),
            "i64" => Some("I64"),
            "isize" => Some("Isize"),
            "C" => {
                has_repr_c = true;
                None
            }
            other => {
                errors.push(Error::new(
                    r.span,
                    format!(
                        "#[repr({other})] is not supported on an #[ffi] enum; use an integer repr \
                         (#[repr(u8)] …) or none (stored as a C int)"
                    ),
                ));
                None
            }
        };
        if let Some(p) = prim {
            if storage.is_some() {
                errors.push(Error::new(
                    r.span,
                    "an #[ffi] enum has a single integer repr",
                ));
            }
            storage = Some((p, r.span));
        }
    }
    if let (true, Some((_, span))) = (has_repr_c, storage) {
        errors.push(Error::new(
            span,
            "#[repr(C, <int>)] is not supported on an #[ffi] enum; keep only the integer repr",
        ));
    }
    if item.variants.is_empty() {
        errors.push(Error::new_spanned(
            &item.ident,
            "an #[ffi] enum needs at least one variant",
        ));
    }
    let mut variants = Vec::new();
    let mut variant_idents = Vec::new();
    for v in &item.variants {
        if !matches!(v.fields, Fields::Unit) {
            errors.push(Error::new_spanned(
                &v.fields,
                "only C-like enums can be #[ffi]: this variant carries data; use an #[ffi] struct \
                 with a tag enum, or an #[ffi(opaque)] type with accessor functions",
            ));
            continue;
        }
        let vident = &v.ident;
        variant_idents.push(vident.clone());
        let vname = vident.unraw().to_string();
        let vdocs = util::docs(&v.attrs);
        variants.push(quote! {
            ::interop_core::__private::VariantDesc {
                name: #vname,
                value: #ident::#vident as i128,
                docs: #vdocs,
            }
        });
    }
    errors.finish()?;

    let (prim, size_check) = match storage {
        Some((p, _)) => (Ident::new(p, Span::call_site()), quote!()),
        None => {
            if !has_repr_c {
                item.attrs.insert(0, syn::parse_quote!(#[repr(C)]));
            }
            let msg = format!("#[ffi] enum `{rust_name}` must be 4 bytes (a C int) on this target");
            (
                Ident::new("I32", Span::call_site()),
                quote!(::core::assert!(::core::mem::size_of::<#ident>() == 4, #msg);),
            )
        }
    };
    // The variant whose discriminant is 0, else the first declared one (decided at compile time).
    let first = &variant_idents[0];
    let panic_variant = quote! {
        const PANIC_VALUE: #ident = #(
            if #ident::#variant_idents as i128 == 0 { #ident::#variant_idents } else
        )* { #ident::#first };
        PANIC_VALUE
    };
    let registration = header.registration(quote!(<#ident as ::interop_core::FfiType>::describe));
    let pointee = header.pointee_via_ffi_type();
    let enum_def = header.define(
        quote!(::core::mem::size_of::<#ident>() as u64),
        quote!(::core::mem::align_of::<#ident>() as u64),
        quote!(::interop_core::__private::TypeKindDesc::Enum {
            storage: ::interop_core::model::Primitive::#prim,
            variants: &[#(#variants),*],
        }),
    );
    Ok(quote! {
        #item
        const _: () = {
            #size_check
            unsafe impl ::interop_core::FfiType for #ident {
                fn describe(reg: &mut #registry) -> ::interop_core::model::TypeRef {
                    #enum_def
                }
                #[inline]
                fn panic_value() -> Self {
                    #panic_variant
                }
            }
            #pointee
            impl ::interop_core::FfiConst for #ident {
                fn const_value(self) -> ::interop_core::model::ConstValue {
                    ::interop_core::model::ConstValue::Int(self as i128)
                }
            }
            #registration
        };
    })
}
