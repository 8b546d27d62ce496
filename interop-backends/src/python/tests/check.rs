//! `Backend::check`: every naming problem at once, each naming its Rust item.

use std::path::Path;

use interop_core::model::*;

use super::{enumeration, function, inventory, method, record, try_render};
use crate::python::{Config, PythonBackend, WheelConfig};
use crate::{Backend, Context, PackageInfo};

pub(super) fn check(inv: &Inventory, package: &str) -> Vec<crate::common::diagnostics::Diagnostic> {
    check_with(inv, package, WheelConfig::default())
}

fn check_with(
    inv: &Inventory,
    package: &str,
    wheel: WheelConfig,
) -> Vec<crate::common::diagnostics::Diagnostic> {
    let info = PackageInfo {
        lib_name: package.into(),
        version: "1.0.0".into(),
        ..PackageInfo::default()
    };
    let config = Config {
        out_dir: "py".into(),
        package: None,
        release_gil: false,
        wheel,
    };
    let ctx = Context {
        inventory: inv,
        package: &info,
        native_library: Path::new("libk.so"),
        target: "x86_64-unknown-linux-gnu",
        scratch_dir: Path::new("."),
    };
    PythonBackend::new(config).check(&ctx)
}

#[test]
fn a_clean_inventory_has_no_diagnostics() {
    let inv = inventory(
        vec![record("Point", &["x", "y"])],
        vec![function("area", vec![], TypeRef::primitive(Primitive::U32))],
    );
    assert_eq!(check(&inv, "k"), vec![]);
}

#[test]
fn every_problem_is_reported_with_its_item() {
    let unit = || TypeRef::primitive(Primitive::Unit);
    let u32_ = || TypeRef::primitive(Primitive::U32);
    let mut geo = function("geo_a", vec![], unit());
    geo.module = Some("Geo".into());
    let mut geo2 = function("geo_b", vec![], unit());
    geo2.module = Some("geo".into());
    let mut private = function("hidden", vec![], unit());
    private.module = Some("_private".into());
    let twice = function(
        "twice",
        vec![Param::new("value", u32_()), Param::new("Value", u32_())],
        unit(),
    );
    let mut unspellable = record("Punkt", &["x"]);
    unspellable.name = "Pun-kt".into();
    // Python reads both as `file` (NFKC); a non-ASCII name that Python can spell is fine.
    let ligature = function("\u{fb01}le", vec![], unit());
    let file = function("file", vec![], unit());
    let umlaut = function("grüße", vec![Param::new("größe", u32_())], unit());
    let mut inv = inventory(
        vec![
            unspellable,
            record("Buffer", &["from_buffer", "len"]),
            enumeration("Mode", &["_Hidden", "On", "ON"]),
        ],
        vec![
            function("len", vec![], unit()),
            ligature,
            file,
            umlaut,
            function("len_", vec![], unit()),
            geo,
            geo2,
            private,
            twice,
            method("Buffer", "area", u32_()),
            method("Buffer", "Area", u32_()),
            method("Mode", "value", u32_()),
        ],
    );
    inv.constants = vec![
        Constant::new("max_players", u32_(), ConstValue::Int(1)),
        Constant::new("MAX_PLAYERS", u32_(), ConstValue::Int(2)),
    ];
    inv.functions.sort_by(|a, b| a.name.cmp(&b.name));
    inv.types.sort_by(|a, b| a.id.cmp(&b.id));
    inv.validate().unwrap();
    let wheel = WheelConfig {
        requires_python: "3.8".into(),
        ..WheelConfig::default()
    };
    let found = check_with(&inv, "not-valid", wheel);
    let text: Vec<String> = found
        .iter()
        .map(|d| format!("{} | {}", d.item, d.message))
        .collect();
    let expect = [
        (
            "",
            "the library name `not-valid` (the default of [python] package) is not a valid Python import name",
        ),
        (
            "",
            "[python.wheel] requires-python = \"3.8\" is not a PEP 440 version specifier set",
        ),
        ("k::Punkt", "type `Pun-kt` has no usable Python name"),
        (
            "crate::\u{fb01}le",
            "function `crate::\u{fb01}le` and function `crate::file` would both be named `file` in the package's `__init__` (Python reads identifiers in their NFKC form)",
        ),
        (
            "k::Buffer",
            "field `from_buffer` of `k::Buffer` would be named `from_buffer`, which the generated class needs for itself (`ctypes.Structure` defines it)",
        ),
        (
            "k::Mode",
            "variant `_Hidden` would be the enum member `_HIDDEN`",
        ),
        (
            "k::Mode",
            "variant `ON` of `k::Mode` and variant `On` of `k::Mode` would both be named `ON`",
        ),
        (
            "k::Buffer::area",
            "method `k::Buffer::area` and method `k::Buffer::Area` would both be named `area` in class `Buffer`",
        ),
        (
            "k::Mode::value",
            "method `k::Mode::value` would be named `value`, which the generated class needs for itself (`enum.IntEnum` defines it)",
        ),
        (
            "crate::twice",
            "parameter `Value` and parameter `value` would both be named `value`",
        ),
        (
            "crate::geo_b",
            "module `geo` and module `Geo` would both be named `geo` in the package",
        ),
        (
            "crate::hidden",
            "module `_private` would be the private submodule `_private`",
        ),
        (
            "crate::MAX_PLAYERS",
            "constant `crate::MAX_PLAYERS` and constant `crate::max_players` would both be named `MAX_PLAYERS`",
        ),
        (
            "crate::len_",
            "function `crate::len_` and function `crate::len` would both be named `len_`",
        ),
    ];
    for (item, message) in expect {
        assert!(
            found.iter().any(|d| d.item == item
                && d.message.contains(message)
                && d.language == "Python"
                && (d.fix.is_some() || d.item.is_empty())),
            "missing `{item}`: {message}\nfound:\n{}",
            text.join("\n")
        );
    }
    assert_eq!(found.len(), expect.len(), "{}", text.join("\n"));

    // Generating refuses the same inventory, naming every problem in one error.
    let err = try_render(&inv, false).unwrap_err().to_string();
    assert_eq!(err.lines().count(), expect.len() - 2, "{err}");
}
