//! Unit tests of the Python generator on hand-built inventories (the end-to-end tests, which run
//! the generated code in CPython, are in tests/python).

use interop_core::model::*;

use super::Generator;
use crate::PackageInfo;

fn inventory(types: Vec<TypeDef>, functions: Vec<Function>) -> Inventory {
    Inventory {
        schema_version: SCHEMA_VERSION,
        core_version: "0.1.0".into(),
        types,
        functions,
        constants: vec![],
    }
}

fn packed() -> TypeDef {
    TypeDef {
        id: "k::Packed".into(),
        name: "Packed".into(),
        rust_name: "Packed".into(),
        module: None,
        docs: vec![],
        size: 5,
        align: 1,
        kind: TypeKind::Struct(StructDef {
            layout: StructLayout::Packed,
            tuple: false,
            fields: vec![
                Field {
                    name: "tag".into(),
                    rust_name: "tag".into(),
                    ty: TypeRef::primitive(Primitive::U8),
                    offset: 0,
                    docs: vec![],
                },
                Field {
                    name: "value".into(),
                    rust_name: "value".into(),
                    ty: TypeRef::primitive(Primitive::U32),
                    offset: 1,
                    docs: vec![],
                },
            ],
        }),
    }
}

fn function(name: &str, params: Vec<Param>, returns: TypeRef) -> Function {
    Function {
        name: name.into(),
        rust_name: name.into(),
        symbol: name.into(),
        module: None,
        owner: None,
        receiver: None,
        docs: vec![],
        params,
        returns,
    }
}

fn render(inv: &Inventory, target: &str) -> Vec<(String, String)> {
    Generator::new(inv, target)
        .unwrap()
        .render("k", "libk.so", "1.0.0", &PackageInfo::default())
        .unwrap()
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| n == name).unwrap().1
}

#[test]
fn packed_struct_by_value() {
    let by_value = Param {
        name: "p".into(),
        ty: TypeRef::named("k::Packed"),
    };
    let inv = inventory(
        vec![packed()],
        vec![
            function("make", vec![], TypeRef::named("k::Packed")),
            function("take", vec![by_value], TypeRef::primitive(Primitive::Unit)),
        ],
    );
    let files = render(&inv, "x86_64-unknown-linux-gnu");
    let raw = file(&files, "_raw.py");
    assert!(
        raw.contains("_make: Callable[..., None] = _fn(\"make\", (ctypes.POINTER(Packed),), None)"),
        "{raw}"
    );
    assert!(
        raw.contains("def take(a0: Packed) -> Any:\n    raise NotImplementedError("),
        "{raw}"
    );
    let types = file(&files, "_types.py");
    assert!(types.contains("    _pack_ = 1\n"), "{types}");
    // Elsewhere the hidden pointer cannot be spelled out: the call raises instead.
    let files = render(&inv, "aarch64-unknown-linux-gnu");
    assert!(file(&files, "_raw.py").contains("def make() -> Any:\n    raise NotImplementedError("));
}

#[test]
fn names_that_clash_after_escaping_are_an_error() {
    let inv = inventory(
        vec![],
        vec![
            function("len", vec![], TypeRef::primitive(Primitive::Unit)),
            function("len_", vec![], TypeRef::primitive(Primitive::Unit)),
        ],
    );
    let err = Generator::new(&inv, "x86_64-unknown-linux-gnu")
        .unwrap()
        .render("k", "libk.so", "1.0.0", &PackageInfo::default())
        .unwrap_err();
    assert!(err.to_string().contains("`len_` clashes"), "{err}");
}

#[test]
fn builtins_are_not_shadowed_and_params_are_escaped() {
    let params = ["lambda", "_private", "self"]
        .iter()
        .map(|n| Param {
            name: n.to_string(),
            ty: TypeRef::primitive(Primitive::I32),
        })
        .collect();
    let inv = inventory(
        vec![],
        vec![function(
            "print",
            params,
            TypeRef::primitive(Primitive::Bool),
        )],
    );
    let files = render(&inv, "x86_64-unknown-linux-gnu");
    let init = file(&files, "__init__.py");
    assert!(
        init.contains("def print_(lambda_: int, arg_private: int, self_: int) -> bool:"),
        "{init}"
    );
}
