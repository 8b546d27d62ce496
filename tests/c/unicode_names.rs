//! Non-ASCII names (the conformance fixture's `unicode_names` feature, built alone): the header
//! spells them in UTF-8 and tests/c/unicode_names.c uses them as C99 and C++17, also under
//! valgrind. Names C cannot spell are refused before generation (unit tests of the backend,
//! `c::tests::check`).

use std::process::Command;

use super::{
    Generated, assert_passed, assert_valgrind_clean, build_program, program_source, run_program,
    tools,
};
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

/// How many CHECKs tests/c/unicode_names.c runs.
const EXPECTED_CHECKS: usize = 12;

/// The fixture with only this feature (the C# and Python tests of the feature build
/// the same).
pub(crate) fn generated() -> Generated {
    Generated::with_args(&["--no-default-features", "--features", "unicode_names"])
}

#[test]
fn unicode_names_program_passes_as_c_and_cpp_and_under_valgrind() {
    let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
        return;
    };
    let g = generated();
    let header = String::from_utf8(g.header()).expect("a UTF-8 header");
    for spelled in [
        "typedef struct Größe {",
        "uint32_t länge;",
        "#define RICHTUNG_RÜCKWÄRTS ((Richtung)2)",
        "uint32_t gruesse(Größe größe, Richtung richtung);",
    ] {
        assert!(header.contains(spelled), "{spelled}\n{header}");
    }
    harness::c_headers::compile_with_standard_headers(&g.include(), "conformance.h", g.root());
    for (compiler, flags, name) in [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")] {
        let exe = g.scratch(&format!("unicode_names-{name}"));
        build_program(&g, compiler, flags, &program_source("unicode_names"), &exe);
        let what = format!("unicode_names ({name})");
        let stdout = run_program(Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()), &what);
        assert_passed(&stdout, &what, EXPECTED_CHECKS);
    }
    assert_valgrind_clean(
        &tools[2],
        &g.scratch("unicode_names-c99"),
        &g.lib(),
        EXPECTED_CHECKS,
    );
}
