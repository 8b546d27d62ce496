//! A data enum: a tag typedef with one macro per variant, one struct per variant with fields, and
//! `typedef struct Shape { ShapeTag tag; union { ShapeCircle circle; … } body; } Shape;` (the RFC 2195
//! layout, see docs/abi.md), plus a NULL-safe `Shape_free` when a variant owns data.

use std::collections::BTreeSet;

use askama::Template;
use heck::ToSnakeCase;
use interop_core::model::{DataEnumDef, DataVariant, TypeDef};

use super::{Problem, docs, render};
use crate::c::scope::Scope;
use crate::c::types::{Cx, Position, family, primitive};

#[derive(Template)]
#[template(path = "c/items/data_enum.h", escape = "none")]
struct DataEnumTemplate<'a> {
    docs: String,
    name: &'a str,
    tag: String,
    tag_storage: &'static str,
    first_macro: String,
    forward_declared: bool,
    has_bodies: bool,
    variants: Vec<VariantView>,
}

struct VariantView {
    docs: String,
    rust_name: String,
    macro_name: String,
    value: String,
    body: Option<BodyView>,
}

struct BodyView {
    name: String,
    /// The union member: the variant in snake case (`circle`).
    member: String,
    fields: Vec<FieldView>,
}

struct FieldView {
    docs: String,
    decl: String,
}

#[derive(Template)]
#[template(path = "c/items/data_enum_free.h", escape = "none")]
struct FreeTemplate<'a> {
    docs: String,
    name: &'a str,
    /// Per variant owning data: its macro and `(free helper, member.field)` per owning field.
    variants: Vec<(String, Vec<(String, String)>)>,
}

/// The C name of each field of a variant (`_0`, `_1` … for tuple variants).
fn field_names(v: &DataVariant, scope: &Scope<'_>) -> Vec<String> {
    let mut used = BTreeSet::new();
    v.fields
        .iter()
        .map(|f| scope.local(&f.name, &mut used))
        .collect()
}

/// The union member of each variant with fields (snake case, escaped, unique).
fn members(e: &DataEnumDef, scope: &Scope<'_>) -> Vec<String> {
    let mut used = BTreeSet::new();
    e.variants
        .iter()
        .map(|v| scope.local(&v.name.to_snake_case(), &mut used))
        .collect()
}

pub fn render_data_enum(
    t: &TypeDef,
    e: &DataEnumDef,
    forward_declared: bool,
    cx: Cx<'_>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let item = t.id.as_str();
    let name = cx.scope.type_name(item)?;
    let before = problems.len();
    let Some(tag_storage) = primitive::spelling(e.tag).filter(|_| e.tag.is_integer()) else {
        problems.push(Problem::internal(item, "the tag is not an integer".into()));
        return None;
    };
    let mut variants = Vec::new();
    for (v, member) in e.variants.iter().zip(members(e, cx.scope)) {
        // Tags are variant indexes: small decimal numbers (the macro's cast types them).
        let value = v.value.to_string();
        let body = if v.fields.is_empty() {
            None
        } else {
            let mut fields = Vec::new();
            for (f, local) in v.fields.iter().zip(field_names(v, cx.scope)) {
                let part = format!("field `{}.{}`", v.rust_name, f.rust_name);
                match family(cx, &f.ty).and_then(|fam| fam.declare(false, &local, Position::Field))
                {
                    Ok(decl) => fields.push(FieldView {
                        docs: docs(item, &f.docs, "    ", problems),
                        decl,
                    }),
                    Err(e) => problems.push(Problem::of_type(item, &part, e)),
                }
            }
            Some(BodyView {
                name: Scope::body_name(name, &v.name),
                member,
                fields,
            })
        };
        variants.push(VariantView {
            docs: docs(item, &v.docs, "", problems),
            rust_name: v.rust_name.clone(),
            macro_name: cx.scope.variant_name(t, &v.name),
            value,
            body,
        });
    }
    if problems.len() > before {
        return None;
    }
    let template = DataEnumTemplate {
        docs: docs(item, &t.docs, "", problems),
        name,
        tag: Scope::tag_name(name),
        tag_storage,
        first_macro: variants
            .first()
            .map(|v| v.macro_name.clone())
            .unwrap_or_default(),
        forward_declared,
        has_bodies: variants.iter().any(|v| v.body.is_some()),
        variants,
    };
    render(item, &template, problems)
}

/// `Shape_free`: frees the owning fields of the variant the tag names (each field's helper empties
/// it, so a second call does nothing).
pub fn render_data_enum_free(
    t: &TypeDef,
    e: &DataEnumDef,
    cx: Cx<'_>,
    free_of: impl Fn(&interop_core::model::TypeRef) -> Option<String>,
    free_doc: String,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let name = cx.scope.type_name(&t.id)?;
    let mut variants = Vec::new();
    for (v, member) in e.variants.iter().zip(members(e, cx.scope)) {
        let frees: Vec<(String, String)> = field_names(v, cx.scope)
            .into_iter()
            .zip(&v.fields)
            .filter_map(|(field, f)| free_of(&f.ty).map(|free| (free, format!("{member}.{field}"))))
            .collect();
        if !frees.is_empty() {
            variants.push((cx.scope.variant_name(t, &v.name), frees));
        }
    }
    let template = FreeTemplate {
        docs: docs(&t.id, &[free_doc], "", problems),
        name,
        variants,
    };
    render(&t.id, &template, problems)
}
