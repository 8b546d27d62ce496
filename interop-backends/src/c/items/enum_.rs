//! A C-like enum: `typedef uint8_t Small;` and one `#define SMALL_A ((Small)1)` per variant.

use askama::Template;
use interop_core::model::{EnumDef, TypeDef};

use super::{Problem, docs, render};
use crate::c::scope::Scope;
use crate::c::types::enum_::{storage, variant_value};

#[derive(Template)]
#[template(path = "c/items/enum.h", escape = "none")]
struct EnumTemplate<'a> {
    docs: String,
    name: &'a str,
    storage: &'static str,
    variants: Vec<VariantView>,
}

struct VariantView {
    docs: String,
    name: String,
    value: String,
}

pub fn render_enum(
    t: &TypeDef,
    e: &EnumDef,
    scope: &Scope<'_>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let name = scope.type_name(&t.id)?;
    let before = problems.len();
    let storage = storage(e)
        .map_err(|why| problems.push(Problem::unsupported(&t.id, format!("the enum {why}"), None)))
        .ok();
    let mut variants = Vec::new();
    for v in &e.variants {
        match variant_value(e, v) {
            Ok(value) => variants.push(VariantView {
                docs: docs(&t.id, &v.docs, "", problems),
                name: scope.variant_name(t, &v.name),
                value,
            }),
            Err(why) => problems.push(Problem::unsupported(&t.id, why, None)),
        }
    }
    if problems.len() > before {
        return None;
    }
    let template = EnumTemplate {
        docs: docs(&t.id, &t.docs, "", problems),
        name,
        storage: storage?,
        variants,
    };
    render(&t.id, &template, problems)
}
