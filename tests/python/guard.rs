//! The version guard and layout checks (ADR 0017) from Python: `import conformance` refuses a library
//! built from other sources (the fixture with the `strings` feature) with an ImportError naming both
//! inventory hashes, and refuses a ctypes struct whose field offsets differ from the library's.

use std::path::Path;
use std::process::Command;

use super::{config, text, tree};
use interop_tests::{assert_success, generate, python, run};

/// A copy of the generated package under `dir/conformance`, with `edit` applied to its files.
fn copy_package(from: &Path, dir: &Path, edit: impl Fn(&Path, Vec<u8>) -> Vec<u8>) {
    let pkg = dir.join("conformance");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    for (rel, bytes) in tree(from) {
        std::fs::write(pkg.join(&rel), edit(&rel, bytes)).expect("write");
    }
}

fn import(py: &Path, dir: &Path) -> std::process::Output {
    run(Command::new(py)
        .args([
            "-c",
            "import conformance._raw as r; print('loaded', r.INVENTORY_HASH)",
        ])
        .current_dir(dir)
        .env("INTEROP_PYTHON_CALLS", "ctypes"))
}

#[test]
fn import_refuses_another_library_and_a_tampered_layout() {
    let Some(py) = python() else { return };
    let dir = generate("conformance", &config(false), &[]);
    let pkg = dir.path().join("py/conformance");
    let other = generate("conformance", &config(false), &["--features", "strings"]);
    let other_lib =
        std::fs::read(other.path().join("py/conformance/libconformance.so")).expect("library");

    let ok = dir.path().join("ok");
    copy_package(&pkg, &ok, |_, b| b);
    let out = import(&py, &ok);
    assert_success(&out, "import with the library it was generated from");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let hash = stdout
        .trim()
        .strip_prefix("loaded ")
        .expect("loaded")
        .to_string();
    assert_eq!(hash.len(), 16, "{stdout}");

    let swapped = dir.path().join("swapped");
    copy_package(&pkg, &swapped, |rel, b| {
        if rel == Path::new("libconformance.so") {
            other_lib.clone()
        } else {
            b
        }
    });
    let out = import(&py, &swapped);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    for needle in [
        "ImportError: the native library libconformance.so is not the build the `conformance` bindings were generated from",
        &format!("they expect inventory hash {hash}, the library has "),
    ] {
        assert!(all.contains(needle), "`{needle}` not in {all}");
    }

    // Same size, another field: the offsets differ.
    let fields = r#"Vec2f32._fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_float)]"#;
    let tampered = dir.path().join("tampered");
    copy_package(&pkg, &tampered, |rel, b| {
        if rel == Path::new("_types.py") {
            let s = String::from_utf8(b).expect("utf-8");
            assert!(s.contains(fields), "Vec2f32 is declared as expected");
            s.replace(
                fields,
                r#"Vec2f32._fields_ = [("x", ctypes.c_float), ("y", ctypes.c_float), ("z", ctypes.c_uint16), ("w", ctypes.c_uint16)]"#,
            )
            .into_bytes()
        } else {
            b
        }
    });
    let out = import(&py, &tampered);
    let all = text(&out);
    assert!(!out.status.success(), "{all}");
    assert!(
        all.contains("ImportError: the ctypes struct Vec2f32 has size 12 and field offsets (0, 4, 8, 10), the library measured 12 and (0, 4, 8)"),
        "{all}"
    );
}
