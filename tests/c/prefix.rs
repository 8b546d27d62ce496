//! The `[c]` options `header` and `prefix` of Interop.toml, applied to a real program.

use std::process::Command;

use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

use super::{run_program, tools};

/// `header` and `prefix` from Interop.toml: another file name, prefixed types and macros.
#[test]
fn prefix_and_header_name_are_applied() {
    let Some(tools) = tools(&["gcc", "g++"]) else {
        return;
    };
    let dir = harness::generate(
        "conformance",
        "[c]\nout-dir = \"out\"\nheader = \"cf.h\"\nprefix = \"Cf\"\n",
        &[],
    );
    let out = dir.path().join("out");
    let header = std::fs::read_to_string(out.join("include/cf.h")).expect("cf.h");
    assert!(header.contains("#ifndef CF_H\n"), "{header}");
    assert!(header.contains("typedef struct CfVec2f32 {"), "{header}");
    assert!(
        header.contains("#define CF_COLOR_RED ((CfColor)0)"),
        "{header}"
    );
    assert!(!header.contains(" Vec2f32"), "every type is prefixed");
    let source = dir.path().join("prefixed.c");
    std::fs::write(
        &source,
        "#include \"cf.h\"\n#include <stdio.h>\n\
         int main(void) {\n\
             CfVec2f32 v = {1.0f, 2.0f, 3.0f};\n\
             CfVec2f32 d = my_game_function(&v);\n\
             int ok = color_next(CF_COLOR_RED) == CF_COLOR_GREEN && CF_MAX_PLAYERS == 16u\n\
                 && d.z == 6.0f && sizeof(CfWide) == 8 && CF_WIDE_HUGE == UINT64_MAX;\n\
             printf(\"%s\\n\", ok ? \"ok\" : \"wrong\");\n\
             return !ok;\n\
         }\n",
    )
    .expect("write prefixed.c");
    for (compiler, flags, name) in [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")] {
        let exe = dir.path().join(format!("prefixed-{name}"));
        let status = harness::run(
            Command::new(compiler)
                .args(flags)
                .arg("-I")
                .arg(out.join("include"))
                .arg(&source)
                .args(["-x", "none", "-L"])
                .arg(out.join("lib"))
                .arg("-lconformance")
                .arg(format!("-Wl,-rpath,{}", out.join("lib").display()))
                .arg("-o")
                .arg(&exe),
        );
        harness::assert_success(&status, &format!("compiling prefixed.c ({name})"));
        let stdout = run_program(&mut Command::new(&exe), &format!("prefixed ({name})"));
        assert_eq!(stdout.trim(), "ok");
    }
}
