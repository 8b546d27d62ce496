//! Strings, slices, vectors and records that own them (the conformance fixture's `strings` feature):
//! tests/c/strings.c compiled as C99 and C++17 against the generated header, run, and run under
//! valgrind (0 errors, every block freed); it calls every function of the feature; the header
//! matches its golden file and the layout of every view, buffer and record matches the inventory.

use std::process::Command;

use super::{
    Generated, build_program, feature_program_passes_and_is_valgrind_clean, run_program, tools,
};
use interop_tests as harness;
use interop_tests::c_headers::C_FLAGS;

/// How many CHECKs tests/c/strings.c runs.
const EXPECTED_CHECKS: usize = 134;

/// The fixture with the `strings` feature, built in its own target directory (the other tests build
/// it without the feature at the same time).
fn generated() -> Generated {
    let target_dir = harness::workspace_root().join("target/conformance-strings");
    Generated::with_args(&[
        "--features",
        "strings c_strings",
        "--target-dir",
        target_dir.to_str().expect("utf-8 path"),
    ])
}

fn strings_c() -> std::path::PathBuf {
    harness::tests_dir().join("c/strings.c")
}

#[test]
fn strings_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    feature_program_passes_and_is_valgrind_clean(
        &generated(),
        &strings_c(),
        "strings",
        "c/conformance-strings.h",
        EXPECTED_CHECKS,
    );
}

/// strings.c calls every function of the feature's modules, and the header gives each view, buffer
/// and record the size, alignment and field offsets the library reports.
#[test]
fn strings_program_covers_the_feature_and_layouts_match() {
    let Some(tools) = tools(&["gcc"]) else {
        return;
    };
    let g = generated();
    let inventory = g.inventory();
    let program = std::fs::read_to_string(strings_c()).expect("read strings.c");
    let mut missing = Vec::new();
    for f in inventory["functions"].as_array().expect("functions") {
        let path = f["rust_path"].as_str().expect("rust_path");
        let symbol = f["symbol"].as_str().expect("symbol");
        if path.contains("::strings::") && !program.contains(&format!("{symbol}(")) {
            missing.push(symbol.to_string());
        }
    }
    assert!(missing.is_empty(), "strings.c does not call {missing:?}");

    let target = &inventory["target"];
    let view = &target["shapes"]["view"];
    let buffer = &target["shapes"]["owned_buffer"];
    let mut checks = vec![
        ("Str".to_string(), view.clone()),
        ("SliceU8".to_string(), view.clone()),
        ("String".to_string(), buffer.clone()),
        ("VecPerson".to_string(), buffer.clone()),
    ];
    for t in inventory["types"].as_array().expect("types") {
        let id = t["id"].as_str().expect("id");
        if id.contains("::strings::") {
            checks.push((
                t["name"].as_str().expect("name").to_string(),
                serde_json::json!({"size": t["size"], "align": t["align"]}),
            ));
        }
    }
    let mut src = String::from("#include \"conformance.h\"\n#include <stdio.h>\n\n");
    let mut body = String::new();
    for (name, layout) in &checks {
        src.push_str(&format!("struct align_{name} {{ char c; {name} t; }};\n"));
        body.push_str(&format!(
            "    printf(\"{name} %lu %lu\\n\", (unsigned long)sizeof({name}), \
             (unsigned long)offsetof(struct align_{name}, t));\n"
        ));
        let _ = layout;
    }
    src.push_str(&format!("\nint main(void) {{\n{body}    return 0;\n}}\n"));
    let source = g.scratch("strings-layout.c");
    std::fs::write(&source, src).expect("write strings-layout.c");
    let exe = g.scratch("strings-layout");
    build_program(&g, &tools[0], C_FLAGS, &source, &exe);
    let stdout = run_program(
        Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
        "strings layout",
    );
    let expected: String = checks
        .iter()
        .map(|(name, l)| format!("{name} {} {}\n", l["size"], l["align"]))
        .collect();
    assert_eq!(stdout, expected);
}
