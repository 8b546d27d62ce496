//! Options and results (the conformance fixture's `options_results` feature): tests/c/options_results.c
//! compiled as C99 and C++17 against the generated header, run, and run under valgrind (0 errors,
//! every block freed); it calls every function of the feature; the header matches its golden file and
//! the size and alignment of every option and result struct (and record holding options) match the
//! library's ABI.

use std::process::Command;

use interop_core::model::{Inventory, TypeRef};

use super::{
    Generated, build_program, feature_program_passes_and_is_valgrind_clean, run_program, tools,
};
use interop_tests as harness;
use interop_tests::c_headers::C_FLAGS;

/// How many CHECKs tests/c/options_results.c runs.
const EXPECTED_CHECKS: usize = 105;

/// The fixture with the `options_results` feature.
fn generated() -> Generated {
    Generated::with_args(&["--features", "options_results options_nested"])
}

fn program() -> std::path::PathBuf {
    harness::tests_dir().join("c/options_results.c")
}

#[test]
fn options_results_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    feature_program_passes_and_is_valgrind_clean(
        &generated(),
        &program(),
        "optres",
        "c/conformance-options_results.h",
        EXPECTED_CHECKS,
    );
}

/// The program calls every function of the feature, and C lays out every option and result struct
/// (and every record of the feature) as the library does.
#[test]
fn options_results_program_covers_the_feature_and_layouts_match() {
    let Some(tools) = tools(&["gcc"]) else {
        return;
    };
    let g = generated();
    let json = g.inventory();
    let inv: Inventory = serde_json::from_value(json).expect("the inventory parses");
    let program = std::fs::read_to_string(program()).expect("read options_results.c");
    let mut missing = Vec::new();
    let mut checks: Vec<(String, u64, u64)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for f in &inv.functions {
        if !f.rust_path.contains("::options_results::") {
            continue;
        }
        if !program.contains(&format!("{}(", f.symbol)) {
            missing.push(f.symbol.clone());
        }
        let mut types: Vec<&TypeRef> = f.params.iter().map(|p| &p.ty).collect();
        types.push(&f.returns);
        for ty in types {
            let name = c_name(&inv, ty);
            if let Some(name) = name
                && seen.insert(name.clone())
            {
                let layout = inv.layout_of(ty).expect("layout");
                checks.push((name, layout.size, layout.align));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "options_results.c does not call {missing:?}"
    );
    for t in &inv.types {
        if t.id.contains("::options_results::") {
            checks.push((t.name.clone(), t.size, t.align));
        }
    }
    let mut src = String::from("#include \"conformance.h\"\n#include <stdio.h>\n\n");
    let mut body = String::new();
    for (name, _, _) in &checks {
        src.push_str(&format!("struct align_{name} {{ char c; {name} t; }};\n"));
        body.push_str(&format!(
            "    printf(\"{name} %lu %lu\\n\", (unsigned long)sizeof({name}), \
             (unsigned long)offsetof(struct align_{name}, t));\n"
        ));
    }
    src.push_str(&format!("\nint main(void) {{\n{body}    return 0;\n}}\n"));
    let source = g.scratch("optres-layout.c");
    std::fs::write(&source, src).expect("write optres-layout.c");
    let exe = g.scratch("optres-layout");
    build_program(&g, &tools[0], C_FLAGS, &source, &exe);
    let stdout = run_program(
        Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
        "options_results layout",
    );
    let expected: String = checks
        .iter()
        .map(|(name, size, align)| format!("{name} {size} {align}\n"))
        .collect();
    assert_eq!(stdout, expected);
}

/// The C name of an option or result struct (`None` for other types).
fn c_name(inv: &Inventory, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Option(_) | TypeRef::Result(_) => Some(tag(inv, ty)),
        _ => None,
    }
}

fn tag(inv: &Inventory, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Option(o) => format!("Option{}", tag(inv, &o.inner)),
        TypeRef::Result(r) => format!("Result{}{}", tag(inv, &r.ok), tag(inv, &r.err)),
        TypeRef::Vec(v) => format!("Vec{}", tag(inv, &v.element)),
        TypeRef::String => "String".into(),
        TypeRef::Named { id } => inv.type_def(id).map_or(id.clone(), |d| d.name.clone()),
        TypeRef::Primitive { primitive } => {
            let mut name = match primitive.rust_name() {
                "()" => "unit".to_string(),
                other => other.to_string(),
            };
            name[..1].make_ascii_uppercase();
            name
        }
        _ => "Unknown".into(),
    }
}
