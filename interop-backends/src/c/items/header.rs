//! The header file: guard, includes, the error channel, then opaque types, enums, structs (in
//! dependency order, forward-declared where a pointer reaches one early), and constants and
//! functions in one section per module.

use std::collections::{BTreeMap, BTreeSet};

use askama::Template;
use interop_core::model::{Function, Inventory, TypeKind};

use super::buffers::render_buffers;
use super::callbacks::render_callbacks;
use super::constant::render_constant;
use super::data_enum::render_data_enum;
use super::enum_::render_enum;
use super::function::render_function;
use super::guard::render_guard;
use super::opaque::render_opaque;
use super::struct_::render_struct;
use super::tagged::Tagged;
use super::{Problem, render};
use crate::PackageInfo;
use crate::c::names;
use crate::c::scope::Scope;
use crate::c::types::record::is_packed;
use crate::c::types::{Cx, family};
use crate::common::closures::record_holds_closure;
use crate::common::plan::Plan;

/// The whole header.
#[derive(Template)]
#[template(path = "c/items/header.h", escape = "none")]
struct HeaderTemplate<'a> {
    file_name: &'a str,
    guard: String,
    package: &'a str,
    lib_name: &'a str,
    version: &'a str,
    needs_math: bool,
    /// `<string.h>`: a `_from` helper copies with `memcpy`.
    needs_string: bool,
    packed: bool,
    opaques: Vec<String>,
    enums: Vec<String>,
    /// `typedef struct X X;` for structs used before their definition.
    forward_decls: Vec<String>,
    /// The C names of the views and buffers, and their definitions.
    carrier_names: Vec<String>,
    carriers: Vec<String>,
    /// `interop_buffer_free` and the free helpers are needed.
    needs_free: bool,
    free_prototypes: Vec<String>,
    frees: Vec<String>,
    structs: Vec<String>,
    /// Callback structs and function pointer typedefs.
    callbacks: Vec<String>,
    /// The version guard and the layout assertions.
    version_guard: String,
    constants: Vec<Section<'a>>,
    functions: Vec<Section<'a>>,
}

/// Items of one module (`None`: items without a module).
struct Section<'a> {
    module: Option<&'a str>,
    items: Vec<String>,
}

/// What to render the header with.
pub struct HeaderInput<'a> {
    pub inventory: &'a Inventory,
    pub package: &'a PackageInfo,
    /// The file name (`conformance.h`): the comment at the top and the include guard.
    pub file_name: &'a str,
    /// `[c] prefix`, already checked to be a valid start of an identifier.
    pub prefix: &'a str,
}

/// Render the header, or every problem that stops it.
pub fn render_header(input: &HeaderInput<'_>) -> Result<String, Vec<Problem>> {
    let inv = input.inventory;
    let mut problems = Vec::new();
    let plan = Plan::new(inv).map_err(|e| vec![Problem::internal(&e.function, e.to_string())])?;
    let scope = Scope::new(inv, input.prefix, input.file_name, &mut problems);
    let cx = Cx { inv, scope: &scope };

    let mut opaques = Vec::new();
    let mut enums = Vec::new();
    if let Some(name) = scope.ordering_name() {
        enums.push(crate::c::types::primitive::ordering_typedef(name));
    }
    for t in &inv.types {
        match &t.kind {
            TypeKind::Opaque | TypeKind::Service => {
                opaques.extend(render_opaque(t, &scope, &mut problems))
            }
            TypeKind::Enum(e) => enums.extend(render_enum(t, e, &scope, &mut problems)),
            TypeKind::Struct(_) | TypeKind::Callback(_) | TypeKind::DataEnum(_) => {}
            _ => problems.push(Problem::unsupported(
                &t.id,
                "the type is of a kind the C backend does not know".into(),
                None,
            )),
        }
    }

    // Views and buffers come first (after forward declarations of the records they point to).
    let buffers = render_buffers(cx, &mut problems);

    // Structs in dependency order; a struct pointed to before (or while) it is defined is
    // forward-declared (`typedef struct Node Node;`) and then defined as `struct Node { … };`.
    let mut forward = forward_declared(cx, &plan);
    forward.extend(buffers.element_records.iter().map(String::as_str));
    let mut forward_decls = Vec::new();
    let mut structs = Vec::new();
    let mut holding_closures = Vec::new();
    // Options and results hold values: each is defined before the first record holding it.
    let mut tagged = Tagged::new(cx);
    structs.extend(tagged.status_macros());
    for t in &plan.types_in_dependency_order {
        if !matches!(t.kind, TypeKind::Struct(_) | TypeKind::DataEnum(_)) {
            continue;
        }
        structs.extend(tagged.before(t, &mut problems));
        let is_forward = forward.contains(t.id.as_str());
        if is_forward && let Some(name) = scope.type_name(&t.id) {
            forward_decls.push(name.to_string());
        }
        let rendered = match &t.kind {
            TypeKind::Struct(s) => render_struct(t, s, is_forward, cx, &mut problems),
            TypeKind::DataEnum(e) => render_data_enum(t, e, is_forward, cx, &mut problems),
            _ => None,
        };
        // A record holding closures comes after the callback structs (ADR 30); no callback
        // signature holds such a record, so nothing before them needs it.
        if matches!(t.kind, TypeKind::DataEnum(_)) && record_holds_closure(inv, &t.id) {
            problems.push(Problem::unsupported(
                &t.id,
                "an enum with data cannot hold a closure (ADR 30: structs only, as parameters)"
                    .into(),
                None,
            ));
        }
        if record_holds_closure(inv, &t.id) {
            holding_closures.extend(rendered);
        } else {
            structs.extend(rendered);
        }
    }

    let mut callbacks = render_callbacks(cx, &mut problems);
    callbacks.extend(holding_closures);
    structs.extend(tagged.rest(&mut problems));
    let (tagged_prototypes, tagged_frees) = tagged.frees(&mut problems);

    let mut needs_math = false;
    let mut constants = Vec::new();
    for (module, items) in &plan.modules {
        let mut rendered = Vec::new();
        for c in &items.constants {
            if let Some((text, math)) = render_constant(c, cx, &mut problems) {
                needs_math |= math;
                rendered.push(text);
            }
        }
        if !rendered.is_empty() {
            constants.push(Section {
                module: *module,
                items: rendered,
            });
        }
    }

    let mut functions = Vec::new();
    for (module, items) in functions_by_module(&plan) {
        let rendered: Vec<String> = items
            .iter()
            .filter_map(|f| render_function(f, cx, &mut problems))
            .collect();
        if !rendered.is_empty() {
            functions.push(Section {
                module,
                items: rendered,
            });
        }
    }

    let version_guard =
        render_guard(inv, &scope, input.file_name, &mut problems).unwrap_or_default();
    if !problems.is_empty() {
        return Err(problems);
    }
    let template = HeaderTemplate {
        file_name: input.file_name,
        guard: names::include_guard(input.file_name),
        package: &input.package.name,
        lib_name: &input.package.lib_name,
        version: &input.package.version,
        needs_math,
        needs_string: buffers.frees.iter().any(|f| f.contains("memcpy(")),
        packed: inv.types.iter().any(is_packed),
        opaques,
        enums,
        forward_decls,
        needs_free: buffers.needs_free() || !tagged_frees.is_empty(),
        carrier_names: buffers.names,
        carriers: buffers.definitions,
        free_prototypes: [buffers.free_prototypes, tagged_prototypes].concat(),
        frees: [buffers.frees, tagged_frees].concat(),
        structs,
        callbacks,
        version_guard,
        constants,
        functions,
    };
    render(input.file_name, &template, &mut problems).ok_or(problems)
}

/// Ids of the structs that a field reaches through a pointer before (or while) they are defined.
fn forward_declared<'a>(cx: Cx<'a>, plan: &Plan<'a>) -> BTreeSet<&'a str> {
    let mut defined = BTreeSet::new();
    let mut forward = BTreeSet::new();
    for t in &plan.types_in_dependency_order {
        let fields: Vec<&interop_core::model::Field> = match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().collect(),
            TypeKind::DataEnum(e) => e.variants.iter().flat_map(|v| &v.fields).collect(),
            _ => continue,
        };
        for f in fields {
            let mut behind = Vec::new();
            // A field C cannot spell is reported when its struct is rendered.
            if let Ok(fam) = family(cx, &f.ty) {
                fam.records_behind_pointer(false, &mut behind);
            }
            forward.extend(behind.into_iter().filter(|id| !defined.contains(id)));
        }
        defined.insert(t.id.as_str());
    }
    forward
}

/// Every function (methods too: C has no classes) by module, sorted by symbol in each.
fn functions_by_module<'a>(plan: &Plan<'a>) -> BTreeMap<Option<&'a str>, Vec<&'a Function>> {
    let mut out: BTreeMap<Option<&str>, Vec<&Function>> = BTreeMap::new();
    let free = plan.modules.values().flat_map(|m| m.functions.iter());
    let methods = plan.methods.values().flatten();
    for f in free.chain(methods) {
        out.entry(f.module.as_deref()).or_default().push(f);
    }
    for functions in out.values_mut() {
        functions.sort_by(|a, b| a.symbol.cmp(&b.symbol));
    }
    out
}
