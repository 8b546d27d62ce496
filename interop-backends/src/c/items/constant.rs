//! A constant: `#define MAX_PLAYERS UINT32_C(16)`, a literal of the exact type (usable in `#if`).

use askama::Template;
use interop_core::model::Constant;

use super::{Problem, docs, render};
use crate::c::types::{Cx, family};

#[derive(Template)]
#[template(path = "c/items/constant.h", escape = "none")]
struct ConstantTemplate {
    docs: String,
    name: String,
    value: String,
}

/// The constant's `#define`, and whether its literal needs `<math.h>`.
pub fn render_constant(
    c: &Constant,
    cx: Cx<'_>,
    problems: &mut Vec<Problem>,
) -> Option<(String, bool)> {
    let item = c.rust_path.as_str();
    let family = family(cx, &c.ty)
        .map_err(|e| problems.push(Problem::of_type(item, "the type", e)))
        .ok()?;
    let Some(literal) = family.literal(c.value) else {
        problems.push(Problem::unsupported(
            item,
            format!(
                "the constant has a value ({}) that does not match its type `{}`",
                c.value,
                cx.inv.rust_spelling(&c.ty)
            ),
            None,
        ));
        return None;
    };
    let template = ConstantTemplate {
        docs: docs(item, &c.docs, "", problems),
        name: cx.scope.constant_name(c),
        value: literal.text,
    };
    Some((render(item, &template, problems)?, literal.needs_math))
}
