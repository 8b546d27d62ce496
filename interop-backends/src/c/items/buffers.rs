//! The views and owned buffers of the header (`struct Str`, `struct VecPerson`, …) and the NULL-safe
//! `static inline` free helpers of owned buffers and of structs that own data (`VecPerson_free`,
//! `Person_free`), built on the library's one `interop_buffer_free`.

use askama::Template;
use interop_core::model::{StructDef, TypeDef, TypeKind, TypeRef};

use super::data_enum::render_data_enum_free;
use super::struct_::field_names;
use super::{Problem, docs, render};
use crate::c::types::buffer::Carrier;
use crate::c::types::pointer::star;
use crate::c::types::{Cx, Position, family};

#[derive(Template)]
#[template(path = "c/items/carrier.h", escape = "none")]
struct CarrierTemplate<'a> {
    docs: String,
    name: &'a str,
    /// `const char *ptr`, `Person *ptr`.
    ptr: String,
    owned: bool,
}

#[derive(Template)]
#[template(path = "c/items/free.h", escape = "none")]
struct FreeTemplate<'a> {
    docs: String,
    name: String,
    type_name: &'a str,
    buffer: Option<BufferFree>,
    /// `(free helper, field)` for each field that owns data.
    fields: Vec<(String, String)>,
}

struct BufferFree {
    element_free: Option<String>,
    size: u64,
    align: u64,
}

/// What the header needs for strings, slices and vectors.
#[derive(Default)]
pub struct Rendered {
    /// The C names of every view and buffer struct (forward-declared as typedefs).
    pub names: Vec<String>,
    /// Their definitions.
    pub definitions: Vec<String>,
    /// The prototypes of the free helpers.
    pub free_prototypes: Vec<String>,
    /// The free helpers.
    pub frees: Vec<String>,
    /// Ids of the records the views and buffers point to (forward-declared before them).
    pub element_records: Vec<String>,
}

impl Rendered {
    /// True when the header defines owned buffers or structs that own data (and so declares
    /// `interop_buffer_free`).
    pub fn needs_free(&self) -> bool {
        !self.frees.is_empty()
    }
}

pub fn render_buffers(cx: Cx<'_>, problems: &mut Vec<Problem>) -> Rendered {
    let mut out = Rendered::default();
    let returned = super::alloc::returned_carriers(cx);
    if !returned.is_empty() {
        out.frees.push(super::alloc::ALLOC_PROTOTYPE.to_string());
    }
    for (carrier, name) in cx.scope.carriers() {
        out.names.push(name.to_string());
        if carrier.tagged() {
            // Options and results hold values: defined among the structs (`super::tagged`).
            continue;
        }
        let item = format!("the struct `{name}`");
        let ptr = match carrier.element() {
            None => {
                let base = if carrier.writable() {
                    "char"
                } else {
                    "const char"
                };
                format!("{base} *ptr")
            }
            Some(element) => {
                let declared = family(cx, element).and_then(|fam| {
                    let mut behind = Vec::new();
                    fam.records_behind_pointer(true, &mut behind);
                    out.element_records
                        .extend(behind.into_iter().map(str::to_string));
                    let declarator = star(false, "ptr", fam.binds_tighter_than_pointer());
                    fam.declare(!carrier.writable(), &declarator, Position::Field)
                });
                match declared {
                    Ok(d) => d,
                    Err(e) => {
                        problems.push(Problem::of_type(&item, "the element", e));
                        continue;
                    }
                }
            }
        };
        let template = CarrierTemplate {
            docs: docs(&item, &carrier_docs(carrier, name), "", problems),
            name,
            ptr,
            owned: carrier.owned(),
        };
        out.definitions.extend(render(&item, &template, problems));
        if carrier.owned() {
            let element_free = match carrier.element() {
                Some(e) => free_of(cx, e),
                None => None,
            };
            let layout = match carrier.element() {
                Some(e) => cx.inv.layout_of(e),
                None => Ok(interop_core::model::Layout { size: 1, align: 1 }),
            };
            let Ok(layout) = layout else {
                problems.push(Problem::internal(&item, "the element has no layout".into()));
                continue;
            };
            let free = FreeTemplate {
                docs: docs(&item, &[free_doc(name)], "", problems),
                name: format!("{name}_free"),
                type_name: name,
                buffer: Some(BufferFree {
                    element_free,
                    size: layout.size,
                    align: layout.align,
                }),
                fields: Vec::new(),
            };
            out.free_prototypes.push(prototype(name));
            out.frees.extend(render(&item, &free, problems));
            if returned.contains(name) {
                out.frees
                    .extend(super::alloc::render_alloc(cx, carrier, name, problems));
            }
        }
    }
    for id in cx.scope.owning_records() {
        let Some(def) = cx.inv.type_def(id) else {
            continue;
        };
        let rendered = match &def.kind {
            TypeKind::Struct(s) => render_record_free(cx, def, s, problems),
            TypeKind::DataEnum(e) => {
                let doc = cx.scope.type_name(id).map(free_doc).unwrap_or_default();
                render_data_enum_free(def, e, cx, |ty| free_of(cx, ty), doc, problems)
            }
            _ => continue,
        };
        out.frees.extend(rendered);
        if let Some(name) = cx.scope.type_name(id) {
            out.free_prototypes.push(prototype(name));
        }
    }
    out.element_records.sort();
    out.element_records.dedup();
    out
}

fn render_record_free(
    cx: Cx<'_>,
    def: &TypeDef,
    s: &StructDef,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let name = cx.scope.type_name(&def.id)?;
    if crate::c::types::record::is_packed(def) {
        problems.push(Problem::unsupported(
            &def.id,
            "a packed struct that owns data (a `String` or `Vec<T>` field) cannot be freed from C \
             without unaligned pointers"
                .into(),
            Some("drop `#[ffi(packed)]` from this struct".into()),
        ));
        return None;
    }
    let fields = field_names(s, cx.scope)
        .into_iter()
        .zip(&s.fields)
        .filter_map(|(field, f)| free_of(cx, &f.ty).map(|free| (free, field)))
        .collect();
    let template = FreeTemplate {
        docs: docs(&def.id, &[free_doc(name)], "", problems),
        name: format!("{name}_free"),
        type_name: name,
        buffer: None,
        fields,
    };
    render(&def.id, &template, problems)
}

/// The free helper of a value of `ty` inside data (`None` when it owns nothing).
fn free_of(cx: Cx<'_>, ty: &TypeRef) -> Option<String> {
    if !cx.inv.owns_data(ty).unwrap_or(false) {
        return None;
    }
    match ty {
        TypeRef::Named { id } => cx.scope.type_name(id).map(|n| format!("{n}_free")),
        other => Carrier::of(other, Position::Field)
            .and_then(|c| cx.scope.carrier_name(&c).map(|n| format!("{n}_free"))),
    }
}

fn prototype(type_name: &str) -> String {
    format!("static inline void {type_name}_free({type_name} *value);")
}

fn free_doc(name: &str) -> String {
    format!(
        "Frees what a returned {name} owns and empties it (NULL and emptied values are ignored)."
    )
}

fn carrier_docs(carrier: &Carrier, name: &str) -> Vec<String> {
    let lines: &[&str] = match carrier {
        Carrier::Str => &[
            "UTF-8 text borrowed for the duration of a call: `len` bytes at `ptr`, not",
            "NUL-terminated (`ptr` may be NULL when `len` is 0). Invalid UTF-8 is reported",
            "through the error channel.",
        ],
        Carrier::String => &[
            "UTF-8 text owned by its receiver: `len` bytes at `ptr` (not NUL-terminated), `cap`",
            "allocated. Free one the library returned with the free helper below. In an argument",
            "the library copies the text and ignores `cap`.",
        ],
        Carrier::Slice { mutable: false, .. } => &[
            "`len` elements at `ptr`, borrowed for the duration of a call (`ptr` may be NULL when",
            "`len` is 0, and must be aligned for the elements).",
        ],
        Carrier::Slice { mutable: true, .. } => &[
            "`len` elements at `ptr` the library may write during a call (`ptr` may be NULL when",
            "`len` is 0, and must be aligned for the elements).",
        ],
        Carrier::Vec { .. } => &[
            "`len` elements at `ptr`, owned by the receiver, `cap` allocated. Free one the library",
            "returned with the free helper below (it frees the elements' own data first). In an",
            "argument the library copies the elements and ignores `cap`.",
        ],
        Carrier::Option { .. } | Carrier::Result { .. } => &[],
    };
    let _ = name;
    lines.iter().map(|l| l.to_string()).collect()
}
