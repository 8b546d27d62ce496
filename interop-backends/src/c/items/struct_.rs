//! A struct: `typedef struct Vec2f32 { float x; … } Vec2f32;`, packed ones with `INTEROP_PACKED` and
//! MSVC's `#pragma pack`; a forward-declared one defines only its tag (`struct Node { … };`).

use std::collections::BTreeSet;

use askama::Template;
use interop_core::model::{StructDef, TypeDef};

use super::{Problem, docs, render};
use crate::c::scope::Scope;
use crate::c::types::record::is_packed;
use crate::c::types::{Cx, Position, family};

#[derive(Template)]
#[template(path = "c/items/struct.h", escape = "none")]
struct StructTemplate<'a> {
    docs: String,
    name: &'a str,
    packed: bool,
    /// Already declared as `typedef struct X X;`: define only the struct tag.
    forward_declared: bool,
    fields: Vec<FieldView>,
}

struct FieldView {
    docs: String,
    /// `float m[3][3]`
    decl: String,
}

/// The C name of each field of `s` (`_0`, `_1` … for tuple structs), escaped as the struct declares
/// them.
pub fn field_names(s: &StructDef, scope: &Scope<'_>) -> Vec<String> {
    let mut used = BTreeSet::new();
    s.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let raw = if s.tuple {
                format!("_{i}")
            } else {
                f.name.clone()
            };
            scope.local(&raw, &mut used)
        })
        .collect()
}

pub fn render_struct(
    t: &TypeDef,
    s: &StructDef,
    forward_declared: bool,
    cx: Cx<'_>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let item = t.id.as_str();
    let name = cx.scope.type_name(item)?;
    if s.fields.is_empty() {
        problems.push(Problem::unsupported(
            item,
            "the struct has no fields; C has no empty structs".into(),
            Some("make it an #[ffi(opaque)] type, or give it a field".into()),
        ));
        return None;
    }
    let before = problems.len();
    let mut fields = Vec::new();
    for (f, local) in s.fields.iter().zip(field_names(s, cx.scope)) {
        let part = format!("field `{}`", f.rust_name);
        let decl = family(cx, &f.ty).and_then(|fam| fam.declare(false, &local, Position::Field));
        match decl {
            Ok(decl) => fields.push(FieldView {
                docs: docs(item, &f.docs, "    ", problems),
                decl,
            }),
            Err(e) => problems.push(Problem::of_type(item, &part, e)),
        }
    }
    if problems.len() > before {
        return None;
    }
    let template = StructTemplate {
        docs: docs(item, &t.docs, "", problems),
        name,
        packed: is_packed(t),
        forward_declared,
        fields,
    };
    render(item, &template, problems)
}
