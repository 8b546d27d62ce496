//! The `static inline` helpers that build owned values for a closure's `*ret` (ADR 54):
//! `String_from(ptr, len)`, `VecT_from(ptr, len)` for elements that own nothing, `VecT_alloc(len)`
//! for every vector, all on the library's `interop_buffer_alloc`. Emitted for the strings and
//! vectors a closure returns (at any depth of its return type), after their free helpers.

use std::collections::BTreeSet;

use interop_core::model::{TypeKind, TypeRef};

use super::Problem;
use crate::c::types::buffer::Carrier;
use crate::c::types::{Cx, Position, family};
use crate::common::closures::returns_in_slot;

/// The prototype of the library's allocation function, emitted before the first helper.
pub const ALLOC_PROTOTYPE: &str = "/**
 * Allocates `cap` zeroed elements of `elem_size` bytes aligned to `elem_align` with the library's
 * allocator: the memory of a buffer with cap > 0 that a closure hands to the library (NULL when
 * `cap` or `elem_size` is 0, on overflow and when the allocation fails). Prefer the `_from` and
 * `_alloc` helpers below.
 */
void *interop_buffer_alloc(size_t cap, size_t elem_size, size_t elem_align);";

/// The names of the owned carriers some closure of the header returns (in a slot or a `Result`).
pub fn returned_carriers(cx: Cx<'_>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (sig, _) in cx.scope.callbacks() {
        if sig.closure
            && (returns_in_slot(cx.inv, &sig.returns) || matches!(sig.returns, TypeRef::Result(_)))
        {
            walk(cx, &sig.returns, &mut out, 0);
        }
    }
    out
}

fn walk(cx: Cx<'_>, ty: &TypeRef, out: &mut BTreeSet<String>, depth: u32) {
    if depth > 64 {
        return;
    }
    match ty {
        TypeRef::String | TypeRef::Vec(_) => {
            if let Some(name) =
                Carrier::of(ty, Position::Field).and_then(|c| cx.scope.carrier_name(&c))
            {
                out.insert(name.to_string());
            }
            if let TypeRef::Vec(v) = ty {
                walk(cx, &v.element, out, depth + 1);
            }
        }
        TypeRef::Option(o) => walk(cx, &o.inner, out, depth + 1),
        TypeRef::Result(r) => {
            walk(cx, &r.ok, out, depth + 1);
            walk(cx, &r.err, out, depth + 1);
        }
        TypeRef::Array(a) => walk(cx, &a.element, out, depth + 1),
        TypeRef::Named { id } => {
            if let Some(TypeKind::Struct(s)) = cx.inv.type_def(id).map(|t| &t.kind) {
                for f in &s.fields {
                    walk(cx, &f.ty, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The helpers of the owned carrier `name` (a `String` or a vector).
pub fn render_alloc(
    cx: Cx<'_>,
    carrier: &Carrier,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    let Some(element) = carrier.element() else {
        return vec![from(name, "char", "bytes", 1, 1)];
    };
    let Ok(layout) = cx.inv.layout_of(element) else {
        return Vec::new();
    };
    let declared = family(cx, element).and_then(|f| f.declare(false, "", Position::Field));
    let element_name = match declared {
        Ok(d) => d,
        Err(e) => {
            problems.push(Problem::of_type(
                &format!("the helpers of `{name}`"),
                "the element",
                e,
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    if !cx.inv.owns_data(element).unwrap_or(true) {
        out.push(from(
            name,
            &element_name,
            "elements",
            layout.size,
            layout.align,
        ));
    }
    out.push(format!(
        "/**
 * A {name} of `len` zeroed elements allocated by the library, to fill (each element's own
 * buffers from their `_from` / `_alloc` helpers) before a closure writes it to `*ret` (the
 * library then owns it all). Empty when `len` is 0 or the allocation fails.
 */
static inline {name} {name}_alloc(size_t len) {{
    {name} value = {{NULL, 0, 0}};
    {element_name} *elements = ({element_name} *)interop_buffer_alloc(len, {size}, {align});
    if (elements == NULL) {{
        return value;
    }}
    value.ptr = elements;
    value.len = len;
    value.cap = len;
    return value;
}}",
        size = layout.size,
        align = layout.align,
    ));
    out
}

/// `<name>_from(ptr, len)`: a copy of `len` elements into the library's memory.
fn from(name: &str, element: &str, what: &str, size: u64, align: u64) -> String {
    let text = if what == "bytes" {
        "\n * The library checks the text is UTF-8 when it takes it."
    } else {
        ""
    };
    format!(
        "/**
 * A {name} holding a copy of the `len` {what} at `ptr`, allocated by the library: what a
 * closure writes to `*ret` (the library then owns it). Empty when `len` is 0, `ptr` is NULL
 * or the allocation fails.{text}
 */
static inline {name} {name}_from(const {element} *ptr, size_t len) {{
    {name} value = {{NULL, 0, 0}};
    {element} *copy;
    if (ptr == NULL || len == 0) {{
        return value;
    }}
    copy = ({element} *)interop_buffer_alloc(len, {size}, {align});
    if (copy == NULL) {{
        return value;
    }}
    memcpy(copy, ptr, len * sizeof *copy);
    value.ptr = copy;
    value.len = len;
    value.cap = len;
    return value;
}}"
    )
}
