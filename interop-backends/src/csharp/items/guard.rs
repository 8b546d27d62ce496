//! The version guard and the layout checks of the raw layer (ADR 0017): when the raw class is
//! initialized (before the first call returns), it compares the library's inventory hash with the
//! one the bindings were generated from, then the size and field offsets of every struct the raw
//! layer marshals with the layout the library measured. A mismatch throws, naming both sides.

use askama::Template;

use crate::BackendError;
use crate::csharp::types::{Cx, definition};
use interop_core::model::TypeKind;

#[derive(Template)]
#[template(path = "csharp/items/guard.cs", escape = "none")]
struct GuardTemplate<'a> {
    library: &'a str,
    crate_name: &'a str,
    crate_version: &'a str,
    hash: String,
    /// (C# type, size, field offsets in declaration order).
    checks: Vec<(String, u64, String)>,
}

/// The guard's members of the raw class.
pub fn render(cx: &Cx, crate_name: &str, crate_version: &str) -> Result<String, BackendError> {
    let mut checks = Vec::new();
    for t in &cx.inv.types {
        let TypeKind::Struct(s) = &t.kind else {
            continue;
        };
        // A type with problems is reported by its declaration.
        let Some(ty) = definition(cx, t).ok().and_then(|d| d.marshalled_type(cx)) else {
            continue;
        };
        let offsets: Vec<String> = s.fields.iter().map(|f| f.offset.to_string()).collect();
        checks.push((ty, t.size, offsets.join(", ")));
    }
    Ok(GuardTemplate {
        library: &cx.s.library,
        crate_name,
        crate_version,
        hash: cx.inv.hash(),
        checks,
    }
    .render()?)
}
