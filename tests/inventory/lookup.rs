//! Finding functions, types and constants in an inventory, and short forms of expected values.

use interop_core::model::{ConstValue, Inventory, Primitive, StructLayout, TypeDef, TypeKind};

pub(crate) fn function<'a>(inv: &'a Inventory, symbol: &str) -> &'a interop_core::model::Function {
    inv.functions
        .iter()
        .find(|f| f.symbol == symbol)
        .unwrap_or_else(|| panic!("function with symbol `{symbol}` missing"))
}

pub(crate) fn type_named<'a>(inv: &'a Inventory, rust_name: &str) -> &'a TypeDef {
    inv.types
        .iter()
        .find(|t| t.rust_name == rust_name)
        .unwrap_or_else(|| panic!("type `{rust_name}` missing"))
}

pub(crate) fn constant(inv: &Inventory, name: &str) -> ConstValue {
    inv.constants
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("constant `{name}` missing"))
        .value
}

pub(crate) fn variants(t: &TypeDef) -> (Primitive, Vec<(String, i128)>) {
    match &t.kind {
        TypeKind::Enum(e) => (
            e.storage,
            e.variants
                .iter()
                .map(|v| (v.name.clone(), v.value))
                .collect(),
        ),
        other => panic!("`{}` is not an enum: {other:?}", t.name),
    }
}

pub(crate) fn fields(t: &TypeDef) -> (StructLayout, bool, Vec<(String, u64)>) {
    match &t.kind {
        TypeKind::Struct(s) => (
            s.layout,
            s.tuple,
            s.fields
                .iter()
                .map(|f| (f.name.clone(), f.offset))
                .collect(),
        ),
        other => panic!("`{}` is not a struct: {other:?}", t.name),
    }
}

pub(crate) fn v(pairs: &[(&str, i128)]) -> Vec<(String, i128)> {
    pairs.iter().map(|(n, v)| (n.to_string(), *v)).collect()
}

pub(crate) fn f(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|(n, v)| (n.to_string(), *v)).collect()
}

pub(crate) fn has_symbol(inv: &Inventory, symbol: &str) -> bool {
    inv.functions.iter().any(|f| f.symbol == symbol)
}
