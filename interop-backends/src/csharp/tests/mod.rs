//! Unit tests of the C# backend on hand-built inventories: constructs the conformance fixture does not
//! have (enum methods, references to primitives, bool arrays, nested structs), compiled with `mcs`
//! when it is installed, and the errors bad input gets.

use std::path::PathBuf;
use std::process::Command;

use interop_core::model::*;

use super::items::generate;
use super::settings::Settings;
use super::{Config, Naming};
use crate::{BackendError, PackageInfo};

pub(super) fn package() -> PackageInfo {
    PackageInfo {
        name: "unit-lib".into(),
        lib_name: "unit_lib".into(),
        version: "0.3.0".into(),
        ..PackageInfo::default()
    }
}

pub(super) fn prim(p: Primitive) -> TypeRef {
    TypeRef::primitive(p)
}

pub(super) fn func(name: &str, params: Vec<(&str, TypeRef)>, returns: TypeRef) -> Function {
    let params = params
        .into_iter()
        .map(|(n, ty)| Param::new(n, ty))
        .collect();
    Function::new(name, params, returns)
}

pub(super) fn field(name: &str, ty: TypeRef, offset: u64) -> Field {
    Field::new(name, ty, offset)
}

pub(super) fn struct_def(
    id: &str,
    size: u64,
    align: u64,
    layout: StructLayout,
    fields: Vec<Field>,
) -> TypeDef {
    TypeDef {
        id: id.into(),
        name: id.rsplit("::").next().unwrap().into(),
        rust_name: id.rsplit("::").next().unwrap().into(),
        module: None,
        docs: vec![],
        size,
        align,
        kind: TypeKind::Struct(StructDef {
            layout,
            tuple: false,
            fields,
        }),
    }
}

pub(super) fn inventory(mut types: Vec<TypeDef>, functions: Vec<Function>) -> Inventory {
    types.sort_by(|a, b| a.id.cmp(&b.id));
    Inventory {
        schema_version: SCHEMA_VERSION,
        core_version: "0.1.0".into(),
        target: interop_core::model::TargetFacts::host(),
        types,
        functions,
        constants: vec![],
        library_hash: None,
    }
}

pub(super) fn extras() -> Inventory {
    let direction = TypeDef {
        id: "u::Direction".into(),
        name: "Direction".into(),
        rust_name: "Direction".into(),
        module: None,
        docs: vec!["A direction.".into()],
        size: 1,
        align: 1,
        kind: TypeKind::Enum(EnumDef {
            storage: Primitive::U8,
            variants: vec![
                Variant {
                    name: "North".into(),
                    rust_name: "North".into(),
                    value: 0,
                    docs: vec![],
                },
                Variant {
                    name: "South".into(),
                    rust_name: "South".into(),
                    value: 1,
                    docs: vec![],
                },
            ],
        }),
    };
    let flags = struct_def(
        "u::Flags",
        5,
        1,
        StructLayout::C,
        vec![
            field("bits", TypeRef::array(prim(Primitive::Bool), 4), 0),
            field("dir", TypeRef::named("u::Direction"), 4),
        ],
    );
    let outer = struct_def(
        "u::Outer",
        16,
        8,
        StructLayout::C,
        vec![
            field("flags", TypeRef::named("u::Flags"), 0),
            field("count", prim(Primitive::Usize), 8),
        ],
    );
    let dir = TypeRef::named("u::Direction");
    let mut opposite = func("opposite", vec![("self", dir.clone())], dir.clone());
    opposite.owner = Some("u::Direction".into());
    opposite.receiver = Some(Receiver::Value);
    opposite.symbol = "direction_opposite".into();
    let mut flip = func(
        "flip",
        vec![(
            "self",
            TypeRef::pointer(dir.clone(), true, PointerKind::Reference),
        )],
        prim(Primitive::Unit),
    );
    flip.owner = Some("u::Direction".into());
    flip.receiver = Some(Receiver::RefMut);
    flip.symbol = "direction_flip".into();
    // A method named like `object.ToString()` but taking a parameter: an overload, which compiles.
    let mut to_string = func(
        "to_string",
        vec![
            (
                "self",
                TypeRef::pointer(TypeRef::named("u::Outer"), false, PointerKind::Reference),
            ),
            ("radix", prim(Primitive::U32)),
        ],
        prim(Primitive::U32),
    );
    to_string.owner = Some("u::Outer".into());
    to_string.receiver = Some(Receiver::Ref);
    to_string.symbol = "outer_to_string".into();
    let mut north = func("north", vec![], dir.clone());
    north.owner = Some("u::Direction".into());
    north.symbol = "direction_north".into();
    inventory(
        vec![direction, flags, outer],
        vec![
            flip,
            north,
            opposite,
            to_string,
            func(
                "toggle",
                vec![(
                    "b",
                    TypeRef::pointer(prim(Primitive::Bool), true, PointerKind::Reference),
                )],
                prim(Primitive::Unit),
            ),
            func(
                "read_len",
                vec![(
                    "n",
                    TypeRef::pointer(
                        prim(Primitive::Usize),
                        false,
                        PointerKind::NullableReference,
                    ),
                )],
                prim(Primitive::Usize),
            ),
            func(
                "outer_count",
                vec![(
                    "o",
                    TypeRef::pointer(TypeRef::named("u::Outer"), false, PointerKind::Reference),
                )],
                prim(Primitive::U64),
            ),
            func(
                "lock",
                vec![("event", prim(Primitive::I32))],
                prim(Primitive::Bool),
            ),
        ],
    )
}

pub(super) fn settings(naming: Naming) -> Settings {
    Settings::resolve(
        &Config {
            naming,
            ..Config::default()
        },
        &package(),
    )
    .unwrap()
}

pub(super) fn gen_text(inv: &Inventory) -> Result<String, BackendError> {
    generate(inv, &package(), &settings(Naming::Idiomatic))
}

/// Compile with `mcs -langversion:7.2 -unsafe -warnaserror -target:library -doc:`; skipped (with a
/// notice) when mcs is not installed, failing when CI=true.
pub(super) fn compile(source: &str, name: &str) {
    let Some(mcs) = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("mcs"))
            .find(|p| p.is_file())
    }) else {
        if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
            panic!("CI=true and `mcs` is missing");
        }
        eprintln!("SKIPPED: `mcs` not found; the generated C# was not compiled");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let src: PathBuf = dir.path().join(format!("{name}.cs"));
    std::fs::write(&src, source).unwrap();
    let out = Command::new(mcs)
        .current_dir(dir.path())
        .args([
            "-langversion:7.2",
            "-unsafe",
            "-warnaserror",
            "-target:library",
            "-doc:out.xml",
            "-out:out.dll",
        ])
        .arg(&src)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mcs failed:\n{}{}\n--- source\n{source}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn enum_methods_primitive_references_and_bool_arrays_compile() {
    let text = gen_text(&extras()).unwrap();
    // Enum methods: extension methods for `self`/`&self`, a static method taking `ref` for `&mut self`.
    assert!(text.contains("public static unsafe class DirectionExtensions"));
    assert!(text.contains("public static Direction Opposite(this Direction self)"));
    assert!(text.contains("public static void Flip(ref Direction self)"));
    assert!(text.contains("public static Direction North()"));
    // `&mut bool`: converted through a byte local and written back.
    assert!(text.contains("public static void Toggle(ref bool b)"));
    assert!(text.contains("byte __b = (b ? (byte)1 : (byte)0);"));
    assert!(text.contains("b = __b != 0;"));
    // `Option<&usize>`: a nullable ulong.
    assert!(text.contains("public static ulong ReadLen(ulong? n)"));
    // Bool arrays: a byte buffer with bool accessors.
    assert!(text.contains("public fixed byte Bits[4];"));
    assert!(text.contains("public bool GetBits(int i0)"));
    // An overload of `object.ToString()`.
    assert!(text.contains("public uint ToString(uint radix)"));
    // Keywords.
    assert!(text.contains("public static bool Lock(int @event)"));
    assert!(text.contains("internal static extern byte @lock(int @event);"));
    compile(&text, "extras");
}

#[test]
fn rust_naming_compiles() {
    let text = generate(&extras(), &package(), &settings(Naming::Rust)).unwrap();
    assert!(text.contains("public static bool @lock(int @event)"));
    assert!(text.contains("public static void toggle(ref bool b)"));
    compile(&text, "rust_names");
}

#[test]
fn output_is_deterministic() {
    assert_eq!(gen_text(&extras()).unwrap(), gen_text(&extras()).unwrap());
}

#[test]
fn name_clashes_are_clear_errors() {
    // `get_x` and `GetX` … two functions whose C# names collide.
    let inv = inventory(
        vec![],
        vec![
            func("get_x", vec![], prim(Primitive::U8)),
            func("GetX", vec![], prim(Primitive::U8)),
        ],
    );
    let err = gen_text(&inv).unwrap_err().to_string();
    assert!(
        err.contains(
            "C#: `crate::GetX`: method `crate::GetX` and method `crate::get_x` would both be named \
             `GetX` in `UnitLibLib`; rename one of them"
        ),
        "{err}"
    );

    // A type named like the main class.
    let inv = inventory(
        vec![struct_def(
            "u::UnitLibLib",
            4,
            4,
            StructLayout::C,
            vec![field("x", prim(Primitive::U32), 0)],
        )],
        vec![],
    );
    let err = gen_text(&inv).unwrap_err().to_string();
    assert!(err.contains("would both be named `UnitLibLib`"), "{err}");
}

#[test]
fn unsupported_constructs_are_clear_errors() {
    // An enum stored as usize.
    let mut inv = extras();
    if let TypeKind::Enum(e) = &mut inv.types[0].kind {
        e.storage = Primitive::Usize;
    }
    let err = gen_text(&inv).unwrap_err().to_string();
    assert!(err.contains("stored as `usize`"), "{err}");
}

#[test]
fn packed_structs_by_value_go_through_a_stack_block_on_x86_64_system_v() {
    let packed = struct_def(
        "u::P",
        5,
        1,
        StructLayout::Packed,
        vec![
            field("tag", prim(Primitive::U8), 0),
            field("value", prim(Primitive::U32), 1),
        ],
    );
    let p = TypeRef::named("u::P");
    let mut inv = inventory(
        vec![packed],
        vec![func(
            "take",
            vec![
                ("a", prim(Primitive::Bool)),
                ("p", p.clone()),
                (
                    "q",
                    TypeRef::pointer(p.clone(), false, PointerKind::Reference),
                ),
            ],
            p.clone(),
        )],
    );
    inv.target.arch = "x86_64".into();
    inv.target.family = "unix".into();
    let text = gen_text(&inv).unwrap();
    // The C ABI: the return through a hidden pointer, `a` and `q` in registers, `p` on the stack.
    assert!(
        text.contains(
            "internal static extern void take(P* __return, byte a, P* q, StackArgs3 __stack);"
        ),
        "{text}"
    );
    assert!(
        text.contains("            *(P*)((byte*)&__stack + 0) = p;\n"),
        "{text}"
    );
    assert!(text.contains("internal unsafe struct StackArgs3"), "{text}");
    compile(&text, "stack_block");
    // On aarch64 the same struct is passed in registers, which P/Invoke does too.
    inv.target.arch = "aarch64".into();
    let text = gen_text(&inv).unwrap();
    assert!(
        text.contains("internal static extern P take(byte a, P p, P* q);"),
        "{text}"
    );
}

#[test]
fn invalid_settings_are_clear_errors() {
    let bad = |config: Config| {
        Settings::resolve(&config, &package())
            .unwrap_err()
            .to_string()
    };
    assert!(
        bad(Config {
            namespace: Some("My..Ns".into()),
            ..Config::default()
        })
        .contains("not a valid C# namespace")
    );
    assert!(
        bad(Config {
            class: Some("class".into()),
            ..Config::default()
        })
        .contains("not a valid C# identifier")
    );
    let s = Settings::resolve(&Config::default(), &package()).unwrap();
    assert_eq!(
        (s.namespace.as_str(), s.class.as_str()),
        ("UnitLib", "UnitLibLib")
    );
    assert_eq!(s.library, "unit_lib");
}

mod callback_returns;
mod check;
mod options;
