//! examples/kvstore, built with its own Interop.toml (outputs in a temp dir), and used as each
//! language's programmer would: a C program through pkg-config (also under valgrind), a C# program
//! on Mono and .NET 8, a Python script from the wheel in a fresh venv on both call paths (and
//! `mypy --strict` on it). Each program checks its own results and prints "ok". Last, every binding
//! refuses a library built from a modified copy of the crate, naming both inventory hashes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use interop_tests::csharp::{run_csharp, run_on_each_runtime};
use interop_tests::{self as harness, assert_success, run};

use super::{example_file, find, stdout};

/// Build the example with a copy of its Interop.toml in a temp dir, so relative out-dirs land there.
fn build_example() -> tempfile::TempDir {
    let root = harness::workspace_root().join("examples/kvstore");
    let config = std::fs::read_to_string(root.join("Interop.toml")).expect("example Interop.toml");
    let dir = tempfile::Builder::new()
        .prefix("interop-kvstore-")
        .tempdir()
        .expect("temp dir");
    let cfg = dir.path().join("Interop.toml");
    std::fs::write(&cfg, config).expect("write Interop.toml");
    let manifest = root.join("Cargo.toml");
    let out = harness::run_cargo_interop(
        dir.path(),
        &[
            "build",
            "--strict",
            "--manifest-path",
            manifest.to_str().expect("utf-8"),
            "--config",
            cfg.to_str().expect("utf-8"),
        ],
    );
    assert_success(&out, "cargo interop build (examples/kvstore)");
    dir
}

/// A fresh empty directory under `dir` for the store files of one run.
fn data_dir(dir: &Path, name: &str) -> PathBuf {
    let data = dir.join(name);
    std::fs::create_dir_all(&data).expect("mkdir data dir");
    data
}

/// Compile tests/examples/kvstore.c against `bindings/c` (through pkg-config) into `dir/kvstore`.
fn compile_c(gcc: &Path, pkg_config: &Path, dir: &Path) -> PathBuf {
    let c = dir.join("bindings/c");
    let flags = run(Command::new(pkg_config)
        .args(["--cflags", "--libs", "kvstore"])
        .env("PKG_CONFIG_PATH", c.join("lib/pkgconfig")));
    assert_success(&flags, "pkg-config");
    let exe = dir.join("kvstore");
    let compile = run(Command::new(gcc)
        .args(["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"])
        .arg(example_file("kvstore.c"))
        .args(stdout(&flags).split_whitespace())
        .arg("-pthread")
        .arg(format!("-Wl,-rpath,{}", c.join("lib").display()))
        .arg("-o")
        .arg(&exe));
    assert_success(&compile, "gcc kvstore.c");
    exe
}

#[test]
fn c_program_runs_and_is_valgrind_clean() {
    let (Some(gcc), Some(pkg_config), Some(valgrind)) = (
        harness::require_tool("gcc"),
        harness::require_tool("pkg-config"),
        harness::require_tool("valgrind"),
    ) else {
        return;
    };
    let dir = build_example();
    let exe = compile_c(&gcc, &pkg_config, dir.path());
    let out = run(Command::new(&exe)
        .arg(data_dir(dir.path(), "plain"))
        .env_remove("LD_LIBRARY_PATH"));
    assert_success(&out, "kvstore");
    assert_eq!(stdout(&out), "ok\n");

    let out = run(Command::new(valgrind)
        .args([
            "--error-exitcode=9",
            "--leak-check=full",
            "--show-leak-kinds=all",
            "--errors-for-leak-kinds=all",
        ])
        .arg(&exe)
        .arg(data_dir(dir.path(), "valgrind"))
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("RUST_BACKTRACE"));
    assert_success(&out, "kvstore under valgrind");
    assert_eq!(stdout(&out), "ok\n");
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(report.contains("ERROR SUMMARY: 0 errors"), "{report}");
    assert!(report.contains("All heap blocks were freed"), "{report}");
}

/// Compile tests/examples/KvStoreExample.cs with the generated source into `dir/app/kvstore.exe`.
fn compile_csharp(mcs: &Path, dir: &Path) -> PathBuf {
    let cs = dir.join("bindings/csharp");
    let app = dir.join("app");
    std::fs::create_dir_all(&app).expect("mkdir app");
    std::fs::copy(cs.join("libkvstore.so"), app.join("libkvstore.so")).expect("copy .so");
    let exe = app.join("kvstore.exe");
    let compile = run(Command::new(mcs)
        .args(["-langversion:7.2", "-unsafe", "-warnaserror"])
        .arg(format!("-out:{}", exe.display()))
        .arg(example_file("KvStoreExample.cs"))
        .arg(cs.join("Kv.cs")));
    assert_success(&compile, "mcs KvStoreExample.cs Kv.cs");
    exe
}

#[test]
fn csharp_program_runs_on_mono_and_dotnet() {
    let Some(mcs) = harness::require_tool("mcs") else {
        return;
    };
    let dir = build_example();
    let exe = compile_csharp(&mcs, dir.path());
    let data = data_dir(dir.path(), "data");
    let out = run_csharp(&exe, |cmd| {
        cmd.arg(&data).env_remove("LD_LIBRARY_PATH");
    });
    assert_eq!(out, "ok\n");
}

/// A fresh venv (without pip) with the example's wheel installed by the test venv's pip.
fn venv_with_wheel(python: &Path, dir: &Path) -> PathBuf {
    let wheel = find(&dir.join("bindings/python"), "whl");
    let venv = dir.join("venv");
    let made = run(Command::new(python)
        .args(["-m", "venv", "--without-pip"])
        .arg(&venv));
    assert_success(&made, "python -m venv");
    let venv_py = venv.join("bin/python");
    let install = run(Command::new(python)
        .args(["-m", "pip", "--disable-pip-version-check", "--python"])
        .arg(&venv_py)
        .args(["install", "--no-index", "--quiet"])
        .arg(&wheel));
    assert_success(&install, "pip install --no-index <wheel>");
    venv_py
}

#[test]
fn python_script_runs_on_both_call_paths_and_passes_mypy_strict() {
    let Some(python) = harness::python() else {
        return;
    };
    let dir = build_example();
    let venv_py = venv_with_wheel(&python, dir.path());
    for calls in ["compiled", "ctypes"] {
        let out = run(Command::new(&venv_py)
            .arg(example_file("kvstore_example.py"))
            .arg(data_dir(dir.path(), calls))
            .env("INTEROP_PYTHON_CALLS", calls)
            .current_dir(dir.path()));
        assert_success(&out, &format!("python kvstore_example.py ({calls})"));
        assert_eq!(stdout(&out), "ok\n", "{calls}");
    }
    let out = run(Command::new(&python)
        .current_dir(dir.path())
        .args([
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
        ])
        .arg(&venv_py)
        .arg(example_file("kvstore_example.py")));
    assert_success(&out, "mypy --strict kvstore_example.py");
}

/// The library of a modified copy of the crate (one more function): what a user gets when the
/// bindings and the library come from different builds.
fn modified_library() -> PathBuf {
    let root = harness::workspace_root();
    let copy = tempfile::Builder::new()
        .prefix("interop-kvstore-modified-")
        .tempdir()
        .expect("temp dir");
    let src = copy.path().join("src");
    std::fs::create_dir_all(&src).expect("mkdir src");
    for entry in std::fs::read_dir(root.join("examples/kvstore/src")).expect("read src") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, src.join(path.file_name().expect("name"))).expect("copy");
    }
    let mut lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
    lib.push_str("\n/// Added after the bindings were generated.\n#[ffi]\npub fn format_version() -> u32 {\n    2\n}\n");
    std::fs::write(src.join("lib.rs"), lib).expect("write lib.rs");
    let manifest = std::fs::read_to_string(root.join("examples/kvstore/Cargo.toml"))
        .expect("Cargo.toml")
        .replace(
            "path = \"../../interop-core\"",
            &format!(
                "path = {:?}",
                root.join("interop-core").display().to_string()
            ),
        );
    std::fs::write(
        copy.path().join("Cargo.toml"),
        format!("{manifest}\n[workspace]\n"),
    )
    .expect("write Cargo.toml");
    let target = root.join("target/kvstore-modified");
    let out = run(Command::new(env!("CARGO"))
        .arg("build")
        .arg("--manifest-path")
        .arg(copy.path().join("Cargo.toml"))
        .arg("--target-dir")
        .arg(&target));
    assert_success(&out, "cargo build (modified kvstore)");
    let built = target.join("debug/libkvstore.so");
    let kept = root.join("target/kvstore-modified/libkvstore-modified.so");
    std::fs::copy(&built, &kept).expect("keep the modified library");
    kept
}

/// The inventory hash the bindings in `dir` were generated for (from the C header).
fn expected_hash(dir: &Path) -> String {
    let header = std::fs::read_to_string(dir.join("bindings/c/include/kvstore.h")).expect("header");
    let line = header
        .lines()
        .find(|l| l.starts_with("#define KVSTORE_INVENTORY_HASH "))
        .expect("hash define");
    line.rsplit('"').nth(1).expect("quoted hash").to_string()
}

/// `text` names `expected` and another 16-digit hash.
fn assert_names_both(text: &str, expected: &str, what: &str) {
    assert!(
        text.contains(expected),
        "{what}: `{expected}` not in {text}"
    );
    let others = text
        .split(|c: char| !c.is_ascii_hexdigit())
        .filter(|w| w.len() == 16 && *w != expected)
        .count();
    assert!(others >= 1, "{what}: no other inventory hash in {text}");
}

fn all_output(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn every_binding_refuses_a_library_from_a_modified_crate() {
    let (Some(gcc), Some(pkg_config), Some(mcs), Some(python)) = (
        harness::require_tool("gcc"),
        harness::require_tool("pkg-config"),
        harness::require_tool("mcs"),
        harness::python(),
    ) else {
        return;
    };
    let dir = build_example();
    let expected = expected_hash(dir.path());
    let exe = compile_c(&gcc, &pkg_config, dir.path());
    let cs_exe = compile_csharp(&mcs, dir.path());
    let venv_py = venv_with_wheel(&python, dir.path());
    let other = modified_library();

    // C: the program checks kvstore_library_matches() at start-up and reports both hashes.
    let lib_dir = dir.path().join("bindings/c/lib");
    std::fs::copy(&other, lib_dir.join("libkvstore.so")).expect("swap the C library");
    let out = run(Command::new(&exe)
        .arg(data_dir(dir.path(), "c"))
        .env_remove("LD_LIBRARY_PATH"));
    assert_eq!(out.status.code(), Some(3), "{}", all_output(&out));
    assert!(stdout(&out).starts_with("this program was built for kvstore "));
    assert_names_both(&stdout(&out), &expected, "C");

    // C#: the first call throws (uncaught here, as in a program that never expected it).
    let app = cs_exe.parent().expect("app dir");
    std::fs::copy(&other, app.join("libkvstore.so")).expect("swap the C# library");
    let data = data_dir(dir.path(), "cs");
    let runs = run_on_each_runtime(&cs_exe, |cmd| {
        cmd.arg(&data).env_remove("LD_LIBRARY_PATH");
    });
    assert_eq!(runs.len(), 2, "Mono and .NET 8");
    for (runtime, out) in runs {
        let text = all_output(&out);
        assert!(!out.status.success(), "{runtime}: {text}");
        assert!(
            text.contains(
                "The native library `kvstore` is not the build these bindings were generated from"
            ),
            "{runtime}: {text}"
        );
        assert_names_both(&text, &expected, &format!("C# on {runtime}"));
    }

    // Python: `import kvstore` raises ImportError, on both call paths.
    let site = venv_py
        .parent()
        .and_then(Path::parent)
        .expect("venv")
        .join("lib");
    let installed = std::fs::read_dir(&site)
        .expect("venv lib")
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("site-packages/kvstore/libkvstore.so"))
        .find(|p| p.exists())
        .expect("installed libkvstore.so");
    std::fs::copy(&other, &installed).expect("swap the Python library");
    for calls in ["compiled", "ctypes"] {
        let out = run(Command::new(&venv_py)
            .args(["-c", "import kvstore"])
            .env("INTEROP_PYTHON_CALLS", calls)
            .current_dir(dir.path()));
        let text = all_output(&out);
        assert!(!out.status.success(), "{calls}: {text}");
        assert!(
            text.contains("ImportError: the native library libkvstore.so is not the build the `kvstore` bindings were generated from"),
            "{calls}: {text}"
        );
        assert_names_both(&text, &expected, &format!("Python ({calls})"));
    }
}
