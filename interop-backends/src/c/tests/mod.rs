//! Unit tests of the header renderer on hand-built inventories. The end-to-end tests (tests/c) compile
//! and run the real conformance fixture's header.

use interop_core::model::*;

use super::*;
use crate::PackageInfo;

mod check;
mod header;

pub(super) fn prim(p: Primitive) -> TypeRef {
    TypeRef::primitive(p)
}

pub(super) fn field(name: &str, ty: TypeRef, offset: u64) -> Field {
    Field::new(name, ty, offset)
}

/// A named type `fx::<id>` of `kind` (size 0, alignment 1: the header does not look at them).
pub(super) fn named_type(id: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        id: format!("fx::{id}"),
        name: id.into(),
        rust_name: id.into(),
        module: None,
        docs: vec![],
        size: 0,
        align: 1,
        kind,
    }
}

pub(super) fn structure(
    id: &str,
    layout: StructLayout,
    tuple: bool,
    fields: Vec<Field>,
) -> TypeDef {
    named_type(
        id,
        TypeKind::Struct(StructDef {
            layout,
            tuple,
            fields,
        }),
    )
}

pub(super) fn opaque(id: &str) -> TypeDef {
    named_type(id, TypeKind::Opaque)
}

pub(super) fn enumeration(id: &str, storage: Primitive, variants: &[(&str, i128)]) -> TypeDef {
    named_type(
        id,
        TypeKind::Enum(EnumDef {
            storage,
            variants: variants
                .iter()
                .map(|(n, v)| Variant {
                    name: (*n).into(),
                    rust_name: (*n).into(),
                    value: *v,
                    docs: vec![],
                })
                .collect(),
        }),
    )
}

pub(super) fn function(symbol: &str, params: Vec<(&str, TypeRef)>, returns: TypeRef) -> Function {
    let params = params
        .into_iter()
        .map(|(n, ty)| Param::new(n, ty))
        .collect();
    Function::new(symbol, params, returns)
}

pub(super) fn constant(name: &str, ty: TypeRef, value: ConstValue) -> Constant {
    Constant::new(name, ty, value)
}

pub(super) fn inventory(
    mut types: Vec<TypeDef>,
    functions: Vec<Function>,
    constants: Vec<Constant>,
) -> Inventory {
    types.sort_by(|a, b| a.id.cmp(&b.id));
    let inv = Inventory {
        schema_version: SCHEMA_VERSION,
        core_version: "0.1.0".into(),
        target: interop_core::model::TargetFacts::host(),
        types,
        functions,
        constants,
        library_hash: None,
    };
    inv.validate().expect("valid test inventory");
    inv
}

pub(super) fn package() -> PackageInfo {
    PackageInfo {
        name: "fx".into(),
        lib_name: "fx".into(),
        version: "1.0.0".into(),
        ..PackageInfo::default()
    }
}

pub(super) fn header_with(inv: &Inventory, prefix: &str) -> Result<String, BackendError> {
    let backend = CBackend::new(Config {
        prefix: prefix.into(),
        ..Config::default()
    });
    backend.render_header(inv, "fx.h", &package())
}

pub(super) fn header(inv: &Inventory) -> String {
    header_with(inv, "").expect("header renders")
}

pub(super) fn named(id: &str) -> TypeRef {
    TypeRef::named(format!("fx::{id}"))
}
