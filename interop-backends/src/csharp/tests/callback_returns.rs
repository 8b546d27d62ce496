//! Closures returning owned data (ADR 54) on shapes the conformance fixture does not have: a value
//! type option (`uint?`), an option of a vector, a vector of vectors; the bindings compile, and a
//! returned Rust closure returning owned data (ADR 56) converts what it returns and frees the
//! native value; a `String` error crosses as the base exception's message.

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

fn error_enum() -> TypeDef {
    let variant = |name: &str, value: i128| Variant {
        name: name.into(),
        rust_name: name.into(),
        value,
        docs: vec![],
    };
    TypeDef {
        id: "u::BadInput".into(),
        name: "BadInput".into(),
        rust_name: "BadInput".into(),
        module: None,
        docs: vec![],
        size: 1,
        align: 1,
        kind: TypeKind::Enum(EnumDef {
            storage: Primitive::U8,
            variants: vec![variant("Empty", 0), variant("TooLong", 1)],
        }),
    }
}

fn making(name: &str, returns: TypeRef) -> Function {
    func(name, vec![], closure(returns, CallbackOwnership::Owned))
}

#[test]
fn returned_closures_returning_owned_data_convert_and_free_the_slot() {
    let err = TypeRef::named("u::BadInput");
    let inv = inventory(
        vec![error_enum()],
        vec![
            making("formatter", TypeRef::String),
            making("loader", TypeRef::option(TypeRef::vec(prim(Primitive::U8)))),
            making("names", TypeRef::vec(TypeRef::String)),
            making("parser", TypeRef::result(prim(Primitive::U32), err.clone())),
            making("labeler", TypeRef::result(TypeRef::String, err.clone())),
            making("checker", TypeRef::result(prim(Primitive::Unit), err)),
        ],
    );
    let text = gen_text(&inv).unwrap();
    let n = "UnitLibLibNative";
    for expected in [
        "public string Invoke(uint arg0)".to_string(),
        "public byte[] Invoke(uint arg0)".into(),
        "public string[] Invoke(uint arg0)".into(),
        "public uint Invoke(uint arg0)".into(),
        "public void Invoke(uint arg0)".into(),
        "global::System.Func<uint, string> ToDelegate()".into(),
        // The slot: zeroed, passed last, read after the panic check, freed in `finally`.
        format!("{n}.__Buffer __ret = default({n}.__Buffer);"),
        "_call(_handle.DangerousGetHandle(), arg0, &__ret);".into(),
        format!("return {n}.__LiftString((&__ret));"),
        format!("finally\n                {{\n                    {n}.__FreeString((&__ret));"),
        format!(
            "internal delegate void Call(global::System.IntPtr context, uint arg0, {n}.__Buffer* ret);"
        ),
        // A `Result`: the status, then `ok` and `err`; `Err` is the error's exception.
        "byte __status = _call(_handle.DangerousGetHandle(), arg0, &__ok, &__err);".into(),
        "if (__status == 1) throw new BadInputException(".into(),
        format!("return {n}.__LiftString((&__ok));"),
        "<exception cref=\"BadInputException\">The closure returned an error".into(),
    ] {
        assert!(text.contains(&expected), "missing `{expected}`");
    }
    assert!(
        !text.contains("not supported by the C# bindings"),
        "a refusal in the output"
    );
    super::compile(&text, "ReturnedClosures");
}

#[test]
fn a_string_error_is_the_base_exception_s_message_both_ways() {
    let text_error = || TypeRef::result(prim(Primitive::U32), TypeRef::String);
    let inv = inventory(
        vec![],
        vec![making("make", text_error()), taking("take", text_error())],
    );
    let text = gen_text(&inv).unwrap();
    let n = "UnitLibLibNative";
    for expected in [
        // A foreign closure: the base exception's message goes to the `err` slot.
        format!(
            "internal delegate byte Call(global::System.IntPtr context, uint arg0, uint* ok, {n}.__Buffer* err);"
        ),
        "catch (UnitLibException error)".to_string(),
        "__error = error.Message;".into(),
        format!("{n}.__LendString(__error, err, \"return\");"),
        // A returned closure: the slot's string is the message, the slot freed in `finally`.
        format!("string __error = {n}.__LiftString((&__err));"),
        "throw new UnitLibException(__error);".into(),
        format!("{n}.__FreeString((&__err));"),
    ] {
        assert!(text.contains(&expected), "missing `{expected}`");
    }
    super::compile(&text, "StringErrors");
}
