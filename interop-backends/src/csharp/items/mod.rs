//! Item renderers: the file, the types' declarations, methods, static classes, constants, the
//! exception and the raw layer. They consume what the families answer (`super::types`) and never look
//! at what a model type is.
//!
//! Generation and checking are one pass: a problem is recorded with its item's Rust path and the
//! renderers go on, so [`check`] reports every problem and [`generate`] fails with all of them.

use askama::Template;
use interop_core::model::Inventory;

use super::names::{Scope, bare};
use super::problems::{Problem, Problems};
use super::settings::Settings;
use super::templates::{ExceptionTemplate, FileTemplate};
use super::types::{self, Cx};
use crate::common::plan::Plan;
use crate::{BackendError, PackageInfo};

mod callback_data_returns;
pub mod callback_returns;
pub mod callbacks;
pub mod class;
pub mod constant;
pub mod enum_;
pub mod guard;
pub mod handle;
pub mod method;
pub mod native;
pub mod record;
pub mod returned_closure;
pub mod service;

/// Indentation of a type declaration (inside the namespace).
pub const IND_TYPE: &str = "    ";
/// Indentation of a member (inside a type).
pub const IND_MEMBER: &str = "        ";

/// The fix for a top-level name shared by two items, or by an item and a configured name.
const NAMESPACE_FIX: &str =
    "rename one of them with #[ffi(name = \"…\")], or change `class` / `exception` in [csharp]";

/// Generate the `.cs` file; fails with every problem found.
pub fn generate(
    inv: &Inventory,
    package: &PackageInfo,
    settings: &Settings,
) -> Result<String, BackendError> {
    let mut sink = Problems::default();
    let text = render_file(inv, package, settings, &mut sink)?;
    if !sink.is_empty() {
        return Err(sink.into_error());
    }
    Ok(text)
}

/// Every problem generating the file would meet.
pub fn check(
    inv: &Inventory,
    package: &PackageInfo,
    settings: &Settings,
) -> Result<Problems, BackendError> {
    let mut sink = Problems::default();
    render_file(inv, package, settings, &mut sink)?;
    Ok(sink)
}

fn render_file(
    inv: &Inventory,
    package: &PackageInfo,
    settings: &Settings,
    sink: &mut Problems,
) -> Result<String, BackendError> {
    inv.validate()
        .map_err(|e| BackendError::Other(format!("invalid inventory: {e}")))?;
    let plan = Plan::new(inv).map_err(|e| BackendError::Other(e.to_string()))?;
    let cx = Cx::new(inv, settings);
    top_level_names(&cx, &plan, sink);

    let mut blocks = Vec::new();
    for t in &inv.types {
        let methods = plan.methods_of(&t.id);
        match types::definition(&cx, t) {
            Ok(d) => blocks.extend(d.render(&cx, sink, methods)?),
            Err(p) => sink.push(&t.id, p),
        }
    }
    blocks.extend(public_declarations(&cx).into_values());
    for (module, items) in &plan.modules {
        if module.is_some() && items.functions.is_empty() && items.constants.is_empty() {
            continue;
        }
        blocks.push(class::module(
            &cx,
            sink,
            *module,
            &items.functions,
            &items.constants,
        )?);
    }
    blocks.push(
        ExceptionTemplate {
            access: settings.access,
            name: &settings.exception,
            library: &settings.library,
        }
        .render()?,
    );
    blocks.push(native::render(&cx, sink, package)?);

    let mut text = FileTemplate {
        crate_name: &package.name,
        crate_version: &package.version,
        namespace: &settings.namespace,
        blocks,
        callbacks: cx.callbacks,
    }
    .render()?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

/// The namespace-level declarations the functions' types need (delegates of function pointers, the
/// classes of returned closures), by name. A problem is reported by the function's method.
fn public_declarations(cx: &Cx) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    for f in &cx.inv.functions {
        let types = f.params.iter().map(|p| (&p.ty, false));
        for (ty, returned) in types.chain([(&f.returns, true)]) {
            if let Ok(fam) = types::family(cx, ty) {
                let _ = fam.collect_public(cx, returned, &mut out);
            }
        }
    }
    out
}

/// The name of the static class of module `module`.
pub fn module_class(cx: &Cx, module: &str) -> String {
    let cleaned: String = module
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    super::names::pascal(&cleaned, cx.s.naming)
}

/// Every name of the namespace is unique: the configured classes, the types and their companion
/// classes, the module classes.
fn top_level_names(cx: &Cx, plan: &Plan, sink: &mut Problems) {
    let s = cx.s;
    let mut ns = Scope::namespace(&s.namespace);
    let mut claim = |sink: &mut Problems, name: &str, what: &str, item: &str| {
        if let Err(p) = ns.claim(name, what) {
            sink.push(
                item,
                Problem {
                    fix: Some(NAMESPACE_FIX.into()),
                    ..p
                },
            );
        }
    };
    claim(sink, &s.class, "the main class (`class` in [csharp])", "");
    claim(sink, &s.native_class, "the raw layer class", "");
    claim(
        sink,
        &s.exception,
        "the exception (`exception` in [csharp])",
        "",
    );
    for t in &cx.inv.types {
        if let Ok(d) = types::definition(cx, t) {
            for (name, what) in d.top_level_names(cx, plan.methods_of(&t.id)) {
                claim(sink, bare(&name), &what, &t.id);
            }
        }
    }
    for name in public_declarations(cx).keys() {
        claim(sink, name, "a generated delegate or closure class", "");
    }
    for (module, items) in &plan.modules {
        let Some(module) = module else { continue };
        let first = items
            .functions
            .first()
            .map(|f| f.rust_path.as_str())
            .or_else(|| items.constants.first().map(|c| c.rust_path.as_str()));
        if let Some(item) = first {
            claim(
                sink,
                &module_class(cx, module),
                &format!("the class of module `{module}`"),
                item,
            );
        }
    }
}
