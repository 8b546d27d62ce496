//! A function declaration under its exported symbol: `uint64_t counter_get(const Counter *self);`,
//! one parameter per line when the line would be long, and a docs note for every parameter that must
//! not be NULL.

use std::collections::BTreeSet;

use askama::Template;
use interop_core::model::Function;

use super::{Problem, docs, render};
use crate::c::types::pointer::not_null_sentence;
use crate::c::types::{Cx, ParamDoc, Position, family};

/// Signatures longer than this are wrapped one parameter per line.
const MAX_LINE: usize = 100;

#[derive(Template)]
#[template(path = "c/items/function.h", escape = "none")]
struct FunctionTemplate {
    docs: String,
    /// Return type and symbol: `Counter *counter_new`.
    head: String,
    params: Vec<String>,
    /// One parameter per line, aligned after the parenthesis.
    wrap: bool,
    align: String,
}

pub fn render_function(f: &Function, cx: Cx<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    let item = f.rust_path.as_str();
    let before = problems.len();
    let ret = family(cx, &f.returns)
        .and_then(|fam| fam.declare(false, "", Position::Return))
        .map_err(|e| problems.push(Problem::of_type(item, "the return type", e)))
        .ok();
    let mut used = BTreeSet::new();
    let mut params = Vec::new();
    let mut not_null = Vec::new();
    for p in &f.params {
        let local = cx.scope.local(&p.name, &mut used);
        let part = if p.name == "self" {
            "the receiver".to_string()
        } else {
            format!("parameter `{}`", p.name)
        };
        let declared = family(cx, &p.ty).and_then(|fam| {
            if fam.param_doc() == Some(ParamDoc::NotNull) {
                not_null.push(format!("`{}`", p.name));
            }
            fam.declare(false, &local, Position::Param)
        });
        match declared {
            Ok(decl) => params.push(decl),
            Err(e) => problems.push(Problem::of_type(item, &part, e)),
        }
    }
    if problems.len() > before {
        return None;
    }
    let ret = ret?;
    let head = if ret.ends_with('*') {
        format!("{ret}{}", f.symbol)
    } else {
        format!("{ret} {}", f.symbol)
    };
    if params.is_empty() {
        params.push("void".to_string());
    }
    let one_line = head.len() + 2 + params.iter().map(|p| p.len() + 2).sum::<usize>();
    let mut lines = f.docs.clone();
    if !not_null.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(not_null_sentence(&not_null));
    }
    let template = FunctionTemplate {
        docs: docs(item, &lines, "", problems),
        align: " ".repeat(head.len() + 1),
        head,
        params,
        wrap: one_line > MAX_LINE,
    };
    render(item, &template, problems)
}
