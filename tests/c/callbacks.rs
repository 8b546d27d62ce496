//! Callbacks (the conformance fixture's `callbacks` and `callback_args` features):
//! tests/c/callbacks.c (every function of `callbacks`, 8 Rust threads × 100,000 calls included) and
//! tests/c/callback_args.c (borrowed parameters, `Result` returns, more shapes of Interoptopus's
//! reference project), tests/c/callback_fields.c (closures as record fields, ADR 30) and
//! tests/c/callback_ownership.c (closures handed over next to a parameter that fails, ADR 36)
//! compiled as C99 and C++17 against the generated header, run, and run under valgrind (0 errors,
//! every block freed); each counts every `drop`; the header matches its golden file.

use std::process::Command;

use super::{Generated, assert_passed, build_program, run_program, tools};
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

/// The programs and how many CHECKs each runs.
const PROGRAMS: [(&str, usize); 4] = [
    ("callbacks", 53),
    ("callback_args", 46),
    ("callback_fields", 37),
    ("callback_ownership", 38),
];

/// The fixture with the `callbacks` feature.
fn generated() -> Generated {
    Generated::with_args(&["--features", "callbacks,callback_args,callback_fields"])
}

fn source(program: &str) -> std::path::PathBuf {
    harness::tests_dir().join(format!("c/{program}.c"))
}

#[test]
fn callbacks_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
        return;
    };
    let g = generated();
    harness::assert_golden("c/conformance-callbacks.h", &g.header());
    harness::c_headers::compile_with_standard_headers(&g.include(), "conformance.h", g.root());
    for (program, expected) in PROGRAMS {
        for (compiler, flags, name) in
            [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")]
        {
            let exe = g.scratch(&format!("{program}-{name}"));
            build_program(&g, compiler, flags, &source(program), &exe);
            let stdout = run_program(
                Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
                &format!("{program} ({name})"),
            );
            assert_passed(&stdout, name, expected);
        }
        let mut cmd = Command::new(&tools[2]);
        cmd.args([
            "--error-exitcode=1",
            "--leak-check=full",
            "--show-leak-kinds=all",
            "--errors-for-leak-kinds=all",
        ])
        .arg(g.scratch(&format!("{program}-c99")))
        .env("LD_LIBRARY_PATH", g.lib())
        .env_remove("RUST_BACKTRACE");
        let out = harness::run(&mut cmd);
        let stderr = String::from_utf8_lossy(&out.stderr);
        harness::assert_success(&out, &format!("valgrind {program}"));
        assert_passed(&String::from_utf8_lossy(&out.stdout), "valgrind", expected);
        assert!(
            stderr.contains("ERROR SUMMARY: 0 errors from 0 contexts"),
            "{stderr}"
        );
        assert!(
            stderr.contains("All heap blocks were freed -- no leaks are possible"),
            "{stderr}"
        );
        // A caught panic in a returned closure is quiet (ADR 10).
        assert!(!stderr.contains("division by zero"), "{stderr}");
    }
}

/// The programs call every function of the features.
#[test]
fn callbacks_program_covers_the_feature() {
    let g = generated();
    let inventory = g.inventory();
    let program: String = PROGRAMS
        .iter()
        .map(|(p, _)| std::fs::read_to_string(source(p)).expect("read the program"))
        .collect();
    let mut missing = Vec::new();
    for f in inventory["functions"].as_array().expect("functions") {
        let path = f["rust_path"].as_str().expect("rust_path");
        let symbol = f["symbol"].as_str().expect("symbol");
        if path.contains("::callbacks::") && !program.contains(&format!("{symbol}(")) {
            missing.push(symbol.to_string());
        }
    }
    assert!(missing.is_empty(), "the programs do not call {missing:?}");
}
