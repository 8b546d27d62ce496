//! What the header looks like, construct by construct.

use std::path::Path;

use interop_core::model::*;
use serde::Deserialize;

use super::*;
use crate::c::{CBackend, Config};
use crate::{Backend, Context};

#[test]
fn skeleton_has_guard_includes_and_extern_c() {
    let h = header(&inventory(vec![], vec![], vec![]));
    assert!(h.starts_with("/*\n * fx.h: C bindings for the Rust library `fx` 1.0.0.\n"));
    assert!(h.contains("#ifndef FX_H\n#define FX_H\n"));
    assert!(h.contains("#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n"));
    assert!(h.contains("#ifdef __cplusplus\nextern \"C\" {\n#endif\n"));
    assert!(h.contains("const uint32_t *interop_panic_pending(void);"));
    assert!(h.contains("char *interop_take_panic(void);"));
    assert!(h.contains("void interop_string_free(char *s);"));
    assert!(h.ends_with("#endif /* FX_H */\n"));
    assert!(!h.contains("math.h"));
    assert!(!h.contains("INTEROP_PACKED"));
}

#[test]
fn pointers_arrays_and_const() {
    let node = structure(
        "Node",
        StructLayout::C,
        false,
        vec![
            field("value", prim(Primitive::I32), 0),
            field(
                "next",
                TypeRef::pointer(named("Node"), false, PointerKind::Raw),
                8,
            ),
        ],
    );
    let matrix = structure(
        "Matrix",
        StructLayout::C,
        false,
        vec![field(
            "m",
            TypeRef::array(TypeRef::array(prim(Primitive::F32), 3), 3),
            0,
        )],
    );
    let pp = TypeRef::pointer(
        TypeRef::pointer(named("Node"), true, PointerKind::Raw),
        false,
        PointerKind::Raw,
    );
    let inv = inventory(
        vec![node, matrix],
        vec![
            function("walk", vec![("nodes", pp.clone())], pp),
            function(
                "is_null",
                vec![(
                    "p",
                    TypeRef::pointer(prim(Primitive::CVoid), false, PointerKind::Raw),
                )],
                prim(Primitive::Bool),
            ),
            function(
                "grid",
                vec![(
                    "g",
                    TypeRef::pointer(
                        TypeRef::array(prim(Primitive::U8), 4),
                        true,
                        PointerKind::Raw,
                    ),
                )],
                prim(Primitive::Unit),
            ),
        ],
        vec![],
    );
    let h = header(&inv);
    assert!(h.contains("typedef struct Node Node;\n"), "{h}");
    assert!(
        h.contains("struct Node {\n    int32_t value;\n    const Node *next;\n};\n"),
        "{h}"
    );
    assert!(
        h.contains("typedef struct Matrix {\n    float m[3][3];\n} Matrix;\n"),
        "{h}"
    );
    assert!(
        h.contains("Node *const *walk(Node *const *nodes);\n"),
        "{h}"
    );
    assert!(h.contains("bool is_null(const void *p);\n"), "{h}");
    assert!(h.contains("void grid(uint8_t (*g)[4]);\n"), "{h}");
}

#[test]
fn enums_are_exact_width_typedefs_with_macros() {
    let inv = inventory(
        vec![
            enumeration("Small", Primitive::U8, &[("A", 1), ("C", 255)]),
            enumeration(
                "Signed",
                Primitive::I16,
                &[("Min", -32768), ("MinusOne", -1)],
            ),
            enumeration("Wide", Primitive::U64, &[("Huge", u64::MAX.into())]),
            enumeration("Long", Primitive::I64, &[("Lowest", i64::MIN.into())]),
        ],
        vec![],
        vec![constant("FAVOURITE", named("Small"), ConstValue::Int(255))],
    );
    let h = header(&inv);
    assert!(
        h.contains(
            "typedef uint8_t Small;\n#define SMALL_A ((Small)1)\n#define SMALL_C ((Small)255)\n"
        ),
        "{h}"
    );
    assert!(
        h.contains("#define SIGNED_MIN ((Signed)-32768)\n#define SIGNED_MINUS_ONE ((Signed)-1)\n"),
        "{h}"
    );
    assert!(
        h.contains(
            "typedef uint64_t Wide;\n#define WIDE_HUGE ((Wide)UINT64_C(18446744073709551615))\n"
        ),
        "{h}"
    );
    assert!(
        h.contains("#define LONG_LOWEST ((Long)(-INT64_C(9223372036854775807) - 1))\n"),
        "{h}"
    );
    assert!(
        h.contains("#define FAVOURITE ((Small)UINT8_C(255))\n"),
        "{h}"
    );
}

#[test]
fn prefix_applies_to_types_variants_and_constants() {
    let inv = inventory(
        vec![
            enumeration("Color", Primitive::I32, &[("Red", 0)]),
            structure(
                "Pair",
                StructLayout::C,
                true,
                vec![field("0", prim(Primitive::I32), 0)],
            ),
        ],
        vec![function(
            "pair_get",
            vec![("p", named("Pair"))],
            named("Color"),
        )],
        vec![constant("MAX", prim(Primitive::U32), ConstValue::Int(3))],
    );
    let h = header_with(&inv, "Cf").unwrap();
    assert!(
        h.contains("typedef int32_t CfColor;\n#define CF_COLOR_RED ((CfColor)0)\n"),
        "{h}"
    );
    assert!(
        h.contains("typedef struct CfPair {\n    int32_t _0;\n} CfPair;\n"),
        "{h}"
    );
    assert!(h.contains("#define CF_MAX UINT32_C(3)\n"), "{h}");
    assert!(h.contains("CfColor pair_get(CfPair p);\n"), "{h}");
    let err = header_with(&inv, "9x").unwrap_err().to_string();
    assert!(err.contains("prefix"), "{err}");
}

#[test]
fn keywords_and_type_names_are_escaped_in_fields_and_params() {
    let inv = inventory(
        vec![structure(
            "Keywords",
            StructLayout::C,
            false,
            vec![
                field("class", prim(Primitive::I32), 0),
                field("class_", prim(Primitive::I32), 4),
                field("new", prim(Primitive::I32), 8),
                field("Keywords", prim(Primitive::I32), 12),
            ],
        )],
        vec![function(
            "kw",
            vec![
                ("self", named("Keywords")),
                ("int", prim(Primitive::I32)),
                ("template", prim(Primitive::I32)),
                ("this", prim(Primitive::I32)),
            ],
            prim(Primitive::I32),
        )],
        vec![],
    );
    let h = header(&inv);
    assert!(
        h.contains(
            "    int32_t class_;\n    int32_t class__;\n    int32_t new_;\n    int32_t Keywords_;\n"
        ),
        "{h}"
    );
    assert!(
        h.contains("int32_t kw(Keywords self, int32_t int_, int32_t template_, int32_t this_);\n"),
        "{h}"
    );
}

#[test]
fn packed_structs_use_attribute_and_msvc_pragma() {
    let inv = inventory(
        vec![structure(
            "Packed",
            StructLayout::Packed,
            false,
            vec![
                field("tag", prim(Primitive::U8), 0),
                field("value", prim(Primitive::U32), 1),
            ],
        )],
        vec![],
        vec![],
    );
    let h = header(&inv);
    assert!(
        h.contains("#define INTEROP_PACKED __attribute__((packed))"),
        "{h}"
    );
    assert!(h.contains(
        "#ifdef _MSC_VER\n#pragma pack(push, 1)\n#endif\ntypedef struct INTEROP_PACKED Packed {\n    uint8_t tag;\n    uint32_t value;\n} Packed;\n#ifdef _MSC_VER\n#pragma pack(pop)\n#endif\n"
    ), "{h}");
}

#[test]
fn constants_have_typed_round_tripping_literals() {
    let inv = inventory(
        vec![],
        vec![],
        vec![
            constant(
                "BIG",
                prim(Primitive::U64),
                ConstValue::Int(u64::MAX.into()),
            ),
            constant(
                "MIN_I64",
                prim(Primitive::I64),
                ConstValue::Int(i64::MIN.into()),
            ),
            constant("NEG", prim(Primitive::I32), ConstValue::Int(-42)),
            constant(
                "HALF",
                prim(Primitive::F32),
                ConstValue::F32Bits(0.5f32.to_bits()),
            ),
            constant(
                "PI",
                prim(Primitive::F64),
                ConstValue::F64Bits(1.2345f64.to_bits()),
            ),
            constant("YES", prim(Primitive::Bool), ConstValue::Bool(true)),
            constant(
                "NOT_A_NUMBER",
                prim(Primitive::F64),
                ConstValue::F64Bits(f64::NAN.to_bits()),
            ),
        ],
    );
    let h = header(&inv);
    for line in [
        "#define BIG UINT64_C(18446744073709551615)\n",
        "#define MIN_I64 (-INT64_C(9223372036854775807) - 1)\n",
        "#define NEG (-INT32_C(42))\n",
        "#define HALF 0.5f\n",
        "#define PI 1.2345\n",
        "#define YES true\n",
        "#define NOT_A_NUMBER ((double)NAN)\n",
        "#include <math.h>\n",
    ] {
        assert!(h.contains(line), "missing {line:?} in\n{h}");
    }
    let bad = inventory(
        vec![],
        vec![],
        vec![constant("X", prim(Primitive::U8), ConstValue::Int(300))],
    );
    let err = header_with(&bad, "").unwrap_err().to_string();
    assert!(
        err.contains("`crate::X`: the constant has a value (300)"),
        "{err}"
    );
}

#[test]
fn docs_are_escaped_and_indented() {
    let mut s = structure(
        "S",
        StructLayout::C,
        false,
        vec![field("x", prim(Primitive::U8), 0)],
    );
    s.docs = vec!["Ends a comment */ early? Not ??/ here.".into()];
    if let TypeKind::Struct(def) = &mut s.kind {
        def.fields[0].docs = vec!["First.".into(), "".into(), "Second.".into()];
    }
    let mut f = function(
        "get",
        vec![(
            "s",
            TypeRef::pointer(named("S"), false, PointerKind::Reference),
        )],
        prim(Primitive::U8),
    );
    f.docs = vec!["Reads it.".into()];
    let h = header(&inventory(vec![s], vec![f], vec![]));
    assert!(h.contains("/** Ends a comment *\\/ early? Not ?\\?/ here. */\ntypedef struct S {\n    /**\n     * First.\n     *\n     * Second.\n     */\n    uint8_t x;\n"), "{h}");
    assert!(h.contains("/**\n * Reads it.\n *\n * `s` must not be NULL (NULL is refused: INTEROP_ERROR_INVALID_ARGUMENT).\n */\nuint8_t get(const S *s);\n"), "{h}");
}

#[test]
fn long_signatures_wrap_one_parameter_per_line() {
    let params: Vec<(&str, TypeRef)> = [
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
    ]
    .into_iter()
    .map(|n| (n, prim(Primitive::I64)))
    .collect();
    let h = header(&inventory(
        vec![],
        vec![function("long_one", params, prim(Primitive::I64))],
        vec![],
    ));
    assert!(
        h.contains("int64_t long_one(int64_t alpha,\n                 int64_t bravo,\n"),
        "{h}"
    );
    assert!(h.contains("                 int64_t hotel);\n"), "{h}");
}

#[test]
fn modules_get_their_own_sections() {
    let mut clamp = function(
        "clamp",
        vec![("x", prim(Primitive::F64))],
        prim(Primitive::F64),
    );
    clamp.module = Some("math".into());
    let h = header(&inventory(
        vec![],
        vec![function("noop", vec![], prim(Primitive::Unit)), clamp],
        vec![],
    ));
    let plain = h
        .find("/* ---- Functions ---- */\n\nvoid noop(void);\n")
        .expect(&h);
    let math = h
        .find("/* ---- Functions of module `math` ---- */\n\ndouble clamp(double x);\n")
        .expect(&h);
    assert!(plain < math);
}

#[test]
fn rendering_is_deterministic() {
    let inv = inventory(
        vec![enumeration(
            "Color",
            Primitive::I32,
            &[("Red", 0), ("Green", 1)],
        )],
        vec![function("noop", vec![], prim(Primitive::Unit))],
        vec![],
    );
    assert_eq!(header(&inv), header(&inv));
}

#[test]
fn pkg_config_file_is_relocatable() {
    let mut pkg = package();
    pkg.description = Some("A $1 library\n# for tests".into());
    pkg.repository = Some("https://example.org/fx".into());
    let pc = CBackend::new(Config::default())
        .render_pkg_config(&pkg)
        .unwrap();
    assert!(pc.contains("prefix=${pcfiledir}/../..\n"), "{pc}");
    assert!(
        pc.contains("Description: A $$1 library \\# for tests\n"),
        "{pc}"
    );
    assert!(pc.contains("URL: https://example.org/fx\n"), "{pc}");
    assert!(
        pc.contains("Cflags: -I${includedir}\nLibs: -L${libdir} -lfx\n"),
        "{pc}"
    );
}

#[test]
fn header_names_must_be_plain_file_names() {
    let pkg = package();
    let inv = inventory(vec![], vec![], vec![]);
    let ctx = Context {
        inventory: &inv,
        package: &pkg,
        native_library: Path::new("/nonexistent/libfx.so"),
        target: "x86_64-unknown-linux-gnu",
        scratch_dir: Path::new("/tmp"),
    };
    let bad = CBackend::new(Config {
        header: Some("../fx.h".into()),
        ..Config::default()
    });
    assert!(
        bad.generate(&ctx)
            .unwrap_err()
            .to_string()
            .contains("plain file name")
    );
    let good = CBackend::new(Config::default());
    let files = good.generate(&ctx).unwrap();
    assert_eq!(files[0].path, Path::new("include/fx.h"));
    let err = good.package(&ctx, &files).unwrap_err().to_string();
    assert!(err.contains("/nonexistent/libfx.so"), "{err}");
}

#[test]
fn config_keys_are_kebab_case_and_strict() {
    // (`header` is an Option, which this string-only test deserializer cannot feed.)
    let c = config_from(&[("out-dir", "out"), ("prefix", "P")]).unwrap();
    assert_eq!(c.out_dir, Path::new("out"));
    assert_eq!(c.prefix, "P");
    let d = config_from(&[]).unwrap();
    assert_eq!(d.out_dir, Path::new("bindings/c"));
    assert!(config_from(&[("out_dir", "out")]).is_err());
}

fn config_from(pairs: &[(&str, &str)]) -> Result<Config, serde::de::value::Error> {
    let pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::deserialize(serde::de::value::MapDeserializer::new(pairs.into_iter()))
}

#[test]
fn names_of_the_c_standard_headers_get_a_trailing_underscore() {
    let platform = structure(
        "Platform",
        StructLayout::C,
        false,
        vec![
            field("unix", prim(Primitive::Bool), 0),
            field("errno", prim(Primitive::I32), 4),
            field("time", prim(Primitive::U64), 8),
        ],
    );
    let mut file = structure(
        "FILE",
        StructLayout::C,
        false,
        vec![field("fd", prim(Primitive::I32), 0)],
    );
    file.id = "fx::File".into();
    let inv = inventory(
        vec![
            platform,
            file,
            enumeration("Exit", Primitive::I32, &[("Success", 0), ("Failure", 1)]),
        ],
        vec![function(
            "make",
            vec![
                ("linux", prim(Primitive::Bool)),
                ("exit", prim(Primitive::I32)),
            ],
            TypeRef::named("fx::File"),
        )],
        vec![constant("U8", prim(Primitive::U8), ConstValue::Int(8))],
    );
    let h = header(&inv);
    for line in [
        "    bool unix_;\n    int32_t errno_;\n    uint64_t time;\n",
        "typedef struct FILE_ {\n",
        "#define EXIT_SUCCESS_ ((Exit)0)\n#define EXIT_FAILURE_ ((Exit)1)\n",
        "#define U8_ UINT8_C(8)\n",
        "FILE_ make(bool linux_, int32_t exit);\n",
    ] {
        assert!(h.contains(line), "missing {line:?} in\n{h}");
    }
}
