//! Services (the conformance fixture's `services` feature) from C: tests/c/services.c compiled as
//! C99 and C++17 against the generated header, run, and run under valgrind (0 errors, every block
//! freed); it calls every function of the feature (constructors, `&self` / `&mut self` / consuming
//! methods, services as arguments and results, `_free`), the errors (NULL, a consumed handle, the
//! same object twice in one call, a free from inside a call) with their kinds in the error channel
//! (`interop_take_error`), fallible constructors (a `new` too, one panicking), a busy second object,
//! 8 threads on one object and 8 threads merging two objects into each other.

use std::process::Command;

use super::{Generated, assert_passed, build_program, run_program, tools};
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

/// How many CHECKs tests/c/services.c runs.
const EXPECTED_CHECKS: usize = 109;

/// The fixture with the `services` feature, built in its own target directory.
pub(crate) fn generated() -> Generated {
    let target_dir = harness::workspace_root().join("target/conformance-services");
    Generated::with_args(&[
        "--features",
        "services services_results",
        "--target-dir",
        target_dir.to_str().expect("utf-8 path"),
    ])
}

fn services_c() -> std::path::PathBuf {
    harness::tests_dir().join("c/services.c")
}

#[test]
fn services_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
        return;
    };
    let g = generated();
    harness::assert_golden("c/conformance-services.h", &g.header());
    let program = std::fs::read_to_string(services_c()).expect("read services.c");
    let inventory = g.inventory();
    let missing: Vec<String> = inventory["functions"]
        .as_array()
        .expect("functions")
        .iter()
        .filter(|f| {
            f["rust_path"]
                .as_str()
                .unwrap_or("")
                .contains("::services::")
        })
        .map(|f| f["symbol"].as_str().expect("symbol").to_string())
        .filter(|s| !program.contains(&format!("{s}(")))
        .collect();
    assert!(missing.is_empty(), "services.c does not call {missing:?}");
    for (compiler, flags, name) in [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")] {
        let exe = g.scratch(&format!("services-{name}"));
        let mut flags = flags.to_vec();
        flags.push("-pthread");
        build_program(&g, compiler, &flags, &services_c(), &exe);
        let stdout = run_program(
            Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
            &format!("services ({name})"),
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
    .arg(g.scratch("services-c99"))
    .env("LD_LIBRARY_PATH", g.lib())
    .env_remove("RUST_BACKTRACE");
    let out = harness::run(&mut cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    harness::assert_success(&out, "valgrind services");
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
