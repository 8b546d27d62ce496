//! Strings, slices, vectors and records that own them (the conformance fixture's `strings` feature):
//! tests/c/data_enums.c compiled as C99 and C++17 against the generated header, run, and run under
//! valgrind (0 errors, every block freed); it calls every function of the feature; the header
//! matches its golden file and the layout of every view, buffer and record matches the inventory.

use std::process::Command;

use super::{Generated, assert_passed, build_program, run_program, tools};
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

/// How many CHECKs tests/c/data_enums.c runs.
const EXPECTED_CHECKS: usize = 72;

/// The fixture with the `data_enums` feature, built in its own target directory (the other tests build
/// it without the feature at the same time).
fn generated() -> Generated {
    let target_dir = harness::workspace_root().join("target/conformance-data-enums");
    Generated::with_args(&[
        "--features",
        "data_enums",
        "--target-dir",
        target_dir.to_str().expect("utf-8 path"),
    ])
}

fn data_enums_c() -> std::path::PathBuf {
    harness::tests_dir().join("c/data_enums.c")
}

#[test]
fn data_enums_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
        return;
    };
    let g = generated();
    harness::assert_golden("c/conformance-data_enums.h", &g.header());
    harness::c_headers::compile_with_standard_headers(&g.include(), "conformance.h", g.dir.path());
    for (compiler, flags, name) in [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")] {
        let exe = g.scratch(&format!("data-enums-{name}"));
        build_program(&g, compiler, flags, &data_enums_c(), &exe);
        // cargo test's LD_LIBRARY_PATH holds the fixture built without the feature: it would win
        // over the rpath.
        let stdout = run_program(
            Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
            &format!("data enums ({name})"),
        );
        assert_passed(&stdout, name, EXPECTED_CHECKS);
    }
    let mut cmd = Command::new(&tools[2]);
    cmd.args([
        "--error-exitcode=1",
        "--leak-check=full",
        "--show-leak-kinds=all",
        "--errors-for-leak-kinds=all",
    ])
    .arg(g.scratch("data-enums-c99"))
    .env("LD_LIBRARY_PATH", g.lib())
    .env_remove("RUST_BACKTRACE");
    let out = harness::run(&mut cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    harness::assert_success(&out, "valgrind data enums");
    assert_passed(
        &String::from_utf8_lossy(&out.stdout),
        "valgrind",
        EXPECTED_CHECKS,
    );
    assert!(
        stderr.contains("ERROR SUMMARY: 0 errors from 0 contexts"),
        "{stderr}"
    );
    assert!(
        stderr.contains("All heap blocks were freed -- no leaks are possible"),
        "{stderr}"
    );
}

/// data_enums.c calls every function of the feature's modules, and the header gives each view, buffer
/// and record the size, alignment and field offsets the library reports.
#[test]
fn data_enums_program_covers_the_feature_and_layouts_match() {
    let Some(tools) = tools(&["gcc"]) else {
        return;
    };
    let g = generated();
    let inventory = g.inventory();
    let program = std::fs::read_to_string(data_enums_c()).expect("read data_enums.c");
    let mut missing = Vec::new();
    for f in inventory["functions"].as_array().expect("functions") {
        let path = f["rust_path"].as_str().expect("rust_path");
        let symbol = f["symbol"].as_str().expect("symbol");
        if path.contains("::data_enums::") && !program.contains(&format!("{symbol}(")) {
            missing.push(symbol.to_string());
        }
    }
    assert!(missing.is_empty(), "data_enums.c does not call {missing:?}");

    let mut checks = Vec::new();
    for t in inventory["types"].as_array().expect("types") {
        let id = t["id"].as_str().expect("id");
        if id.contains("::data_enums::") {
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
    let source = g.scratch("data-enums-layout.c");
    std::fs::write(&source, src).expect("write data-enums-layout.c");
    let exe = g.scratch("data-enums-layout");
    build_program(&g, &tools[0], C_FLAGS, &source, &exe);
    let stdout = run_program(
        Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
        "data enums layout",
    );
    let expected: String = checks
        .iter()
        .map(|(name, l)| format!("{name} {} {}\n", l["size"], l["align"]))
        .collect();
    assert_eq!(stdout, expected);
}
