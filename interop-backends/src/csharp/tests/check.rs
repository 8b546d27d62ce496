//! `Backend::check`: every naming, collision and spelling problem at once, each with its Rust item path;
//! constructs the capability table refuses are left to the shared pass (and still stop generation).

use std::path::Path;

use interop_core::model::*;

use super::{func, gen_text, inventory, package, prim, struct_def};
use crate::common::diagnostics::Diagnostic;
use crate::csharp::{CSharpBackend, Config};
use crate::{Backend, Context};

fn check(inv: &Inventory, config: Config) -> Vec<Diagnostic> {
    let package = package();
    let ctx = Context {
        inventory: inv,
        package: &package,
        native_library: Path::new("/nonexistent/libunit_lib.so"),
        target: "x86_64-unknown-linux-gnu",
        scratch_dir: Path::new("/nonexistent"),
    };
    CSharpBackend::new(config).check(&ctx)
}

fn method(owner: &str, name: &str, params: Vec<(&str, TypeRef)>, returns: TypeRef) -> Function {
    let mut f = func(name, params, returns);
    f.owner = Some(owner.into());
    f.symbol = format!(
        "{}_{name}",
        owner.rsplit("::").next().unwrap().to_lowercase()
    );
    f.rust_path = format!("{owner}::{name}");
    f
}

/// One inventory with a problem of every kind.
fn troubled() -> Inventory {
    let u32_ = prim(Primitive::U32);
    let point = struct_def(
        "u::Point",
        12,
        4,
        StructLayout::C,
        vec![
            Field::new("get_type", u32_.clone(), 0),
            Field::new("a_b", u32_.clone(), 4),
            Field::new("aB", u32_.clone(), 8),
        ],
    );
    let clash = struct_def(
        "u::UnitLibLib",
        4,
        4,
        StructLayout::C,
        vec![Field::new("x", u32_.clone(), 0)],
    );
    let arr = struct_def(
        "u::Arr",
        16,
        8,
        StructLayout::C,
        vec![Field::new(
            "xs",
            TypeRef::array(prim(Primitive::Usize), 2),
            0,
        )],
    );
    let packed = struct_def(
        "u::P",
        5,
        1,
        StructLayout::Packed,
        vec![
            Field::new("tag", prim(Primitive::U8), 0),
            Field::new("value", u32_.clone(), 1),
        ],
    );
    let wide = TypeDef {
        id: "u::Wide".into(),
        name: "Wide".into(),
        rust_name: "Wide".into(),
        module: None,
        docs: vec![],
        size: 8,
        align: 8,
        kind: TypeKind::Enum(EnumDef {
            storage: Primitive::Usize,
            variants: vec![],
        }),
    };
    let point_ref = TypeRef::pointer(TypeRef::named("u::Point"), false, PointerKind::Reference);
    let mut to_string = method(
        "u::Point",
        "to_string",
        vec![("self", point_ref.clone())],
        u32_.clone(),
    );
    to_string.receiver = Some(Receiver::Ref);
    // With a parameter it overloads `object.ToString()`: fine.
    let mut format = method(
        "u::Arr",
        "to_string",
        vec![("radix", u32_.clone())],
        u32_.clone(),
    );
    format.rust_path = "u::Arr::to_string".into();
    inventory(
        vec![point, clash, arr, packed, wide],
        vec![
            func("get_x", vec![], u32_.clone()),
            func("GetX", vec![], u32_.clone()),
            func(
                "params",
                vec![("a_b", u32_.clone()), ("aB", u32_.clone())],
                prim(Primitive::Unit),
            ),
            func(
                "take",
                vec![("p", TypeRef::named("u::P"))],
                prim(Primitive::Unit),
            ),
            to_string,
            format,
        ],
    )
}

#[test]
fn every_problem_is_reported_at_once_with_its_item() {
    let found = check(&troubled(), Config::default());
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|d| (d.item.as_str(), d.message.as_str()))
        .collect();
    let expected: &[(&str, &str)] = &[
        (
            "u::UnitLibLib",
            "type `u::UnitLibLib` and the main class (`class` in [csharp]) would both be named \
             `UnitLibLib` in namespace `UnitLib`",
        ),
        ("u::Arr", "field `xs`: arrays of `usize` are not supported"),
        (
            "u::Point",
            "field `get_type` of `u::Point` would be named `GetType`, which hides the `GetType` \
             every C# object has",
        ),
        (
            "u::Point",
            "field `aB` of `u::Point` and field `a_b` of `u::Point` would both be named `AB` in \
             `Point`",
        ),
        (
            "u::Point::to_string",
            "method `u::Point::to_string` would be named `ToString`, which hides the `ToString` every \
             C# object has",
        ),
        (
            "u::Wide",
            "enum `Wide` is stored as `usize`, which a C# enum cannot express",
        ),
        (
            "crate::GetX",
            "method `crate::GetX` and method `crate::get_x` would both be named `GetX` in \
             `UnitLibLib`",
        ),
        (
            "crate::params",
            "parameter `aB` and parameter `a_b` would both be named `aB` in the parameters of \
             `Params`",
        ),
    ];
    for e in expected {
        assert!(got.contains(e), "missing {e:?} in\n{got:#?}");
    }
    assert_eq!(got.len(), expected.len(), "{got:#?}");
    assert!(found.iter().all(|d| d.language == "C#" && d.fix.is_some()));
    assert!(
        found
            .iter()
            .any(|d| d.fix.as_deref() == Some("use a fixed-width #[repr(..)] such as #[repr(u32)]"))
    );

    // Generation fails with the same problems, all of them.
    let err = gen_text(&troubled()).unwrap_err().to_string();
    assert!(
        err.contains("C#: `u::Wide`: enum `Wide` is stored as `usize`"),
        "{err}"
    );
    assert_eq!(err.lines().count(), expected.len(), "{err}");
}

#[test]
fn a_clean_inventory_has_no_problems() {
    assert_eq!(check(&super::extras(), Config::default()), vec![]);
}

#[test]
fn configuration_problems_are_reported_without_an_item() {
    let found = check(
        &super::extras(),
        Config {
            class: Some("Direction".into()),
            ..Config::default()
        },
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].item, "u::Direction");
    assert!(found[0].message.contains("would both be named `Direction`"));
    assert!(found[0].fix.as_deref().unwrap().contains("`class`"));

    let found = check(
        &super::extras(),
        Config {
            namespace: Some("Not A Namespace".into()),
            ..Config::default()
        },
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].item, "");
    assert!(found[0].message.contains("is not a valid C# namespace"));
}

#[test]
fn constructs_the_capability_table_refuses_are_left_to_the_shared_pass() {
    // The shared pass reports a construct a table says `no` to (with every language's verdict), so the
    // backend's own diagnostics leave such problems out; generation still fails with them.
    use crate::common::capability::{Capabilities, Construct, Position, Support};
    use crate::csharp::problems::{Problem, Problems};
    let table = Capabilities {
        language: "C#",
        support: |c, p| match (c, p) {
            (Construct::FixedArray, Position::Pointee) => Support::No("not here"),
            _ => Support::Yes,
        },
        spelling: |_| "",
    };
    let mut problems = Problems::default();
    problems.push(
        "crate::f",
        Problem::new("refused by the table").construct(Construct::FixedArray, Position::Pointee),
    );
    problems.push("crate::g", Problem::new("a name clash").fix("rename"));
    let found = problems.into_diagnostics(&table);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        (found[0].item.as_str(), found[0].message.as_str()),
        ("crate::g", "a name clash")
    );
}

#[test]
fn references_to_arrays_are_csharp_arrays() {
    let u8_4 = TypeRef::array(prim(Primitive::U8), 4);
    let inv = inventory(
        vec![],
        vec![
            func(
                "raw",
                vec![("a", TypeRef::pointer(u8_4.clone(), true, PointerKind::Raw))],
                prim(Primitive::U8),
            ),
            func(
                "shared",
                vec![(
                    "a",
                    TypeRef::pointer(u8_4.clone(), false, PointerKind::Reference),
                )],
                prim(Primitive::U8),
            ),
        ],
    );
    assert_eq!(check(&inv, Config::default()), vec![]);
    let text = gen_text(&inv).unwrap();
    assert!(text.contains("public static byte Raw(byte* a)"), "{text}");
    assert!(
        text.contains("public static byte Shared(byte[] a)"),
        "{text}"
    );
    assert!(text.contains("fixed (byte* __a = a)"), "{text}");
    super::compile(&text, "array_references");
}
