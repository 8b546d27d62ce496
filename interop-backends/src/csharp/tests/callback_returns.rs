//! Closures returning owned data (ADR 54) on shapes the conformance fixture does not have: a value
//! type option (`uint?`), an option of a vector, a vector of vectors; the bindings compile, and a
//! returned Rust closure returning owned data is a clear error.

use interop_core::model::*;

use super::{func, gen_text, inventory, prim};

fn closure(returns: TypeRef, ownership: CallbackOwnership) -> TypeRef {
    TypeRef::Callback(CallbackType {
        params: vec![prim(Primitive::U32)],
        returns: Box::new(returns),
        ownership,
        mutable: false,
        nullable: false,
        name: None,
        alias_hint: vec![],
    })
}

fn taking(name: &str, returns: TypeRef) -> Function {
    func(
        name,
        vec![("f", closure(returns, CallbackOwnership::Borrowed))],
        prim(Primitive::U32),
    )
}

#[test]
fn options_and_nested_vectors_are_written_to_the_slot_and_compile() {
    let inv = inventory(
        vec![],
        vec![
            taking("maybe", TypeRef::option(prim(Primitive::U32))),
            taking(
                "maybe_bytes",
                TypeRef::option(TypeRef::vec(prim(Primitive::U8))),
            ),
            taking("rows", TypeRef::vec(TypeRef::vec(prim(Primitive::U16)))),
        ],
    );
    let text = gen_text(&inv).unwrap();
    for expected in [
        "global::System.Func<uint, uint?> f",
        "global::System.Func<uint, byte[]> f",
        "global::System.Func<uint, ushort[][]> f",
        "__Give_Option_U32(__value, ret, \"return\");",
        "if (value.HasValue)",
        "slot->Value = value.GetValueOrDefault();",
        "__Give_Option_VecU8(__value, ret, \"return\");",
        "ConformanceNative.__Give_VecU16(value[i], (&items[i]), name);",
    ] {
        let expected = expected.replace("ConformanceNative", "UnitLibLibNative");
        assert!(text.contains(&expected), "missing `{expected}`");
    }
    super::compile(&text, "CallbackReturns");
}

#[test]
fn a_returned_closure_returning_owned_data_is_a_clear_error() {
    let inv = inventory(
        vec![],
        vec![func(
            "make",
            vec![],
            closure(TypeRef::String, CallbackOwnership::Owned),
        )],
    );
    let err = gen_text(&inv).unwrap_err().to_string();
    assert!(
        err.contains("returning owned data") && err.contains("not supported by the C# bindings"),
        "{err}"
    );
}
