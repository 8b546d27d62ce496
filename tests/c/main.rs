//! End-to-end tests of the C backend: `cargo interop build` on the conformance fixture, then the
//! generated header compiled by gcc (C99, pedantic) and g++ (C++17), one test program per construct
//! (tests/c/<construct>.c, see [`constructs`]) linked against the copied library and run as C and as
//! C++, under valgrind and through the generated pkg-config file.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

mod callback_alias_refs;
mod callback_data_returns;
mod callback_optional_refs;
mod callback_refs;
mod callback_returned_owned;
mod callback_returned_refs;
mod callback_returns;
mod callback_slice_refs;
mod callback_twins;
mod callbacks;
mod constructs;
mod data_enums;
mod feature;
mod generics;
mod guard;
mod optional_views;
mod options_results;
mod ordering;
mod prefix;
mod services;
mod strings;
mod unicode_names;

const CONFIG: &str = "[c]\nout-dir = \"c-out\"\n";

/// The generated output of one `cargo interop build` run.
struct Generated {
    root: PathBuf,
    /// Removes `root` when dropped (none for the shared output, see [`shared`]).
    _temp: Option<tempfile::TempDir>,
}

impl Generated {
    fn new() -> Self {
        Self::with_args(&[])
    }

    /// With extra `cargo interop build` arguments (features, a target directory).
    fn with_args(args: &[&str]) -> Self {
        let temp = harness::generate("conformance", CONFIG, args);
        Self {
            root: temp.path().to_path_buf(),
            _temp: Some(temp),
        }
    }

    /// The directory holding the output (and the scratch files of the tests).
    fn root(&self) -> &Path {
        &self.root
    }

    fn out(&self) -> PathBuf {
        self.root.join("c-out")
    }

    fn include(&self) -> PathBuf {
        self.out().join("include")
    }

    fn lib(&self) -> PathBuf {
        self.out().join("lib")
    }

    fn header(&self) -> Vec<u8> {
        std::fs::read(self.include().join("conformance.h")).expect("header was generated")
    }

    /// A scratch path inside the root (outside the backend's output).
    fn scratch(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }

    /// The inventory JSON, read from the copied library.
    fn inventory(&self) -> serde_json::Value {
        let path = self.lib().join("libconformance.so");
        // SAFETY: the library is the fixture we just built; its inventory symbol has the documented
        // signature and returns a pointer to `len` bytes owned by the library, copied before unloading.
        let json = unsafe {
            let lib = libloading::Library::new(&path).expect("load the copied library");
            let f: libloading::Symbol<unsafe extern "C" fn(*mut usize) -> *const u8> =
                lib.get(b"interop_inventory").expect("inventory symbol");
            let mut len = 0usize;
            let ptr = f(&mut len);
            assert!(!ptr.is_null());
            std::slice::from_raw_parts(ptr, len).to_vec()
        };
        serde_json::from_slice(&json).expect("inventory is JSON")
    }
}

/// The fixture with its default features (the wave-1 constructs), built once per test process and
/// shared by every test that only reads the output (each writes its scratch files under a name of
/// its own).
fn shared() -> &'static Generated {
    static SHARED: OnceLock<Generated> = OnceLock::new();
    SHARED.get_or_init(|| Generated {
        root: harness::generate_shared("c-conformance", "conformance", CONFIG, &[]),
        _temp: None,
    })
}

/// The test program of a construct: tests/c/<construct>.c.
fn program_source(construct: &str) -> PathBuf {
    harness::tests_dir().join(format!("c/{construct}.c"))
}

/// Compile and link `sources` with `compiler` and `flags` against the generated library.
fn build_program(g: &Generated, compiler: &Path, flags: &[&str], source: &Path, exe: &Path) {
    let mut cmd = Command::new(compiler);
    cmd.args(flags)
        .arg("-I")
        .arg(g.include())
        .arg(source)
        // Back to "detect by extension" so `-x c++` does not apply to the linker inputs.
        .args(["-x", "none", "-L"])
        .arg(g.lib())
        .arg("-lconformance")
        .arg(format!("-Wl,-rpath,{}", g.lib().display()))
        .arg("-o")
        .arg(exe);
    let out = harness::run(&mut cmd);
    harness::assert_success(
        &out,
        &format!("compiling {} with {}", source.display(), compiler.display()),
    );
}

/// Run a test program; return its stdout after checking it exited 0.
fn run_program(cmd: &mut Command, what: &str) -> String {
    // Without RUST_BACKTRACE the panic hook prints one line; with it, std caches symbolization data
    // for the rest of the process (see docs/c/tests.md, "valgrind").
    cmd.env_remove("RUST_BACKTRACE");
    let out = harness::run(cmd);
    harness::assert_success(&out, what);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Parse "N passed, M failed" and check that `expected` checks passed.
fn assert_passed(stdout: &str, what: &str, expected: usize) {
    let line = stdout
        .lines()
        .find(|l| l.ends_with(" failed"))
        .unwrap_or_else(|| panic!("{what}: no summary line in output:\n{stdout}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a number"))
        .collect();
    assert_eq!(
        numbers,
        vec![expected, 0],
        "{what}: expected `{expected} passed, 0 failed`, got `{line}`"
    );
}

/// Run `exe` (linked against `lib`) under valgrind: it exits 0, `expected` checks pass, valgrind
/// reports 0 errors and every heap block freed.
fn assert_valgrind_clean(valgrind: &Path, exe: &Path, lib: &Path, expected: usize) {
    let mut cmd = Command::new(valgrind);
    cmd.args([
        "--error-exitcode=1",
        "--leak-check=full",
        "--show-leak-kinds=all",
        "--errors-for-leak-kinds=all",
    ])
    .arg(exe)
    // cargo test's LD_LIBRARY_PATH may hold a build of the fixture with other features: it would
    // win over the rpath.
    .env("LD_LIBRARY_PATH", lib)
    .env_remove("RUST_BACKTRACE");
    let out = harness::run(&mut cmd);
    let what = format!("valgrind {}", exe.display());
    let stderr = String::from_utf8_lossy(&out.stderr);
    harness::assert_success(&out, &what);
    assert_passed(&String::from_utf8_lossy(&out.stdout), &what, expected);
    assert!(
        stderr.contains("ERROR SUMMARY: 0 errors from 0 contexts"),
        "{what}:\n{stderr}"
    );
    assert!(
        stderr.contains("All heap blocks were freed -- no leaks are possible"),
        "{what}:\n{stderr}"
    );
}

fn tools(names: &[&str]) -> Option<Vec<PathBuf>> {
    names.iter().map(|n| harness::require_tool(n)).collect()
}

#[test]
fn header_compiles_alone_as_c99_and_cpp17_and_matches_golden() {
    let Some(tools) = tools(&["gcc", "g++"]) else {
        return;
    };
    let g = shared();
    let header = g.header();
    harness::assert_golden("c/conformance.h", &header);

    let text = String::from_utf8(header).expect("UTF-8 header");
    assert!(
        !text.contains(g.root().to_str().expect("utf-8")),
        "no absolute paths"
    );

    // Twice in one translation unit: the include guard works.
    let tu = g.scratch("header_only.c");
    std::fs::write(
        &tu,
        "#include \"conformance.h\"\n#include \"conformance.h\"\n",
    )
    .expect("write TU");
    for (compiler, flags) in [(&tools[0], C_FLAGS), (&tools[1], CXX_FLAGS)] {
        let out = harness::run(
            Command::new(compiler)
                .args(flags)
                .arg("-I")
                .arg(g.include())
                .arg("-fsyntax-only")
                .arg(&tu),
        );
        harness::assert_success(&out, &format!("{} on the header alone", compiler.display()));
        assert!(
            out.stderr.is_empty(),
            "warnings:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Names of the header never collide with what the C standard headers or GNU C define.
#[test]
fn header_compiles_next_to_every_c_standard_header() {
    let g = shared();
    harness::c_headers::compile_with_standard_headers(&g.include(), "conformance.h", g.root());
}

#[test]
fn pkg_config_file_builds_the_program() {
    let Some(tools) = tools(&["gcc", "pkg-config"]) else {
        return;
    };
    let g = shared();
    let pc_dir = g.lib().join("pkgconfig");
    let pkg_config = |args: &[&str]| {
        let out = harness::run(
            Command::new(&tools[1])
                .env("PKG_CONFIG_PATH", &pc_dir)
                .env_remove("PKG_CONFIG_LIBDIR")
                .args(args)
                .arg("conformance"),
        );
        harness::assert_success(&out, &format!("pkg-config {args:?}"));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(pkg_config(&["--modversion"]), "1.2.3");
    let flags = pkg_config(&["--cflags", "--libs"]);
    assert!(flags.contains("-lconformance"), "{flags}");
    let libdir = PathBuf::from(pkg_config(&["--variable=libdir"]));
    assert_eq!(
        libdir.canonicalize().expect("libdir exists"),
        g.lib().canonicalize().expect("lib exists"),
        "the .pc file is relocatable: libdir resolves next to it"
    );

    // Every construct's program, built with nothing but the flags pkg-config prints.
    for (construct, expected) in constructs::CONSTRUCTS {
        let exe = g.scratch(&format!("{construct}-pkg-config"));
        let out = harness::run(
            Command::new(&tools[0])
                .args(C_FLAGS)
                .arg(program_source(construct))
                .args(flags.split_whitespace())
                .arg("-o")
                .arg(&exe),
        );
        harness::assert_success(&out, &format!("gcc {construct}.c with pkg-config flags"));
        let stdout = run_program(
            Command::new(&exe).env("LD_LIBRARY_PATH", &libdir),
            &format!("{construct} (pkg-config build)"),
        );
        assert_passed(
            &stdout,
            &format!("{construct} (pkg-config build)"),
            *expected,
        );
    }
}

/// Keywords the C backend escapes with a trailing `_` that the fixture uses as field names.
const ESCAPED_FIELDS: &[&str] = &[
    "class", "int", "new", "default", "this", "template", "delete",
];

/// Layout of every struct and enum, checked in C against the sizes, alignments and field offsets
/// the library reported about itself.
#[test]
fn layout_matches_the_inventory() {
    let Some(tools) = tools(&["gcc"]) else {
        return;
    };
    let g = shared();
    let inventory = g.inventory();
    let mut src = String::from(
        "#include \"conformance.h\"\n#include <stdio.h>\n\nstatic int failed = 0, checked = 0;\n\
         #define EXPECT(actual, expected, what) do { checked++; if ((size_t)(actual) != (size_t)(expected)) \
         { failed++; printf(\"%s: %lu != %lu\\n\", what, (unsigned long)(actual), (unsigned long)(expected)); } } while (0)\n\n",
    );
    let mut body = String::new();
    let mut expected = 0usize;
    for t in inventory["types"].as_array().expect("types") {
        let name = t["name"].as_str().expect("name");
        let kind = &t["kind"];
        let (size, align) = (
            t["size"].as_u64().expect("size"),
            t["align"].as_u64().expect("align"),
        );
        match kind["kind"].as_str().expect("kind") {
            "opaque" => continue,
            "enum" => {}
            "struct" => {
                for (i, f) in kind["fields"]
                    .as_array()
                    .expect("fields")
                    .iter()
                    .enumerate()
                {
                    let raw = f["name"].as_str().expect("field name");
                    let field = if kind["tuple"] == true {
                        format!("_{i}")
                    } else if ESCAPED_FIELDS.contains(&raw) {
                        format!("{raw}_")
                    } else {
                        raw.to_string()
                    };
                    let offset = f["offset"].as_u64().expect("offset");
                    body.push_str(&format!(
                        "    EXPECT(offsetof({name}, {field}), {offset}, \"offsetof({name}, {field})\");\n"
                    ));
                    expected += 1;
                }
            }
            other => panic!("unknown type kind {other}"),
        }
        src.push_str(&format!("struct align_{name} {{ char c; {name} t; }};\n"));
        body.push_str(&format!(
            "    EXPECT(sizeof({name}), {size}, \"sizeof({name})\");\n    \
             EXPECT(offsetof(struct align_{name}, t), {align}, \"alignof({name})\");\n"
        ));
        expected += 2;
    }
    assert!(
        expected > 50,
        "the fixture has many types: {expected} checks"
    );
    src.push_str(&format!(
        "\nint main(void) {{\n{body}    printf(\"%d checked, %d failed\\n\", checked, failed);\n    return failed != 0;\n}}\n"
    ));
    let source = g.scratch("layout.c");
    std::fs::write(&source, src).expect("write layout.c");
    let exe = g.scratch("layout");
    build_program(g, &tools[0], C_FLAGS, &source, &exe);
    let stdout = run_program(&mut Command::new(&exe), "layout check");
    assert_eq!(stdout.trim(), format!("{expected} checked, 0 failed"));
}

/// Two runs produce byte-identical output.
#[test]
fn output_is_deterministic() {
    let a = Generated::new();
    let b = Generated::new();
    let (fa, fb) = (
        harness::files_under(&a.out()),
        harness::files_under(&b.out()),
    );
    assert_eq!(
        fa.keys().collect::<Vec<_>>(),
        fb.keys().collect::<Vec<_>>(),
        "same files"
    );
    assert!(fa.contains_key(Path::new("include/conformance.h")));
    assert!(fa.contains_key(Path::new("lib/pkgconfig/conformance.pc")));
    assert!(fa.contains_key(Path::new("lib/libconformance.so")));
    for (path, bytes) in &fa {
        assert!(
            fb[path] == *bytes,
            "{} differs between runs",
            path.display()
        );
    }
}

/// A feature's C program (`program`, named `name` in messages and scratch files) compiled as C99 and
/// C++17 against the generated header (which must match the golden file `golden`), run, and run
/// again under valgrind: every run passes `expected` checks, valgrind reports 0 errors and no block
/// left allocated.
fn feature_program_passes_and_is_valgrind_clean(
    g: &Generated,
    program: &Path,
    name: &str,
    golden: &str,
    expected: usize,
) {
    let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
        return;
    };
    harness::assert_golden(golden, &g.header());
    harness::c_headers::compile_with_standard_headers(&g.include(), "conformance.h", g.root());
    for (compiler, flags, standard) in
        [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")]
    {
        let exe = g.scratch(&format!("{name}-{standard}"));
        build_program(g, compiler, flags, program, &exe);
        // cargo test's LD_LIBRARY_PATH holds the fixture built without the feature: it would win
        // over the rpath.
        let stdout = run_program(
            Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()),
            &format!("{name} ({standard})"),
        );
        assert_passed(&stdout, standard, expected);
    }
    let mut cmd = Command::new(&tools[2]);
    cmd.args([
        "--error-exitcode=1",
        "--leak-check=full",
        "--show-leak-kinds=all",
        "--errors-for-leak-kinds=all",
    ])
    .arg(g.scratch(&format!("{name}-c99")))
    .env("LD_LIBRARY_PATH", g.lib())
    .env_remove("RUST_BACKTRACE");
    let out = harness::run(&mut cmd);
    let stderr = String::from_utf8_lossy(&out.stderr);
    harness::assert_success(&out, &format!("valgrind {name}"));
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
