//! `Backend::check`: every problem the header has, at once, each naming the Rust item; `generate`
//! fails on the first of the same problems.

use std::path::Path;

use interop_core::model::*;

use super::*;
use crate::c::{CBackend, Config};
use crate::common::diagnostics::Diagnostic;
use crate::{Backend, BackendError, Context};

fn check_with(inv: &Inventory, config: Config) -> Vec<Diagnostic> {
    let pkg = package();
    let ctx = Context {
        inventory: inv,
        package: &pkg,
        native_library: Path::new("/nonexistent/libfx.so"),
        target: "x86_64-unknown-linux-gnu",
        scratch_dir: Path::new("/tmp"),
    };
    let backend = CBackend::new(config);
    let diagnostics = backend.check(&ctx);
    // generate agrees: it fails exactly when check finds something.
    assert_eq!(backend.generate(&ctx).is_err(), !diagnostics.is_empty());
    diagnostics
}

/// `(item, message)` of each diagnostic, in order.
fn summary(diagnostics: &[Diagnostic]) -> Vec<(String, String)> {
    diagnostics
        .iter()
        .inspect(|d| assert_eq!(d.language, "C"))
        .map(|d| (d.item.clone(), d.message.clone()))
        .collect()
}

#[test]
fn inexpressible_items_are_clear_errors() {
    let opaque = TypeDef {
        id: "fx::Counter".into(),
        name: "Counter".into(),
        rust_name: "Counter".into(),
        module: None,
        docs: vec![],
        size: 0,
        align: 1,
        kind: TypeKind::Opaque,
    };
    let by_value = inventory(
        vec![opaque.clone()],
        vec![function(
            "take",
            vec![("c", named("Counter"))],
            prim(Primitive::Unit),
        )],
        vec![],
    );
    let err = header_with(&by_value, "").unwrap_err().to_string();
    assert!(
        err.contains(
            "`crate::take`: parameter `c`: opaque type `Counter` can only be used behind a pointer"
        ),
        "{err}"
    );

    let array_param = inventory(
        vec![],
        vec![function(
            "arr",
            vec![("a", TypeRef::array(prim(Primitive::U8), 4))],
            prim(Primitive::Unit),
        )],
        vec![],
    );
    assert!(matches!(
        header_with(&array_param, ""),
        Err(BackendError::Unsupported(_))
    ));

    let clash = inventory(
        vec![opaque],
        vec![function("Counter", vec![], prim(Primitive::Unit))],
        vec![],
    );
    let err = header_with(&clash, "").unwrap_err().to_string();
    assert!(
        err.contains(
            "function `crate::Counter` and type `fx::Counter` would both be named `Counter` in the C header"
        ),
        "{err}"
    );

    let keyword = inventory(
        vec![],
        vec![function("int", vec![], prim(Primitive::Unit))],
        vec![],
    );
    let err = header_with(&keyword, "").unwrap_err().to_string();
    assert!(err.contains("cannot be declared in C"), "{err}");
}

#[test]
fn check_reports_every_problem_at_once_with_its_rust_item() {
    let mut bad_symbol = function("dash", vec![], prim(Primitive::Unit));
    bad_symbol.symbol = "my-dash".into();
    let mut keyword = function("int", vec![], prim(Primitive::Unit));
    keyword.rust_path = "fx::int_fn".into();
    let mut clash = function("Counter", vec![], prim(Primitive::Unit));
    clash.rust_path = "fx::make_counter".into();
    let mut guard = constant("FX_H", prim(Primitive::U8), ConstValue::Int(1));
    guard.rust_path = "fx::FX_H".into();
    let zero = structure(
        "Zero",
        StructLayout::C,
        false,
        vec![field("none", TypeRef::array(prim(Primitive::U8), 0), 0)],
    );
    let inv = inventory(
        vec![opaque("Counter"), zero],
        vec![
            clash,
            bad_symbol,
            keyword,
            function(
                "take",
                vec![
                    ("c", named("Counter")),
                    ("a", TypeRef::array(prim(Primitive::U8), 4)),
                ],
                prim(Primitive::Unit),
            ),
        ],
        vec![
            guard,
            constant("BAD", prim(Primitive::U8), ConstValue::Int(300)),
        ],
    );
    let diagnostics = check_with(&inv, Config::default());
    let got = summary(&diagnostics);
    let expected: Vec<(String, String)> = [
        (
            "fx::FX_H",
            "constant `fx::FX_H` and the include guard would both be named `FX_H` in the C header",
        ),
        (
            "fx::make_counter",
            "function `fx::make_counter` and type `fx::Counter` would both be named `Counter` in the C header",
        ),
        (
            "crate::dash",
            "the function is exported as `my-dash`, which cannot be declared in C",
        ),
        (
            "fx::int_fn",
            "the function is exported as `int`, which cannot be declared in C",
        ),
        ("fx::Zero", "field `none`: C has no zero-length arrays"),
        (
            "crate::BAD",
            "the constant has a value (300) that does not match its type `u8`",
        ),
        (
            "crate::take",
            "parameter `c`: opaque type `Counter` can only be used behind a pointer",
        ),
        (
            "crate::take",
            "parameter `a`: C cannot pass or return arrays by value; wrap the array in a struct",
        ),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, expected);
    assert_eq!(
        diagnostics[2].fix.as_deref(),
        Some("choose another symbol with #[ffi(export = \"…\")]")
    );
    assert_eq!(
        diagnostics[1].fix.as_deref(),
        Some("rename one with #[ffi(name = \"…\")]")
    );
}

#[test]
fn check_reports_configuration_problems_with_the_item_problems() {
    let inv = inventory(
        vec![opaque("Counter")],
        vec![function(
            "take",
            vec![("c", named("Counter"))],
            prim(Primitive::Unit),
        )],
        vec![],
    );
    let config = Config {
        header: Some("../fx.h".into()),
        prefix: "9x".into(),
        ..Config::default()
    };
    let got = summary(&check_with(&inv, config));
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].0, "");
    assert!(got[0].1.contains("[c] header = \"../fx.h\""), "{got:?}");
    assert!(got[1].1.contains("[c] prefix = \"9x\""), "{got:?}");
    assert_eq!(got[2].0, "crate::take");
}

#[test]
fn check_finds_nothing_in_a_header_that_renders() {
    let inv = inventory(
        vec![opaque("Counter")],
        vec![function(
            "take",
            vec![(
                "c",
                TypeRef::pointer(named("Counter"), true, PointerKind::Reference),
            )],
            prim(Primitive::Unit),
        )],
        vec![],
    );
    assert!(check_with(&inv, Config::default()).is_empty());
}

#[test]
fn symbols_of_the_c_standard_library_are_problems() {
    let inv = inventory(
        vec![],
        vec![
            function(
                "free",
                vec![("slot", prim(Primitive::U64))],
                prim(Primitive::Unit),
            ),
            function("errno", vec![], prim(Primitive::I32)),
            function(
                "assert",
                vec![("ok", prim(Primitive::Bool))],
                prim(Primitive::Unit),
            ),
            function(
                "slots_free",
                vec![("slot", prim(Primitive::U64))],
                prim(Primitive::Unit),
            ),
        ],
        vec![],
    );
    let got = summary(&check_with(&inv, Config::default()));
    let items: Vec<&str> = got.iter().map(|(item, _)| item.as_str()).collect();
    assert_eq!(
        items,
        ["crate::free", "crate::errno", "crate::assert"],
        "{got:?}"
    );
    assert!(
        got[0].1.contains("which the C standard headers declare"),
        "{got:?}"
    );
    assert!(
        got[1].1.contains("a macro of the C standard headers"),
        "{got:?}"
    );
}

/// Non-ASCII names: Latin, Greek and Cyrillic letters are written as they are; a name with another
/// character is one diagnostic per name, naming the item, the character and the fix.
#[test]
fn non_ascii_names_are_written_or_refused_by_name() {
    let spelled = inventory(
        vec![
            structure(
                "Größe",
                StructLayout::C,
                false,
                vec![field("länge", prim(Primitive::U32), 0)],
            ),
            enumeration(
                "Richtung",
                Primitive::U8,
                &[("Rückwärts", 1), ("Вперёд", 2)],
            ),
        ],
        vec![function(
            "gruesse",
            vec![("größe", named("Größe"))],
            prim(Primitive::U32),
        )],
        vec![],
    );
    assert!(check_with(&spelled, Config::default()).is_empty());
    let header = header_with(&spelled, "").expect("a header");
    for expected in [
        "typedef struct Größe {",
        "uint32_t länge;",
        "#define RICHTUNG_RÜCKWÄRTS ((Richtung)1)",
        "#define RICHTUNG_ВПЕРЁД ((Richtung)2)",
        "uint32_t gruesse(Größe größe);",
    ] {
        assert!(header.contains(expected), "{expected}\n{header}");
    }

    let refused = inventory(
        vec![
            structure(
                "名前",
                StructLayout::C,
                false,
                vec![field("長さ", prim(Primitive::U32), 0)],
            ),
            enumeration("Mode", Primitive::U8, &[("Ѐ", 1)]),
        ],
        vec![function(
            "take",
            vec![("x名", named("名前"))],
            prim(Primitive::U32),
        )],
        vec![],
    );
    let diagnostics = check_with(&refused, Config::default());
    let found = summary(&diagnostics);
    let message = |item: &str, part: &str| found.iter().any(|(i, m)| i == item && m.contains(part));
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        message(
            "fx::名前",
            "type `fx::名前` would be named `名前` in C, but U+540D (`名`)"
        ),
        "{found:#?}"
    );
    assert!(message("fx::名前", "field `長さ`"), "{found:#?}");
    assert!(
        message("fx::Mode", "variant `Ѐ`") && message("fx::Mode", "U+0400"),
        "{found:#?}"
    );
    assert!(message("crate::take", "parameter `x名`"), "{found:#?}");
    assert!(
        diagnostics.iter().all(|d| d
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("#[ffi(name = \"…\")]"))),
        "{diagnostics:#?}"
    );
}
