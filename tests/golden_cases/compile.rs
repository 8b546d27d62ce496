//! The expected output of every case, compiled by the language's real toolchain.

use std::path::{Path, PathBuf};
use std::process::Command;

use interop_backends::model::TypeKind;
use interop_tests as harness;
use interop_tests::c_headers::{C_FLAGS, CXX_FLAGS};

use super::{Case, cases};

/// The cases that have expected output for `language` (and no `errors.txt`), with that directory.
fn cases_with(language: &str) -> Vec<(Case, PathBuf)> {
    cases()
        .into_iter()
        .filter_map(|case| {
            let dir = case.dir.join(language);
            (dir.is_dir() && !dir.join(super::ERRORS_FILE).exists()).then_some((case, dir))
        })
        .collect()
}

/// Files under `dir` whose name ends with one of `extensions`, sorted.
fn files_ending(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = harness::files_under(dir)
        .into_keys()
        .filter(|p| {
            let name = p.to_string_lossy();
            extensions.iter().any(|e| name.ends_with(e))
        })
        .map(|p| dir.join(p))
        .collect();
    out.sort();
    out
}

fn run_ok(cmd: &mut Command, what: &str) {
    let out = harness::run(cmd);
    harness::assert_success(&out, what);
    assert!(
        out.stderr.is_empty(),
        "{what} printed warnings:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The names `header` defines with `typedef` (`typedef uint8_t Small;`, `} Vec2;`, `typedef struct
/// Node Node;`).
fn typedef_names(header: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in header.lines() {
        let line = line.trim_end();
        let Some(body) = line.strip_suffix(';') else {
            continue;
        };
        let declares = line.starts_with("typedef ") || line.starts_with('}');
        if let Some(name) = body
            .split([' ', '}'])
            .next_back()
            .filter(|n| declares && !n.is_empty())
        {
            out.push(name.to_string());
        }
    }
    out
}

/// Checks of the layout of every struct and enum against the inventory, as C declarations that fail
/// to compile when a size or an alignment differs (`typedef char x[-1]`): C99 has no static assert.
/// A type is found under its bindings name (with the `[c] prefix`), escaped with `_` as the header
/// needed.
fn layout_checks(case: &Case, header: &str) -> String {
    let prefix = case
        .settings
        .get("c")
        .and_then(|c| c.get("prefix"))
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let defined = typedef_names(header);
    let mut out = String::new();
    for (i, t) in case.inventory.types.iter().enumerate() {
        // Handles are incomplete types in C: nothing to measure.
        if matches!(
            t.kind,
            TypeKind::Opaque | TypeKind::Service | TypeKind::Callback(_)
        ) {
            continue;
        }
        let mut name = format!("{prefix}{}", t.name);
        while !defined.contains(&name) {
            assert!(
                name.len() < t.name.len() + prefix.len() + 4,
                "{}: no typedef of `{}` in the header",
                case.name,
                t.id
            );
            name.push('_');
        }
        out.push_str(&format!(
            "typedef struct {{ char c; {name} t; }} golden_align_{i};\n\
             typedef char golden_size_{i}[sizeof({name}) == {size} ? 1 : -1];\n\
             typedef char golden_alignment_{i}[offsetof(golden_align_{i}, t) == {align} ? 1 : -1];\n",
            size = t.size,
            align = t.align,
        ));
    }
    out
}

#[test]
fn expected_c_headers_compile_as_c99_and_cpp17() {
    let cases = cases_with("c");
    if cases.is_empty() {
        return;
    }
    let Some(gcc) = harness::require_tool("gcc") else {
        return;
    };
    let Some(gxx) = harness::require_tool("g++") else {
        return;
    };
    let scratch = tempfile::tempdir().expect("scratch dir");
    let mut compiled = 0;
    for (case, dir) in &cases {
        for header in files_ending(dir, &[".h"]) {
            let include = header.parent().expect("header has a directory");
            let file = header.file_name().and_then(|n| n.to_str()).expect("name");
            let tu = scratch.path().join(format!("{}_{file}.c", case.name));
            std::fs::write(
                &tu,
                format!(
                    "#include \"{file}\"\n#include \"{file}\"\n\n{}",
                    layout_checks(
                        case,
                        &String::from_utf8_lossy(&std::fs::read(&header).expect("read header"))
                    )
                ),
            )
            .expect("write translation unit");
            for (compiler, flags) in [(&gcc, C_FLAGS), (&gxx, CXX_FLAGS)] {
                run_ok(
                    Command::new(compiler)
                        .args(flags)
                        .arg("-fsyntax-only")
                        .arg("-I")
                        .arg(include)
                        .arg(&tu),
                    &format!("{} on {}", compiler.display(), header.display()),
                );
            }
            let ok =
                harness::c_headers::compile_with_standard_headers(include, file, scratch.path());
            assert!(ok, "gcc and g++ were found above");
            compiled += 1;
        }
    }
    assert!(compiled > 0, "no expected C header found");
}

#[test]
fn expected_csharp_compiles_with_mcs() {
    let cases = cases_with("csharp");
    if cases.is_empty() {
        return;
    }
    let Some(mcs) = harness::require_tool("mcs") else {
        return;
    };
    let scratch = tempfile::tempdir().expect("scratch dir");
    for (case, dir) in &cases {
        let sources = files_ending(dir, &[".cs"]);
        assert!(!sources.is_empty(), "{}: no .cs file in csharp/", case.name);
        let out = harness::run(
            Command::new(&mcs)
                .args(["-langversion:7.2", "-unsafe", "-target:library"])
                .arg(format!(
                    "-out:{}",
                    scratch.path().join(format!("{}.dll", case.name)).display()
                ))
                .args(&sources),
        );
        harness::assert_success(&out, &format!("mcs on {}", dir.display()));
    }
}

#[test]
fn expected_python_compiles() {
    let cases = cases_with("python");
    if cases.is_empty() {
        return;
    }
    let Some(python) = harness::python() else {
        return;
    };
    for (case, dir) in &cases {
        let sources = files_ending(dir, &[".py", ".pyi"]);
        assert!(!sources.is_empty(), "{}: no .py file in python/", case.name);
        let out = harness::run(
            Command::new(&python)
                .args(["-m", "py_compile"])
                .args(&sources)
                // No __pycache__ next to the expected files.
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .env("PYTHONPYCACHEPREFIX", std::env::temp_dir()),
        );
        harness::assert_success(&out, &format!("py_compile {}", dir.display()));
    }
}

/// `mypy --strict` on every case's package, once with its stubs (`.pyi`, what a user's type checker
/// reads) and once without them (the `.py` files must type-check on their own): all packages in one
/// mypy run each.
#[test]
fn expected_python_passes_mypy_strict() {
    let cases = cases_with("python");
    if cases.is_empty() {
        return;
    }
    let Some(python) = harness::python() else {
        return;
    };
    for with_stubs in [true, false] {
        let root = tempfile::tempdir().expect("a temp dir");
        let mut packages = Vec::new();
        for (case, dir) in &cases {
            for (rel, bytes) in harness::files_under(dir) {
                let is_stub = rel.extension().is_some_and(|e| e == "pyi");
                if is_stub && !with_stubs {
                    continue;
                }
                let to = root.path().join(&rel);
                std::fs::create_dir_all(to.parent().expect("a parent")).expect("create a dir");
                std::fs::write(&to, bytes).expect("copy an expected file");
                if rel.file_name().is_some_and(|n| n == "__init__.py") {
                    let package = rel.parent().expect("in a package").to_string_lossy();
                    packages.push((case.name.clone(), package.into_owned()));
                }
            }
        }
        let mut cmd = Command::new(&python);
        cmd.current_dir(root.path())
            .args(["-m", "mypy", "--strict", "--no-incremental"]);
        for (_, package) in &packages {
            cmd.args(["-p", package]);
        }
        let out = harness::run(&mut cmd);
        harness::assert_success(
            &out,
            &format!(
                "mypy --strict ({}) on the packages of {:?}",
                if with_stubs {
                    "with stubs"
                } else {
                    "without stubs"
                },
                packages.iter().map(|(case, _)| case).collect::<Vec<_>>()
            ),
        );
    }
}
