//! Records holding closures (ADR 30): which types hand closures to Rust when passed by value.

use interop_core::model::{CallbackOwnership, Inventory, Primitive, TypeKind, TypeRef};

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

/// True when a closure returning `ty` writes it to a slot instead of returning it (ADR 54): `void
/// call(context, args…, R *ret)`. Every type that is not C-compatible (strings, vectors, options,
/// records owning data, tuples); C-compatible types (numbers, `bool`, enums, pointers, records,
/// data enums and arrays of those) and `()` come back by value, and a `Result` through its own
/// status and slots.
pub fn returns_in_slot(inv: &Inventory, ty: &TypeRef) -> bool {
    !matches!(ty, TypeRef::Result(_)) && !returns_by_value(inv, ty)
}

/// True when a closure returns `ty` by value: a C-compatible type, or `Ordering` (an `int32_t`
/// whose Rust memory is not its C form, so records holding one are not C-compatible; ADR 57).
pub fn returns_by_value(inv: &Inventory, ty: &TypeRef) -> bool {
    is_ordering(ty) || c_compatible(inv, ty, 0)
}

/// `core::cmp::Ordering`.
pub fn is_ordering(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Primitive {
            primitive: Primitive::Ordering
        }
    )
}

/// True when a value of `ty` is its own C form (what `FfiType::IDENTITY` says in Rust).
pub fn c_compatible(inv: &Inventory, ty: &TypeRef, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match ty {
        TypeRef::Primitive {
            primitive: Primitive::Ordering,
        } => false,
        TypeRef::Primitive { .. } | TypeRef::Pointer(_) | TypeRef::CStr | TypeRef::FnPointer(_) => {
            true
        }
        TypeRef::Array(a) => c_compatible(inv, &a.element, depth + 1),
        TypeRef::Named { id } => match inv.type_def(id) {
            Some(t) if t.is_tuple() => false, // a tuple crosses as a struct of its elements' forms
            Some(t) => match &t.kind {
                TypeKind::Enum(_) => true,
                TypeKind::Struct(s) => s.fields.iter().all(|f| c_compatible(inv, &f.ty, depth + 1)),
                // `#[repr(C, u8)]`: its own C form when every payload is (ADR 63).
                TypeKind::DataEnum(e) => e
                    .variants
                    .iter()
                    .flat_map(|v| &v.fields)
                    .all(|f| c_compatible(inv, &f.ty, depth + 1)),
                _ => false,
            },
            None => false,
        },
        _ => false,
    }
}
