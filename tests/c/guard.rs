//! The version guard and layout checks (ADR 0017): a program built against the header refuses a
//! library built from other sources (the fixture with the `strings` feature), naming both hashes;
//! the header's layout assertions stop a compilation that lays the structs out differently.

use std::process::Command;

use super::{Generated, build_program, tools};
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

const PROGRAM: &str = r#"#include "conformance.h"
#include <stdio.h>

int main(void) {
    const char *found = interop_inventory_hash();
    if (!conformance_library_matches()) {
        printf("mismatch: header %s, library %s\n", CONFORMANCE_INVENTORY_HASH, found != NULL ? found : "(none)");
        return 3;
    }
    printf("match %s\n", found);
    return 0;
}
"#;

#[test]
fn a_program_refuses_a_library_built_from_other_sources() {
    let Some(tools) = tools(&["gcc", "g++"]) else {
        return;
    };
    let g = Generated::new();
    let other = super::strings::generated();
    let source = g.scratch("guard.c");
    std::fs::write(&source, PROGRAM).expect("write guard.c");
    for (compiler, flags, name) in [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")] {
        let exe = g.scratch(&format!("guard-{name}"));
        build_program(&g, compiler, flags, &source, &exe);

        let out = harness::run(Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()));
        harness::assert_success(&out, "the matching library");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let hash = stdout.trim().strip_prefix("match ").expect("match line");
        assert_eq!(hash.len(), 16, "{stdout}");

        let out = harness::run(Command::new(&exe).env("LD_LIBRARY_PATH", other.lib()));
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert_eq!(out.status.code(), Some(3), "{name}: {stdout}");
        let words: Vec<&str> = stdout.split_whitespace().collect();
        assert_eq!(words.len(), 5, "{stdout}");
        assert_eq!(words[2].trim_end_matches(','), hash, "{stdout}");
        assert_ne!(words[4], hash, "{stdout}");
        assert_eq!(words[4].len(), 16, "{stdout}");
    }
}

#[test]
fn the_layout_assertions_stop_a_compiler_that_packs_structs() {
    let Some(tools) = tools(&["gcc", "g++"]) else {
        return;
    };
    let g = Generated::new();
    let tu = g.scratch("packed_layout.c");
    std::fs::write(&tu, "#include \"conformance.h\"\n").expect("write TU");
    for (compiler, std) in [(&tools[0], "-std=c11"), (&tools[1], "-std=c++17")] {
        let run = |extra: &[&str]| {
            harness::run(
                Command::new(compiler)
                    .args([std, "-Wall", "-Wextra", "-pedantic", "-fsyntax-only"])
                    .args(extra)
                    .arg("-I")
                    .arg(g.include())
                    .arg(&tu),
            )
        };
        harness::assert_success(&run(&[]), "the header with the library's layout");
        let out = run(&["-fpack-struct=1"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{std}: packed structs compiled");
        assert!(
            stderr.contains("layout differs from the library"),
            "{std}: {stderr}"
        );
    }
    // C99 has no static assertions: a negative array size stops the compilation.
    let out = harness::run(
        Command::new(&tools[0])
            .args(C_FLAGS)
            .args(["-fsyntax-only", "-fpack-struct=1", "-I"])
            .arg(g.include())
            .arg(&tu),
    );
    assert!(!out.status.success(), "C99: packed structs compiled");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("conformance_layout_"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
