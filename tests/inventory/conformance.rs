//! What the dev build of the conformance fixture registers: reachability, layouts, enum values,
//! constants, names, symbols and docs.

use interop_core::model::{
    ConstValue, PointerKind, Primitive, Receiver, StructLayout, TypeKind, TypeRef,
};

use crate::loaded::libs;
use crate::lookup::{constant, f, fields, function, has_symbol, type_named, v, variants};

/// Everything the dev build of the conformance fixture must report.
#[test]
#[allow(clippy::approx_constant)] // the fixture's PI_ISH is 3.14159 on purpose
fn conformance_inventory_dev() {
    let inv = &libs("dev")["conformance"].inv;

    assert_eq!(inv.schema_version, interop_core::model::SCHEMA_VERSION);
    // Reachability: a private module, a dependency named in code, a dependency only `use … as _`.
    assert!(
        has_symbol(inv, "hidden_answer"),
        "item of the private `hidden` module"
    );
    assert!(has_symbol(inv, "dep_double"), "item of conformance-dep");
    assert!(has_symbol(inv, "extra_answer"), "item of conformance-extra");
    let meters = type_named(inv, "Meters");
    assert_eq!(meters.id, "conformance_dep::Meters");
    assert_eq!(
        fields(meters),
        (StructLayout::Transparent, true, f(&[("_0", 0)]))
    );
    assert_eq!((meters.size, meters.align), (8, 8));

    // Sorted, every function exactly once (validate() checks symbol uniqueness).
    let keys: Vec<_> = inv
        .functions
        .iter()
        .map(|f| (&f.module, &f.name, &f.symbol))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "functions sorted by (module, name)");

    // Enums: storage and values (implicit after explicit, u64::MAX, negatives).
    let (storage, values) = variants(type_named(inv, "Sequence"));
    assert_eq!(storage, Primitive::I32);
    assert_eq!(values, v(&[("A", 5), ("B", 6), ("C", 10), ("D", 11)]));
    let (storage, values) = variants(type_named(inv, "Wide"));
    assert_eq!(storage, Primitive::U64);
    assert_eq!(values, v(&[("Small", 1), ("Huge", u64::MAX as i128)]));
    let (storage, values) = variants(type_named(inv, "Signed"));
    assert_eq!(storage, Primitive::I16);
    assert_eq!(
        values,
        v(&[
            ("Min", -32768),
            ("MinusOne", -1),
            ("Zero", 0),
            ("Big", 1000)
        ])
    );
    let color = type_named(inv, "Color");
    assert_eq!(
        variants(color),
        (Primitive::I32, v(&[("Red", 0), ("Green", 1), ("Blue", 2)]))
    );
    assert_eq!(
        (color.size, color.align),
        (4, 4),
        "no repr → repr(C), a C int"
    );
    let (storage, values) = variants(type_named(inv, "Small"));
    assert_eq!(
        (storage, values),
        (Primitive::U8, v(&[("A", 1), ("B", 2), ("C", 255)]))
    );
    assert_eq!(type_named(inv, "Small").size, 1);

    // Structs: sizes, offsets, layouts.
    let packed = type_named(inv, "Packed");
    assert_eq!((packed.size, packed.align), (5, 1));
    assert_eq!(
        fields(packed),
        (StructLayout::Packed, false, f(&[("tag", 0), ("value", 1)]))
    );
    let vec2 = type_named(inv, "Vec2f32");
    assert_eq!(vec2.id, "conformance::records::Vec2f32");
    assert_eq!((vec2.size, vec2.align), (12, 4));
    assert_eq!(
        fields(vec2),
        (StructLayout::C, false, f(&[("x", 0), ("y", 4), ("z", 8)]))
    );
    let pair = type_named(inv, "Pair");
    assert_eq!((pair.size, pair.align), (16, 8));
    assert_eq!(
        fields(pair),
        (StructLayout::C, true, f(&[("_0", 0), ("_1", 8)]))
    );
    let prims = type_named(inv, "Primitives");
    assert_eq!(prims.size, 64);
    assert_eq!(fields(prims).2[0], ("flag".to_string(), 0));
    assert_eq!(fields(prims).2[2], ("u_16".to_string(), 2));
    let matrix = type_named(inv, "Matrix");
    assert_eq!(matrix.size, 36);
    let TypeKind::Struct(m) = &matrix.kind else {
        unreachable!()
    };
    assert_eq!(
        m.fields[0].ty,
        TypeRef::array(TypeRef::array(TypeRef::primitive(Primitive::F32), 3), 3)
    );
    let node = type_named(inv, "Node");
    let TypeKind::Struct(n) = &node.kind else {
        unreachable!()
    };
    assert_eq!(
        n.fields[1].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::pointers::Node"),
            false,
            PointerKind::Raw
        ),
        "a struct pointing to itself"
    );
    let counter = type_named(inv, "Counter");
    assert_eq!(
        (counter.size, counter.align, &counter.kind),
        (0, 1, &TypeKind::Opaque)
    );

    // Constants, computed in the library.
    assert_eq!(constant(inv, "COMPUTED"), ConstValue::Int(1 << 40));
    assert_eq!(constant(inv, "MIN_I64"), ConstValue::Int(i64::MIN as i128));
    assert_eq!(constant(inv, "BIG"), ConstValue::Int(u64::MAX as i128));
    assert_eq!(constant(inv, "NEGATIVE"), ConstValue::Int(-42));
    assert_eq!(constant(inv, "HALF"), ConstValue::F32Bits(0.5f32.to_bits()));
    assert_eq!(
        constant(inv, "PI_ISH"),
        ConstValue::F64Bits(3.14159f64.to_bits())
    );
    assert_eq!(constant(inv, "ENABLED"), ConstValue::Bool(true));
    assert_eq!(constant(inv, "MAX_PLAYERS"), ConstValue::Int(16));

    // Renames, modules, explicit symbols.
    let renamed_const = inv
        .constants
        .iter()
        .find(|c| c.name == "RENAMED_CONST")
        .unwrap();
    assert_eq!(renamed_const.rust_name, "ORIGINAL_CONST");
    assert_eq!(renamed_const.value, ConstValue::Int(7));
    let renamed_ty = type_named(inv, "Original");
    assert_eq!(renamed_ty.name, "Renamed");
    let renamed_fn = function(inv, "renamed_function");
    assert_eq!(
        (renamed_fn.name.as_str(), renamed_fn.rust_name.as_str()),
        ("renamed_function", "original_name")
    );
    assert!(!has_symbol(inv, "original_name"));
    let explicit = function(inv, "cf_explicit_symbol");
    assert_eq!(explicit.name, "explicit_symbol");
    assert!(!has_symbol(inv, "explicit_symbol"));
    // A module function's symbol carries its module (C has one namespace); its name does not.
    let clamp = function(inv, "math_clamp");
    assert_eq!(clamp.module.as_deref(), Some("math"));
    assert_eq!(clamp.name, "clamp");
    assert!(!has_symbol(inv, "clamp"));
    let tau = inv.constants.iter().find(|c| c.name == "TAU").unwrap();
    assert_eq!(tau.module.as_deref(), Some("math"));
    assert_eq!(function(inv, "noop").module, None);

    // Signatures: references, nullable references, raw pointers, receivers.
    let vec_x = function(inv, "vec_x");
    assert_eq!(vec_x.params.len(), 1);
    assert_eq!(vec_x.params[0].name, "v");
    assert_eq!(
        vec_x.params[0].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::records::Vec2f32"),
            false,
            PointerKind::Reference
        )
    );
    assert_eq!(vec_x.returns, TypeRef::primitive(Primitive::F32));
    assert_eq!(
        function(inv, "vec_reset").params[0].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::records::Vec2f32"),
            true,
            PointerKind::NullableReference
        )
    );
    assert_eq!(
        function(inv, "is_null").params[0].ty,
        TypeRef::pointer(
            TypeRef::primitive(Primitive::CVoid),
            false,
            PointerKind::Raw
        )
    );
    assert!(function(inv, "noop").returns.is_unit());
    let kw = function(inv, "keywords_sum");
    let names: Vec<_> = kw.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "lambda", "class", "from", "params", "object", "string", "event", "int", "new"
        ]
    );

    let increment = function(inv, "counter_increment");
    assert_eq!(increment.name, "increment");
    assert_eq!(increment.rust_name, "increment");
    assert_eq!(
        increment.owner.as_deref(),
        Some("conformance::opaque_handles::Counter")
    );
    assert_eq!(increment.receiver, Some(Receiver::RefMut));
    assert_eq!(increment.params[0].name, "self");
    assert_eq!(
        increment.params[0].ty,
        TypeRef::pointer(
            TypeRef::named("conformance::opaque_handles::Counter"),
            true,
            PointerKind::Reference
        )
    );
    assert_eq!(increment.params[1].name, "by");
    let get = function(inv, "counter_get");
    assert_eq!(get.receiver, Some(Receiver::Ref));
    let new = function(inv, "counter_new");
    assert_eq!(
        (new.receiver, new.owner.as_deref()),
        (None, Some("conformance::opaque_handles::Counter"))
    );
    assert_eq!(
        new.returns,
        TypeRef::pointer(
            TypeRef::named("conformance::opaque_handles::Counter"),
            true,
            PointerKind::Raw
        )
    );
    let sum = function(inv, "vec2f32_sum");
    assert_eq!(sum.receiver, Some(Receiver::Value));
    assert_eq!(
        sum.params[0].ty,
        TypeRef::named("conformance::records::Vec2f32")
    );
    assert!(has_symbol(inv, "vec2f32_zero"));
    assert!(has_symbol(inv, "vec2f32_length"));
    assert!(has_symbol(inv, "counter_destroy"));

    // Docs: one leading space removed per line, multi-line comments kept line by line.
    assert_eq!(vec2.docs, ["A vector (the seed's hello-world type)."]);
    assert_eq!(function(inv, "noop").docs, ["Does nothing."]);
    assert_eq!(
        function(inv, "doc_edge_cases").docs,
        [
            "Docs with characters every language must escape: a < b && b > c, \"quotes\", 'single',",
            "a C comment end */ here, a Python docstring end \"\"\" here, and a backslash \\ too.",
        ]
    );
    let TypeKind::Struct(vs) = &vec2.kind else {
        unreachable!()
    };
    assert_eq!(vs.fields[0].docs, ["The x coordinate."]);
    let TypeKind::Enum(ce) = &color.kind else {
        unreachable!()
    };
    assert_eq!(ce.variants[2].docs, ["Blue."]);
    assert_eq!(
        function(inv, "add_u8").docs,
        ["Wrapping addition."],
        "docs inside macro_rules"
    );
    assert!(function(inv, "pair_scale").docs[0].starts_with("Tuple struct by value"));
    assert_eq!(tau.docs, ["Tau, in the `math` module."]);
}
