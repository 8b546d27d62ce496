//! Model round trips and validation.

use super::*;

fn roundtrip(inv: &Inventory) -> Inventory {
    let json = serde_json::to_string(inv).expect("serialize");
    serde_json::from_str(&json).expect("deserialize")
}

#[test]
fn extreme_integers_survive_json() {
    let inv = Inventory {
        schema_version: SCHEMA_VERSION,
        core_version: "0.0.0".into(),
        target: TargetFacts::host(),
        types: vec![TypeDef {
            id: "c::Wide".into(),
            name: "Wide".into(),
            rust_name: "Wide".into(),
            module: None,
            docs: vec![],
            size: 8,
            align: 8,
            kind: TypeKind::Enum(EnumDef {
                storage: Primitive::U64,
                variants: [u64::MAX as i128, i64::MIN as i128, 0, -1]
                    .into_iter()
                    .map(|value| Variant {
                        name: format!("V{value}"),
                        rust_name: format!("V{value}"),
                        value,
                        docs: vec![],
                    })
                    .collect(),
            }),
        }],
        functions: vec![Function {
            name: "f".into(),
            rust_name: "f".into(),
            rust_path: "c::item".into(),
            symbol: "f".into(),
            module: None,
            owner: None,
            receiver: None,
            kind: FunctionKind::Function,
            docs: vec![],
            params: vec![Param {
                name: "p".into(),
                ty: TypeRef::pointer(
                    TypeRef::pointer(TypeRef::named("c::Wide"), true, PointerKind::Reference),
                    false,
                    PointerKind::NullableReference,
                ),
            }],
            returns: TypeRef::pointer(
                TypeRef::primitive(Primitive::CVoid),
                false,
                PointerKind::Raw,
            ),
        }],
        constants: [u64::MAX as i128, i64::MIN as i128]
            .into_iter()
            .map(|v| Constant {
                name: format!("C{v}"),
                rust_name: format!("C{v}"),
                rust_path: "c::item".into(),
                module: None,
                docs: vec![],
                ty: TypeRef::primitive(Primitive::I64),
                value: ConstValue::Int(v),
            })
            .collect(),
        library_hash: None,
    };
    assert_eq!(roundtrip(&inv), inv);
    assert!(inv.validate().is_ok());
}

#[test]
fn validate_reports_unknown_types_and_duplicate_symbols() {
    let f = |symbol: &str, ret: TypeRef| Function {
        name: symbol.into(),
        rust_name: symbol.into(),
        rust_path: "c::item".into(),
        symbol: symbol.into(),
        module: None,
        owner: None,
        receiver: None,
        kind: FunctionKind::Function,
        docs: vec![],
        params: vec![],
        returns: ret,
    };
    let mut inv = Inventory {
        schema_version: SCHEMA_VERSION,
        core_version: "0.0.0".into(),
        target: TargetFacts::host(),
        types: vec![],
        functions: vec![f("a", TypeRef::named("x::Missing"))],
        constants: vec![],
        library_hash: None,
    };
    let err = inv.validate().unwrap_err();
    assert!(err.contains("x::Missing"), "{err}");
    inv.functions = vec![
        f("a", TypeRef::primitive(Primitive::Unit)),
        f("a", TypeRef::primitive(Primitive::Unit)),
    ];
    assert!(inv.validate().unwrap_err().contains("exported twice"));
}

#[test]
fn target_facts_survive_json_and_describe_the_host() {
    let mut inv = Inventory::empty();
    inv.types.clear();
    let back = roundtrip(&inv);
    assert_eq!(back, inv);
    let t = &back.target;
    assert_eq!(t.pointer_size as usize, std::mem::size_of::<usize>());
    assert_eq!(
        t.primitive(Primitive::Usize).map(|l| l.size),
        Some(t.pointer_size)
    );
    let view = t.shape(FixedShape::View).expect("view layout");
    assert_eq!(view.size, 2 * t.pointer_size);
    let buffer = t.shape(FixedShape::OwnedBuffer).expect("buffer layout");
    assert_eq!(buffer.size, 3 * t.pointer_size);
    assert_eq!(t.shape(FixedShape::Status).map(|l| l.size), Some(1));
}

#[test]
fn two_instantiations_with_one_name_are_refused_naming_both() {
    use super::{StructDef, StructLayout, TypeDef, TypeKind};
    let def = |id: &str, rust_name: &str| TypeDef {
        id: id.to_string(),
        name: "PairPoint".to_string(),
        rust_name: rust_name.to_string(),
        module: None,
        docs: Vec::new(),
        size: 8,
        align: 4,
        kind: TypeKind::Struct(StructDef {
            layout: StructLayout::C,
            tuple: false,
            fields: Vec::new(),
        }),
    };
    let mut inv = Inventory::empty();
    inv.types = vec![
        def("a::Pair<a::Point>", "Pair<Point>"),
        def("a::Pair<b::Point>", "Pair<Point>"),
    ];
    let err = inv.validate().unwrap_err();
    assert!(
        err.contains("`a::Pair<a::Point>` and `a::Pair<b::Point>`")
            && err.contains("#[ffi] pub type PairPointOther = a::Pair<b::Point>;"),
        "{err}"
    );
}

#[test]
fn validate_refuses_two_callback_types_with_one_signature() {
    let callback = |name: &str, param: Primitive| TypeDef {
        id: format!("c::{name}"),
        name: name.into(),
        rust_name: name.into(),
        module: None,
        docs: vec![],
        size: 24,
        align: 8,
        kind: TypeKind::Callback(CallbackDef {
            params: vec![TypeRef::primitive(param)],
            returns: TypeRef::primitive(Primitive::Unit),
        }),
    };
    let mut inv = Inventory::empty();
    inv.types = vec![
        callback("OnA", Primitive::U64),
        callback("OnB", Primitive::U64),
    ];
    let err = inv.validate().unwrap_err();
    assert!(
        err.contains("`c::OnA` and `c::OnB` have the same signature")
            && err.contains("use `OnA` where `OnB` is used"),
        "{err}"
    );
    inv.types[1] = callback("OnB", Primitive::U32);
    inv.validate().expect("different signatures are fine");
}
