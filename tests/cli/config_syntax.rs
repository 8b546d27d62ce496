//! Interop.toml itself: syntax errors with line and column, unknown keys, wrong value types,
//! unsupported or missing languages, a missing file.

use interop_tests::run_cargo_interop;

use super::{CDYLIB, assert_error, build_conformance_with, temp_dir, write_crate};

#[test]
fn config_syntax_error_has_line_and_column() {
    let (_dir, out) = build_conformance_with("[c]\nout-dir = \"bindings/c\nheader = \"x.h\"\n");
    assert_error(
        &out,
        &["Interop.toml:2:22:", "2 | out-dir = \"bindings/c", "^"],
    );
}

#[test]
fn config_unknown_key_lists_the_valid_keys() {
    let (_dir, out) = build_conformance_with("[c]\nout-dir = \"out\"\nheadr = \"x.h\"\n");
    assert_error(
        &out,
        &[
            "Interop.toml:3:1: unknown field `headr`",
            "`out-dir`",
            "`header`",
            "3 | headr = \"x.h\"",
            "  | ^^^^^",
        ],
    );
}

#[test]
fn config_wrong_value_type() {
    let (_dir, out) = build_conformance_with("[csharp]\nout-dir = 42\n");
    assert_error(
        &out,
        &[
            "Interop.toml:2:11: invalid type: integer `42`",
            "2 | out-dir = 42",
        ],
    );
}

#[test]
fn config_unsupported_language() {
    let (_dir, out) = build_conformance_with("[c]\n\n[java]\npackage = \"x\"\n");
    assert_error(
        &out,
        &[
            "Interop.toml:3:2: language `java` is not supported; available: c, csharp, python",
            "3 | [java]",
        ],
    );
}

#[test]
fn config_without_any_language() {
    let (_dir, out) = build_conformance_with("# only a comment\n");
    assert_error(
        &out,
        &[
            "Interop.toml:1:1: no language is configured",
            "[c]",
            "cargo interop init",
        ],
    );
}

#[test]
fn missing_config_suggests_init() {
    let dir = temp_dir("noconfig");
    write_crate(dir.path(), "noconfig", CDYLIB, "");
    // No --manifest-path: the crate is found from the current directory, like cargo does.
    let out = run_cargo_interop(dir.path(), &["build"]);
    assert_error(
        &out,
        &["no Interop.toml at", "cargo interop init", "--config"],
    );
}
