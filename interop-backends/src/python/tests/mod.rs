//! Unit tests of the Python generator on hand-built inventories (the end-to-end tests, which run
//! the generated code in CPython, are in tests/python).

use interop_core::model::*;

use crate::PackageInfo;

fn inventory(types: Vec<TypeDef>, functions: Vec<Function>) -> Inventory {
    Inventory {
        types,
        functions,
        ..Inventory::empty()
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
    Function::new(name, params, returns)
}

fn render(inv: &Inventory) -> Vec<(String, String)> {
    try_render(inv, false).unwrap()
}

fn try_render(
    inv: &Inventory,
    release_gil: bool,
) -> Result<Vec<(String, String)>, crate::BackendError> {
    super::render(
        inv,
        release_gil,
        "k",
        "libk.so",
        "1.0.0",
        &PackageInfo::default(),
    )
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
    let mut inv = inv;
    inv.target.arch = "x86_64".into();
    inv.target.family = "unix".into();
    let files = render(&inv);
    let raw = file(&files, "_raw.py");
    assert!(
        raw.contains("_make: Callable[..., None] = _fn(\"make\", (ctypes.POINTER(Packed),), None)"),
        "{raw}"
    );
    assert!(
        raw.contains("def take(a0: Packed) -> None:\n    raise NotImplementedError("),
        "{raw}"
    );
    let types = file(&files, "_types.py");
    assert!(types.contains("    _pack_ = 1\n"), "{types}");
    // Elsewhere the hidden pointer cannot be spelled out: the call raises instead.
    inv.target.arch = "aarch64".into();
    let files = render(&inv);
    assert!(
        file(&files, "_raw.py").contains("def make() -> Packed:\n    raise NotImplementedError(")
    );
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
    let err = try_render(&inv, false).unwrap_err();
    assert!(
        err.to_string().contains(
            "function `crate::len_` and function `crate::len` would both be named `len_`"
        ),
        "{err}"
    );
}

#[test]
fn builtins_are_not_shadowed_and_params_are_escaped() {
    let params = ["lambda", "_private", "self", "int"]
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
    for release_gil in [false, true] {
        // The def of the ctypes path, its stub and the compiled path's spec use the same
        // (escaped) names; the checks call helpers, so a parameter named `int` shadows nothing
        // they need.
        let files = try_render(&inv, release_gil).unwrap();
        let init = file(&files, "__init__.py");
        assert!(
            init.contains(
                "def print_(lambda_: int, arg_private: int, self_: int, int: int) -> bool:"
            ),
            "{init}"
        );
        assert!(
            init.contains("    int = _int(int, -2147483648, 2147483647, \"i32\", \"int\", \"print_() argument 'int'\")\n"),
            "{init}"
        );
        let stub = file(&files, "__init__.pyi");
        assert!(
            stub.contains(
                "def print_(lambda_: int, arg_private: int, self_: int, int: int) -> bool: ..."
            ),
            "{stub}"
        );
        let native = file(&files, "_native.py");
        assert!(
            native.contains("(\"print\", False, \"print_\", \"print_\", \"k\", None, ((\"lambda_\", \"int\", None), (\"arg_private\", \"int\", None), (\"self_\", \"int\", None), (\"int\", \"int\", None)), None, \"k\", False)"),
            "{native}"
        );
    }
}

#[test]
fn call_paths_of_both_modes() {
    let color = TypeDef {
        id: "k::Color".into(),
        name: "Color".into(),
        rust_name: "Color".into(),
        module: None,
        docs: vec![],
        size: 4,
        align: 4,
        kind: TypeKind::Enum(EnumDef {
            storage: Primitive::I32,
            variants: vec![Variant {
                name: "Red".into(),
                rust_name: "Red".into(),
                value: 0,
                docs: vec![],
            }],
        }),
    };
    let mut add = function(
        "add",
        vec![
            Param {
                name: "a".into(),
                ty: TypeRef::primitive(Primitive::U64),
            },
            Param {
                name: "b".into(),
                ty: TypeRef::primitive(Primitive::U64),
            },
        ],
        TypeRef::primitive(Primitive::U64),
    );
    add.docs = vec!["Adds.".into()];
    let inv = inventory(
        vec![color],
        vec![
            add,
            function("noop", vec![], TypeRef::primitive(Primitive::Unit)),
            function("pick", vec![], TypeRef::named("k::Color")),
        ],
    );
    for release_gil in [false, true] {
        let files = try_render(&inv, release_gil).unwrap();
        let raw = file(&files, "_raw.py");
        if release_gil {
            assert!(raw.contains("_lib = ctypes.CDLL("), "{raw}");
            assert!(raw.contains("release_gil: Final = True"), "{raw}");
        } else {
            assert!(
                raw.contains("_lib = getattr(ctypes, \"PyDLL\", ctypes.CDLL)("),
                "{raw}"
            );
            assert!(raw.contains("release_gil: Final = False"), "{raw}");
        }
        assert!(!raw.contains("interop_python_error_hook"), "{raw}");
        // The ctypes path: checked arguments, the raw call, the pending counter, the result.
        let init = file(&files, "__init__.py");
        assert!(
            init.contains("def add(a: int, b: int) -> int:\n    \"\"\"Adds.\"\"\"\n    a = _int(a, 0, 18446744073709551615, \"u64\", \"int\", \"add() argument 'a'\")\n    b = _int(b, 0, 18446744073709551615, \"u64\", \"int\", \"add() argument 'b'\")\n    result = _c_add(a, b)\n    if _pending.value:\n        _raise_panic()\n    return result\n"),
            "{init}"
        );
        assert!(
            init.contains("    result = _c_pick()\n    if _pending.value:\n        _raise_panic()\n    return _Color_from(result)\n"),
            "{init}"
        );
        // … replaced by the compiled path's functions at the end of the module.
        assert!(
            init.ends_with("_native.install(globals(), \"k\")\n"),
            "{init}"
        );
        let native = file(&files, "_native.py");
        assert!(
            native.contains(if release_gil {
                "(\n            RustPanic, True, _address_of,\n        ),"
            } else {
                "(\n            RustPanic, False, _address_of,\n        ),"
            }),
            "{native}"
        );
        assert!(
            native.contains(
                "(\"pick\", False, \"pick\", \"pick\", \"k\", None, (), Color, \"k\", False)"
            ),
            "{native}"
        );
        let stub = file(&files, "__init__.pyi");
        assert!(
            stub.contains("def add(a: int, b: int) -> int:\n    \"\"\"Adds.\"\"\"\n"),
            "{stub}"
        );
        assert!(stub.contains("def noop() -> None: ..."), "{stub}");
        assert!(stub.contains("def pick() -> Color: ..."), "{stub}");
    }
}

mod check;
mod service_close;

/// A struct `k::{name}` of `u32` fields.
fn record(name: &str, fields: &[&str]) -> TypeDef {
    TypeDef {
        id: format!("k::{name}"),
        name: name.into(),
        rust_name: name.into(),
        module: None,
        docs: vec![],
        size: 4 * fields.len() as u64,
        align: 4,
        kind: TypeKind::Struct(StructDef {
            layout: StructLayout::C,
            tuple: false,
            fields: fields
                .iter()
                .enumerate()
                .map(|(i, f)| Field::new(*f, TypeRef::primitive(Primitive::U32), 4 * i as u64))
                .collect(),
        }),
    }
}

/// A `u8` enum `k::{name}` with the variants 0, 1, ….
fn enumeration(name: &str, variants: &[&str]) -> TypeDef {
    TypeDef {
        id: format!("k::{name}"),
        name: name.into(),
        rust_name: name.into(),
        module: None,
        docs: vec![],
        size: 1,
        align: 1,
        kind: TypeKind::Enum(EnumDef {
            storage: Primitive::U8,
            variants: variants
                .iter()
                .enumerate()
                .map(|(i, v)| Variant {
                    name: v.to_string(),
                    rust_name: v.to_string(),
                    value: i as i128,
                    docs: vec![],
                })
                .collect(),
        }),
    }
}

/// A method `name` of `owner` with `&self`.
fn method(owner: &str, name: &str, returns: TypeRef) -> Function {
    let mut f = Function::new(
        name,
        vec![Param::new(
            "self",
            TypeRef::pointer(
                TypeRef::named(format!("k::{owner}")),
                false,
                PointerKind::Reference,
            ),
        )],
        returns,
    );
    f.owner = Some(format!("k::{owner}"));
    f.receiver = Some(Receiver::Ref);
    f.symbol = format!("{}_{name}", owner.to_lowercase());
    f.rust_path = format!("k::{owner}::{name}");
    f
}
