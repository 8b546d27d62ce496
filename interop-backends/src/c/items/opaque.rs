//! An opaque type: `typedef struct Counter Counter;` (an incomplete type, used through pointers).

use askama::Template;
use interop_core::model::TypeDef;

use super::{Problem, docs, render};
use crate::c::scope::Scope;

#[derive(Template)]
#[template(path = "c/items/opaque.h", escape = "none")]
struct OpaqueTemplate<'a> {
    docs: String,
    name: &'a str,
}

pub fn render_opaque(
    t: &TypeDef,
    scope: &Scope<'_>,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let name = scope.type_name(&t.id)?;
    let template = OpaqueTemplate {
        docs: docs(&t.id, &t.docs, "", problems),
        name,
    };
    render(&t.id, &template, problems)
}
