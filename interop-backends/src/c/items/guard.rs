//! The version guard and the layout checks of the header (ADR 0017): the hash of the inventory the
//! header was generated from, `<stem>_library_matches()` comparing it with the loaded library's, and
//! a compile-time assertion for the size of every enum and struct and the offset of every field.

use askama::Template;
use interop_core::model::{Inventory, TypeKind};

use super::struct_::field_names;
use super::{Problem, render};
use crate::c::names;
use crate::c::scope::Scope;

#[derive(Template)]
#[template(path = "c/items/guard.h", escape = "none")]
struct GuardTemplate<'a> {
    file_name: &'a str,
    hash_macro: String,
    hash: String,
    function: String,
    assert_macro: String,
    asserts: Vec<String>,
}

/// The names the guard defines at file scope, for a header called `file_name`:
/// (`CONFORMANCE_INVENTORY_HASH`, `conformance_library_matches`, `CONFORMANCE_LAYOUT_ASSERT`).
pub fn guard_names(file_name: &str) -> (String, String, String) {
    let guard = names::include_guard(file_name);
    let stem = guard.strip_suffix("_H").unwrap_or(&guard).to_string();
    (
        format!("{stem}_INVENTORY_HASH"),
        format!("{}_library_matches", stem.to_ascii_lowercase()),
        format!("{stem}_LAYOUT_ASSERT"),
    )
}

/// The guard section of the header.
pub fn render_guard(
    inv: &Inventory,
    scope: &Scope<'_>,
    file_name: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let (hash_macro, function, assert_macro) = guard_names(file_name);
    let stem = function.trim_end_matches("_library_matches");
    let mut asserts = Vec::new();
    let mut check = |cond: String, what: String| {
        let label = format!("{stem}_layout_{}", asserts.len());
        asserts.push(format!("{assert_macro}({cond}, {label}); /* {what} */"));
    };
    for t in &inv.types {
        let Some(name) = scope.type_name(&t.id) else {
            continue;
        };
        match &t.kind {
            TypeKind::Enum(_) => check(
                format!("sizeof({name}) == {}", t.size),
                format!("sizeof({name})"),
            ),
            TypeKind::Struct(s) if !s.fields.is_empty() => {
                check(
                    format!("sizeof({name}) == {}", t.size),
                    format!("sizeof({name})"),
                );
                for (f, c_name) in s.fields.iter().zip(field_names(s, scope)) {
                    check(
                        format!("offsetof({name}, {c_name}) == {}", f.offset),
                        format!("offset of {name}.{c_name}"),
                    );
                }
            }
            _ => {}
        }
    }
    let template = GuardTemplate {
        file_name,
        hash_macro,
        hash: inv.hash(),
        function,
        assert_macro,
        asserts,
    };
    render("", &template, problems)
}
