//! Records holding closures (ADR 30): which types hand closures to Rust when passed by value.

use interop_core::model::{CallbackOwnership, Inventory, TypeKind, TypeRef};

/// True when a value of `ty` holds a kept closure: a `Box<dyn Fn>` field, an option of one, or a
/// record (data enum) with such a field, at any depth of fields held by value.
pub fn holds_closure(inv: &Inventory, ty: &TypeRef) -> bool {
    holds(inv, ty, 0)
}

/// True when the named type `id` is a record (data enum) holding a kept closure.
pub fn record_holds_closure(inv: &Inventory, id: &str) -> bool {
    named(inv, id, 0)
}

/// Records nest a bounded number of times; the depth guards against a malformed inventory.
const MAX_DEPTH: u32 = 64;

fn holds(inv: &Inventory, ty: &TypeRef, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match ty {
        TypeRef::Callback(c) => c.ownership == CallbackOwnership::Owned,
        TypeRef::Named { id } => named(inv, id, depth + 1),
        TypeRef::Option(o) => holds(inv, &o.inner, depth + 1),
        TypeRef::Array(a) => holds(inv, &a.element, depth + 1),
        _ => false,
    }
}

fn named(inv: &Inventory, id: &str, depth: u32) -> bool {
    match inv.type_def(id).map(|t| &t.kind) {
        Some(TypeKind::Struct(s)) => s.fields.iter().any(|f| holds(inv, &f.ty, depth)),
        Some(TypeKind::DataEnum(e)) => e
            .variants
            .iter()
            .any(|v| v.fields.iter().any(|f| holds(inv, &f.ty, depth))),
        _ => false,
    }
}
