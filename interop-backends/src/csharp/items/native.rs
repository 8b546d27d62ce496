//! The raw layer: `internal static unsafe class <Class>Native`, one blittable `[DllImport]` per
//! exported symbol with exactly the C ABI types, the stack blocks some calls pass, the panic check and
//! its helpers.

use std::collections::BTreeSet;

use askama::Template;
use interop_core::model::RESERVED_SYMBOLS;

use super::method::{build, raw_name};
use crate::BackendError;
use crate::csharp::names::{self, NATIVE_MEMBERS, Scope};
use crate::csharp::problems::{Problem, Problems};
use crate::csharp::templates::{ImportView, NativeTemplate};
use crate::csharp::types::call::{HIDDEN_RETURN, STACK_BLOCK, stack_block_type};
use crate::csharp::types::owned_record::owns_or_views;
use crate::csharp::types::{Cx, Helper, family};

/// Render the raw layer class. A function whose types have problems gets no import: its method reports
/// them.
pub fn render(
    cx: &Cx,
    sink: &mut Problems,
    package: &crate::PackageInfo,
) -> Result<String, BackendError> {
    let mut reserved: Vec<&str> = NATIVE_MEMBERS.to_vec();
    reserved.extend(RESERVED_SYMBOLS);
    let mut scope = Scope::class(&cx.s.native_class, &reserved);
    let mut imports = Vec::new();
    let mut stack_blocks = BTreeSet::new();
    let mut helpers = BTreeSet::new();
    for f in &cx.inv.functions {
        let item = f.rust_path.as_str();
        let name = raw_name(f);
        if RESERVED_SYMBOLS.contains(&f.symbol.as_str()) {
            sink.push(
                item,
                Problem::new(format!(
                    "the exported symbol `{}` is one interop-core defines itself",
                    f.symbol
                ))
                .fix("export it under another name with #[ffi(export = \"…\")]"),
            );
            continue;
        }
        if let Err(p) = scope.claim_method(
            &name,
            &format!("the raw import of `{}`", f.symbol),
            !f.params.is_empty(),
        ) {
            sink.push(
                item,
                p.fix("export it under another name with #[ffi(export = \"…\")]"),
            );
            continue;
        }
        if let Some(p) = f
            .params
            .iter()
            .find(|p| [HIDDEN_RETURN, STACK_BLOCK].contains(&names::escape(&p.name).as_str()))
        {
            sink.push(
                item,
                Problem::new(format!(
                    "the parameter `{}` has the name of a parameter the raw layer adds",
                    p.name
                ))
                .fix("rename the parameter"),
            );
            continue;
        }
        // The method reports the problems; an import is made of the same call.
        let Some(built) = build(cx, &mut Problems::default(), f, &name, f.owner.is_some())? else {
            continue;
        };
        if let Some(slots) = built.call.stack_slots {
            stack_blocks.insert(slots);
        }
        helpers.extend(built.call.conv.helpers.iter().copied());
        imports.push(ImportView {
            symbol: f.symbol.clone(),
            name,
            ret: built.call.raw_return,
            params: built.call.raw_params.join(", "),
        });
    }
    // The helpers of strings, slices, vectors and structs that own data, by name.
    let mut codecs = std::collections::BTreeMap::new();
    let mut buffers = false;
    for f in &cx.inv.functions {
        for ty in f.params.iter().map(|p| &p.ty).chain([&f.returns]) {
            if let Ok(fam) = family(cx, ty) {
                // A problem is reported by the function's method.
                let _ = fam.collect_codecs(cx, &mut codecs);
            }
        }
    }
    for t in &cx.inv.types {
        let data_enum = matches!(t.kind, interop_core::model::TypeKind::DataEnum(_));
        if (data_enum
            || matches!(t.kind, interop_core::model::TypeKind::Struct(_))
                && (owns_or_views(cx, t) || t.is_tuple()))
            && let Ok(fam) = family(cx, &interop_core::model::TypeRef::named(t.id.clone()))
        {
            let _ = fam.collect_codecs(cx, &mut codecs);
        }
    }
    for t in cx
        .inv
        .functions
        .iter()
        .flat_map(|f| f.params.iter().map(|p| &p.ty).chain([&f.returns]))
    {
        buffers |= matches!(
            cx.inv.shape_of(t),
            Ok(interop_core::abi::AbiShape::Str { .. }
                | interop_core::abi::AbiShape::CStr { .. }
                | interop_core::abi::AbiShape::Slice { .. }
                | interop_core::abi::AbiShape::Vec { .. })
        );
    }
    buffers |= cx.inv.types.iter().any(|t| {
        owns_or_views(cx, t) || matches!(t.kind, interop_core::model::TypeKind::DataEnum(_))
    }) || !codecs.is_empty();
    let codecs: Vec<String> = codecs.into_values().filter(|c| !c.is_empty()).collect();
    let stack_blocks: Vec<(String, u64)> = stack_blocks
        .into_iter()
        .map(|slots| (stack_block_type(slots), slots))
        .collect();
    for (block, _) in &stack_blocks {
        if let Err(p) = scope.claim(block, "a stack block type of the raw layer") {
            sink.push(
                "",
                p.fix("export the function under another name with #[ffi(export = \"…\")]"),
            );
        }
    }
    Ok(NativeTemplate {
        name: &cx.s.native_class,
        library: &cx.s.library,
        exception: &cx.s.exception,
        imports,
        stack_blocks,
        track_handles: cx.any_destructor(),
        utf8z: helpers.contains(&Helper::Utf8z),
        buffers,
        codecs,
        guard: super::guard::render(cx, &package.name, &package.version)?,
        callbacks: cx.callbacks,
        services: cx
            .inv
            .types
            .iter()
            .any(|t| matches!(t.kind, interop_core::model::TypeKind::Service)),
        class: &cx.s.class,
        idiomatic: cx.s.naming == crate::csharp::Naming::Idiomatic,
    }
    .render()?)
}
