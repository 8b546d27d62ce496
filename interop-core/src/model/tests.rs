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

fn callback_type(id: &str, param: Primitive) -> TypeDef {
    let (_, name) = id.rsplit_once("::").expect("a path");
    TypeDef {
        id: id.into(),
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
    }
}

fn closure(param: Primitive, hint: &[&str]) -> CallbackType {
    CallbackType {
        params: vec![TypeRef::primitive(param)],
        returns: Box::new(TypeRef::primitive(Primitive::Unit)),
        ownership: CallbackOwnership::Owned,
        mutable: false,
        nullable: false,
        name: None,
        alias_hint: hint.iter().map(|h| h.to_string()).collect(),
    }
}

#[test]
fn twins_are_named_as_spelled_and_unspelled_callbacks_stay_unnamed() {
    let types = vec![
        callback_type("c::OnEvent", Primitive::U32),
        callback_type("c::svc::OnChange", Primitive::U32),
        callback_type("c::OnSize", Primitive::U64),
    ];
    let named = named_callbacks(&types);
    let name = |param, hint: &[&str]| callback_name(&named, &closure(param, hint), "c");
    let id = |s: &str| CallbackNaming::Named(s.into());
    assert_eq!(name(Primitive::U32, &["OnEvent"]), id("c::OnEvent"));
    assert_eq!(name(Primitive::U32, &["OnChange"]), id("c::svc::OnChange"));
    assert_eq!(
        name(Primitive::U32, &["svc::OnChange"]),
        id("c::svc::OnChange")
    );
    // Spelled without an alias, or with one the inventory does not know: one candidate names it,
    // twins leave it unnamed.
    assert_eq!(name(Primitive::U32, &[]), CallbackNaming::Unnamed);
    assert_eq!(name(Primitive::U32, &["Renamed"]), CallbackNaming::Unnamed);
    assert_eq!(name(Primitive::U64, &[]), id("c::OnSize"));
    // A twin's name with another signature names nothing.
    assert_eq!(name(Primitive::U64, &["OnEvent"]), id("c::OnSize"));
    assert_eq!(name(Primitive::U8, &["OnEvent"]), CallbackNaming::Unnamed);
}

#[test]
fn one_alias_name_in_two_modules_is_told_apart_by_path_or_module() {
    let types = vec![
        callback_type("c::a::On", Primitive::U32),
        callback_type("c::b::On", Primitive::U32),
    ];
    let named = named_callbacks(&types);
    let name =
        |hint: &[&str], module| callback_name(&named, &closure(Primitive::U32, hint), module);
    let id = |s: &str| CallbackNaming::Named(s.into());
    // The item's own module's alias.
    assert_eq!(name(&["On"], "c::a"), id("c::a::On"));
    assert_eq!(name(&["On"], "c::b"), id("c::b::On"));
    // A path: relative to the module, to the crate, absolute (`crate::`/`super::` made absolute
    // when recorded), or a unique suffix.
    assert_eq!(name(&["b::On"], "c"), id("c::b::On"));
    assert_eq!(name(&["a::On"], "c::b"), id("c::a::On"));
    assert_eq!(
        name(&[&anchor_hint("super::a::On", "c::b")], "c::b"),
        id("c::a::On")
    );
    assert_eq!(
        name(&[&anchor_hint("crate::b::On", "c::a")], "c::a"),
        id("c::b::On")
    );
    assert_eq!(
        name(&[&anchor_hint("self::On", "c::b")], "c::b"),
        id("c::b::On")
    );
    // Imported with `use`: the tokens cannot tell.
    assert_eq!(
        name(&["On"], "c"),
        CallbackNaming::Ambiguous {
            hint: "On".into(),
            ids: vec!["c::a::On".into(), "c::b::On".into()],
        }
    );
}

#[test]
fn anchored_hints_and_modules() {
    assert_eq!(anchor_hint("crate::ui::On", "k::a::b"), "k::ui::On");
    assert_eq!(anchor_hint("self::On", "k::a"), "k::a::On");
    assert_eq!(anchor_hint("super::super::On", "k::a::b"), "k::On");
    assert_eq!(anchor_hint("ui::On", "k::a"), "ui::On");
    assert_eq!(module_of("k::a::f"), "k::a");
    assert_eq!(module_of("k::Pair<k::b::X>"), "k");
}

#[test]
fn validate_accepts_twins_and_refuses_an_ambiguous_spelling() {
    let mut inv = Inventory::empty();
    inv.types = vec![
        callback_type("c::OnA", Primitive::U64),
        callback_type("c::OnB", Primitive::U64),
    ];
    let param = |hint: &[&str]| Param::new("f", TypeRef::Callback(closure(Primitive::U64, hint)));
    let mut f = Function::new(
        "keep",
        vec![param(&["OnA"]), param(&[])],
        TypeRef::primitive(Primitive::Unit),
    );
    f.rust_path = "c::keep".into();
    inv.functions = vec![f];
    inv.validate().expect("twins with their own names");
    inv.types = vec![
        callback_type("c::x::OnA", Primitive::U64),
        callback_type("c::y::OnA", Primitive::U64),
    ];
    let err = inv.validate().unwrap_err();
    assert!(
        err.contains("parameter `f` of `c::keep` spells the callback type `OnA`")
            && err.contains("`c::x::OnA` and `c::y::OnA`")
            && err.contains("write its path in the signature"),
        "{err}"
    );
    inv.functions[0].params[0] = param(&["x::OnA"]);
    inv.validate().expect("a path tells them apart");
}

#[test]
fn the_alias_hint_is_optional_in_json() {
    let without = closure(Primitive::U32, &[]);
    let json = serde_json::to_string(&without).expect("serialize");
    assert!(!json.contains("alias_hint"), "{json}");
    let back: CallbackType = serde_json::from_str(&json).expect("an inventory without hints");
    assert_eq!(back, without);
    let with = closure(Primitive::U32, &["ui::OnEvent"]);
    let json = serde_json::to_string(&with).expect("serialize");
    assert!(json.contains(r#""alias_hint":["ui::OnEvent"]"#), "{json}");
    assert_eq!(
        serde_json::from_str::<CallbackType>(&json).expect("round trip"),
        with
    );
}
