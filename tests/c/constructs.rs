//! One test per construct of the conformance fixture's default features (the wave-1 constructs):
//! tests/c/<construct>.c compiled as C99 and as C++17 (`-Wall -Wextra -pedantic -Werror`) against the
//! header of one shared build of the fixture ([`super::shared`]), run, and run under valgrind (0
//! errors, every block freed); it prints "N passed, M failed" and N must be the count below. The
//! program names every function, constant and type of its construct (checked against the inventory),
//! and every item of the inventory belongs to a construct listed here.
//!
//! Adding a construct: a module and feature in tests/fixtures/conformance, tests/c/<construct>.c
//! (include "check.h"; `check_begin()` … `return check_end();`), and one line in [`constructs!`]
//! with its CHECK count. A construct that needs its own build (opt-in features) gets its own file,
//! as [`super::strings`] does.

use std::process::Command;

use super::{
    assert_passed, assert_valgrind_clean, build_program, program_source, run_program, shared, tools,
};
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

/// One `#[test]` per construct, named after it, and [`CONSTRUCTS`].
macro_rules! constructs {
    ($($construct:ident: $checks:expr,)*) => {
        /// Every construct with a program, and how many CHECKs its program runs (a lower count means
        /// checks were silently skipped).
        pub(crate) const CONSTRUCTS: &[(&str, usize)] = &[$((stringify!($construct), $checks)),*];

        $(
            #[test]
            fn $construct() {
                program_passes_as_c_and_cpp_and_under_valgrind(stringify!($construct), $checks);
            }
        )*
    };
}

constructs! {
    constants: 20,
    records: 74,
    enums: 37,
    opaque_handles: 19,
    primitives: 26,
    references: 20,
    pointers: 17,
    dependencies: 12,
    names: 12,
    docs: 6,
    panics: 25,
}

fn program_passes_as_c_and_cpp_and_under_valgrind(construct: &str, expected: usize) {
    let Some(tools) = tools(&["gcc", "g++", "valgrind"]) else {
        return;
    };
    let g = shared();
    program_covers_its_construct(construct);
    for (compiler, flags, name) in [(&tools[0], C_FLAGS, "c99"), (&tools[1], CXX_FLAGS, "cpp17")] {
        let exe = g.scratch(&format!("{construct}-{name}"));
        let what = format!("{construct}.c ({name})");
        build_program(g, compiler, flags, &program_source(construct), &exe);
        let stdout = run_program(Command::new(&exe).env("LD_LIBRARY_PATH", g.lib()), &what);
        assert_passed(&stdout, &what, expected);
    }
    assert_valgrind_clean(
        &tools[2],
        &g.scratch(&format!("{construct}-c99")),
        &g.lib(),
        expected,
    );
}

/// The construct an item of the inventory belongs to: the fixture module it is defined in (its Rust
/// path, for types the id); the dependency crates' items belong to `dependencies`, the private
/// `hidden` module to `names`.
fn construct_of(path: &str) -> &str {
    let mut parts = path.split("::");
    match (parts.next(), parts.next()) {
        (Some("conformance_dep" | "conformance_extra"), _) => "dependencies",
        (Some("conformance"), Some("hidden")) => "names",
        (Some("conformance"), Some(module)) => module,
        _ => path,
    }
}

/// Each item of the inventory with the construct it belongs to and what its program must contain:
/// a call for a function, the name for a constant, `sizeof(T)` for a type (opaque ones excepted).
fn inventory_items() -> Vec<(String, String)> {
    let inventory = shared().inventory();
    let list = |key: &str| inventory[key].as_array().expect("an array").clone();
    let mut items = Vec::new();
    for f in list("functions") {
        let path = f["rust_path"].as_str().expect("rust_path");
        let symbol = f["symbol"].as_str().expect("symbol");
        items.push((construct_of(path).to_string(), format!("{symbol}(")));
    }
    for c in list("constants") {
        let path = c["rust_path"].as_str().expect("rust_path");
        let name = c["name"].as_str().expect("name");
        items.push((construct_of(path).to_string(), name.to_string()));
    }
    for t in list("types") {
        if t["kind"]["kind"] != "opaque" {
            let id = t["id"].as_str().expect("id");
            let name = t["name"].as_str().expect("name");
            items.push((construct_of(id).to_string(), format!("sizeof({name})")));
        }
    }
    items
}

/// tests/c/<construct>.c calls every function of its construct and names each of its constants
/// and types.
fn program_covers_its_construct(construct: &str) {
    let source = program_source(construct);
    let program = std::fs::read_to_string(&source)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
    let missing: Vec<String> = inventory_items()
        .into_iter()
        .filter(|(c, needle)| c == construct && !program.contains(needle.as_str()))
        .map(|(_, needle)| needle)
        .collect();
    assert!(
        missing.is_empty(),
        "{construct}.c does not cover: {missing:?}"
    );
}

/// Every function, constant and type of the fixture's default build belongs to a construct that has
/// a program here (a new module of the fixture needs a new program), and the header declares every
/// function under its symbol.
#[test]
fn every_item_of_the_inventory_has_a_construct_program() {
    let orphans: Vec<String> = inventory_items()
        .into_iter()
        .filter(|(c, _)| !CONSTRUCTS.iter().any(|(name, _)| name == c))
        .map(|(c, needle)| format!("{needle} (construct `{c}`)"))
        .collect();
    assert!(
        orphans.is_empty(),
        "items without a program in tests/c: {orphans:?}"
    );
    let g = shared();
    let header = String::from_utf8(g.header()).expect("UTF-8");
    for f in g.inventory()["functions"].as_array().expect("functions") {
        let symbol = f["symbol"].as_str().expect("symbol");
        assert!(
            header.contains(&format!(" {symbol}(")) || header.contains(&format!("*{symbol}(")),
            "{symbol} is not declared in the header"
        );
    }
}
