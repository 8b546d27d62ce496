//! A service's `close` (ADR 34): a consuming `close(self)` without other parameters is the class's
//! `close()`; any other shape (and a method named `closed`) is refused, naming the item and the fix.

use interop_core::model::*;

use super::{file, inventory, method, render};

fn service(name: &str) -> TypeDef {
    TypeDef {
        id: format!("k::{name}"),
        name: name.into(),
        rust_name: name.into(),
        module: None,
        docs: vec![],
        size: 8,
        align: 8,
        kind: TypeKind::Service,
    }
}

fn free() -> Function {
    let mut f = method("Db", "free", TypeRef::primitive(Primitive::Unit));
    f.kind = FunctionKind::Destructor;
    f.receiver = None;
    f.params = vec![Param::new("handle", TypeRef::named("k::Db"))];
    f
}

/// `close` of `Db` with `receiver` and `extra` parameters besides it.
fn close(receiver: Receiver, extra: usize, returns: TypeRef) -> Function {
    let mut f = method("Db", "close", returns);
    f.receiver = Some(receiver);
    if receiver == Receiver::Value {
        f.params[0].ty = TypeRef::named("k::Db");
    }
    for i in 0..extra {
        f.params.push(Param::new(
            format!("flag{i}"),
            TypeRef::primitive(Primitive::Bool),
        ));
    }
    f
}

fn diagnostics(f: Function) -> Vec<String> {
    let inv = inventory(vec![service("Db")], vec![free(), f]);
    super::check::check(&inv, "k")
        .into_iter()
        .map(|d| format!("{}: {} ({})", d.item, d.message, d.fix.unwrap_or_default()))
        .collect()
}

#[test]
fn a_consuming_close_is_the_class_close() {
    let unit = TypeRef::primitive(Primitive::Unit);
    assert_eq!(
        diagnostics(close(Receiver::Value, 0, unit.clone())),
        Vec::<String>::new()
    );
    let inv = inventory(
        vec![service("Db")],
        vec![free(), close(Receiver::Value, 0, unit)],
    );
    let files = render(&inv);
    let types = file(&files, "_types.py");
    assert!(types.contains("    def close(self) -> None:\n"), "{types}");
    // The object is taken in one guard operation (ADR 41): a closed one returns `None` at once.
    assert!(
        types.contains(
            "        _h_self = _service_take_open(self)\n        if _h_self is None:\n            \
             return None\n        try:\n            _c_"
        ),
        "{types}"
    );
    assert!(types.contains("    def _close(self) -> None:\n"), "{types}");
}

#[test]
fn a_close_returning_a_value_returns_it_once() {
    let u64_ = TypeRef::primitive(Primitive::U64);
    let inv = inventory(
        vec![service("Db")],
        vec![free(), close(Receiver::Value, 0, u64_)],
    );
    let files = render(&inv);
    let types = file(&files, "_types.py");
    assert!(
        types.contains("    def close(self) -> Optional[int]:  # type: ignore[override]\n"),
        "{types}"
    );
    assert!(
        types.contains("        if _h_self is None:\n            return None\n        try:\n            result = _c_"),
        "{types}"
    );
    assert!(!types.contains("return self._close()"), "{types}");
}

#[test]
fn other_shapes_of_close_are_refused_with_the_fix() {
    let unit = || TypeRef::primitive(Primitive::Unit);
    let fix =
        "rename it with #[ffi(name = \"…\")] (e.g. `flush_and_close`), or make it `fn close(self)`";
    for (f, shape) in [
        (close(Receiver::Ref, 0, unit()), "takes `&self`"),
        (close(Receiver::RefMut, 0, unit()), "takes `&mut self`"),
        (
            close(Receiver::Value, 1, unit()),
            "takes 1 parameter(s) besides `self`",
        ),
    ] {
        assert_eq!(
            diagnostics(f),
            vec![format!(
                "k::Db::close: method `k::Db::close` cannot be the Python class's `close()`: it \
                 {shape}, and `close()` is called without arguments (by `with` too), so only a \
                 consuming `close(self)` without other parameters can be it ({fix})"
            )]
        );
    }
    let mut closed = method("Db", "closed", TypeRef::primitive(Primitive::Bool));
    closed.receiver = Some(Receiver::Ref);
    assert_eq!(
        diagnostics(closed),
        vec![
            "k::Db::closed: method `k::Db::closed` would be named `closed`, which the generated \
             class needs for itself (`a service class` defines it) (rename it with \
             #[ffi(name = \"…\")])"
                .to_string()
        ]
    );
}
