//! Options and results: what C# cannot spell is refused with the item named and a fix.

use interop_core::model::*;

use super::{func, gen_text, inventory, prim};

#[test]
fn nested_options_are_refused_naming_the_item() {
    let nested = TypeRef::option(TypeRef::option(TypeRef::String));
    let inv = inventory(
        Vec::new(),
        vec![func(
            "lookup",
            vec![("key", nested.clone())],
            prim(Primitive::U32),
        )],
    );
    let err = gen_text(&inv).unwrap_err().to_string();
    assert!(err.contains("`crate::lookup`"), "{err}");
    assert!(err.contains("parameter `key`"), "{err}");
    assert!(
        err.contains("`Option<Option<String>>` has no C# spelling"),
        "{err}"
    );
    assert!(err.contains("enum with data"), "the fix: {err}");
}

#[test]
fn results_are_returned_only_and_errors_must_be_ffi_types_or_strings() {
    let bad_error = TypeRef::result(prim(Primitive::U32), prim(Primitive::U32));
    let inv = inventory(Vec::new(), vec![func("f", Vec::new(), bad_error)]);
    let err = gen_text(&inv).unwrap_err().to_string();
    assert!(
        err.contains("`u32` cannot be the error of a `Result` in C#"),
        "{err}"
    );
    let ok = TypeRef::result(prim(Primitive::Unit), TypeRef::String);
    let inv = inventory(Vec::new(), vec![func("g", Vec::new(), ok)]);
    let text = gen_text(&inv).unwrap();
    assert!(text.contains("public static void G()"), "{text}");
    assert!(
        text.contains("public class UnitLibException : global::System.Exception"),
        "{text}"
    );
    super::compile(&text, "results");
}
