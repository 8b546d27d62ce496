//! Services (the conformance fixture's `services` feature) from C: tests/c/services.c compiled as
//! C99 and C++17 against the generated header, run, and run under valgrind (0 errors, every block
//! freed); it calls every function of the feature (constructors, `&self` / `&mut self` / consuming
//! methods, services as arguments and results, `_free`), the errors (NULL, a consumed handle, the
//! same object twice in one call, a free from inside a call) with their kinds in the error channel
//! (`interop_take_error`), fallible constructors (a `new` too, one panicking), a busy second object,
//! 8 threads on one object and 8 threads merging two objects into each other.
//! tests/c/services_callbacks.c (feature `services_callbacks`) the same way: a borrowed callback, a
//! kept listener (replaced, cleared, dropped with the service; called from a Rust thread the service
//! starts and from 8 threads), a constructor keeping a callback, a callback returning a `Result`,
//! `&CStr` parameters and a `&'static CStr` return; every `drop` counted.
//! tests/c/service_close.c: `Journal`'s consuming `close(self) -> Result<(), E>` (ADR 34) stays two
//! steps in C: close consumes (error, panic, later calls fail), `_free` frees.
//! tests/c/service_dispose.c: every service's `_dispose` (ADR 40): close then free, free without
//! close, close twice, a call on a closed handle, a close during a call and racing with calls on
//! other threads, a close from inside a call on the object.

use std::process::Command;

use super::{Generated, assert_passed, build_program, run_program, tools};
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

/// The programs, the fixture module whose functions each must call (`Journal`'s, ADR 34: only
/// service_close.c; every `_dispose`, ADR 40: only service_dispose.c), and how many CHECKs each
/// runs.
const PROGRAMS: [(&str, &str, usize); 4] = [
    ("services", "::services::", 109),
    ("services_callbacks", "::services_callbacks::", 62),
    ("service_close", "::services::", 22),
    ("service_dispose", "::services", 28),
];

/// True when `program` must call the function at `rust_path` (of kind `kind`) of its module.
fn covers(program: &str, rust_path: &str, kind: &str) -> bool {
    let journal = rust_path.to_lowercase().contains("journal");
    let dispose = kind == "dispose";
    match program {
        "service_dispose" => dispose,
        _ if dispose => false,
        "service_close" => journal,
        "services" => !journal,
        _ => true,
    }
}

/// The fixture with the `services` feature.
pub(crate) fn generated() -> Generated {
    Generated::with_args(&["--features", "services services_results services_callbacks"])
}

fn source(program: &str) -> std::path::PathBuf {
    harness::tests_dir().join(format!("c/{program}.c"))
}

#[test]
fn services_program_passes_as_c_and_cpp_and_is_valgrind_clean() {
    let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
        return;
    };
    let g = generated();
    harness::assert_golden("c/conformance-services.h", &g.header());
    let inventory = g.inventory();
    for (program, module, expected) in PROGRAMS {
        let text = std::fs::read_to_string(source(program)).expect("read the program");
        let missing: Vec<String> = inventory["functions"]
            .as_array()
            .expect("functions")
            .iter()
            .filter(|f| f["rust_path"].as_str().unwrap_or("").contains(module))
            .filter(|f| {
                covers(
                    program,
                    f["rust_path"].as_str().unwrap_or(""),
                    f["kind"].as_str().unwrap_or(""),
                )
            })
            // The owned copies of borrowed views are for C# and Python (ADR 31).
            .filter(|f| f["kind"].as_str() != Some("owned_copy"))
            .map(|f| f["symbol"].as_str().expect("symbol").to_string())
            .filter(|s| !text.contains(&format!("{s}(")))
            .collect();
        assert!(missing.is_empty(), "{program}.c does not call {missing:?}");
        for (compiler, flags, name) in
            [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")]
        {
            let exe = g.scratch(&format!("{program}-{name}"));
            let mut flags = flags.to_vec();
            flags.push("-pthread");
            build_program(&g, compiler, &flags, &source(program), &exe);
            let stdout = run_program(
                Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
                &format!("{program} ({name})"),
            );
            assert_passed(&stdout, name, expected);
        }
        valgrind(&g, &tools[2], program, expected);
    }
}

/// The C99 build of `program` under valgrind: 0 errors, every block freed.
fn valgrind(g: &Generated, valgrind: &std::path::Path, program: &str, expected: usize) {
    let mut cmd = Command::new(valgrind);
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
}
