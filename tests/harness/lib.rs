//! Shared helpers for the end-to-end tests.
//!
//! Every test of generated code compiles and runs it with the real toolchain. A missing tool skips
//! the test with a loud message on a developer machine, and fails it when `CI=true`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub mod c_headers;
pub mod csharp;
pub mod fixture_build;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// `tests/` itself.
pub fn tests_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// True when running in CI, where nothing may be skipped.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Find `name` on PATH. When missing: fail in CI, otherwise print why the test is skipped and
/// return `None`.
pub fn require_tool(name: &str) -> Option<PathBuf> {
    if let Some(p) = which(name) {
        return Some(p);
    }
    missing(&format!(
        "`{name}` not found on PATH (run tests/run-all.sh, which installs it)"
    ))
}

/// Report a missing prerequisite: panics in CI, prints a skip notice otherwise.
pub fn missing<T>(what: &str) -> Option<T> {
    if in_ci() {
        panic!("CI=true and a prerequisite is missing: {what}");
    }
    eprintln!("SKIPPED: {what}");
    None
}

/// Look a program up on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// A PATH holding only what `cargo build` of a cdylib needs (`cargo`, `rustc`, `cc`), as symlinks in a
/// fresh directory: no C# compiler (`mcs`, `csc`, an SDK-bearing `dotnet`), no Mono, no NuGet, as on a
/// machine with only Rust. Each `(name, target)` of `extra` adds a symlink (e.g. a runtime-only
/// `dotnet`). Keep the returned directory alive while the PATH is used.
pub fn rust_only_path(extra: &[(&str, &Path)]) -> (tempfile::TempDir, OsString) {
    let dir = tempfile::Builder::new()
        .prefix("interop-path-")
        .tempdir()
        .expect("create temp dir");
    for tool in ["cargo", "rustc", "cc"] {
        let target = which(tool).unwrap_or_else(|| panic!("`{tool}` is not on PATH"));
        std::os::unix::fs::symlink(&target, dir.path().join(tool)).expect("symlink a tool");
    }
    for (name, target) in extra {
        std::os::unix::fs::symlink(target, dir.path().join(name)).expect("symlink a tool");
    }
    let path = dir.path().as_os_str().to_owned();
    (dir, path)
}

/// The Python interpreter of the test venv: `$INTEROP_TEST_PYTHON`, else `<root>/.venv/bin/python`.
/// The venv (made by tests/run-all.sh) has pytest, mypy, wheel and twine.
pub fn python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("INTEROP_TEST_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let venv = workspace_root().join(".venv/bin/python");
    if venv.is_file() {
        return Some(venv);
    }
    missing("the test venv (.venv/bin/python); run tests/run-all.sh or set INTEROP_TEST_PYTHON")
}

/// Run `cargo build <args> --message-format=json-render-diagnostics` in the workspace and return, for every
/// compiled target of `kind` (`bin`, `cdylib` …), its target name and the file cargo reports for it
/// (the executable for `bin`, the shared library for `cdylib`). Panics with cargo's output on failure.
pub fn cargo_build_artifacts(args: &[&str], kind: &str) -> Vec<(String, PathBuf)> {
    let out = Command::new(env!("CARGO"))
        .current_dir(workspace_root())
        .arg("build")
        .args(args)
        .arg("--message-format=json-render-diagnostics")
        .output()
        .expect("run cargo build");
    assert_success(&out, &format!("cargo build {}", args.join(" ")));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|m| m["reason"] == "compiler-artifact")
        .filter(|m| {
            m["target"]["kind"]
                .as_array()
                .is_some_and(|kinds| kinds.iter().any(|k| k == kind))
        })
        .filter_map(|m| {
            let name = m["target"]["name"].as_str()?.to_string();
            let file = match m["executable"].as_str() {
                Some(exe) => exe.to_string(),
                None => m["filenames"]
                    .as_array()?
                    .iter()
                    .filter_map(|f| f.as_str())
                    .find(|f| f.ends_with(std::env::consts::DLL_SUFFIX))?
                    .to_string(),
            };
            Some((name, PathBuf::from(file)))
        })
        .collect()
}

/// Path of the `cargo-interop` binary, built once per test process (same profile as the tests).
pub fn cargo_interop() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        cargo_build_artifacts(&["-p", "cargo-interop", "--bin", "cargo-interop"], "bin")
            .into_iter()
            .map(|(_, exe)| exe)
            .next_back()
            .expect("cargo reported the cargo-interop executable")
    })
}

/// Run `cargo interop <args>` (as cargo would: argv[1] is `interop`) in `dir`.
pub fn run_cargo_interop(dir: &Path, args: &[&str]) -> Output {
    Command::new(cargo_interop())
        .current_dir(dir)
        .arg("interop")
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("spawn cargo-interop")
}

/// Manifest of a fixture crate under tests/fixtures.
pub fn fixture_manifest(name: &str) -> PathBuf {
    tests_dir().join("fixtures").join(name).join("Cargo.toml")
}

/// Generate bindings for a fixture with `config` (Interop.toml text) into a fresh temporary directory,
/// with `--strict`.
/// Relative `out-dir`s in `config` land inside that directory. Panics with cargo-interop's output when
/// the build fails.
pub fn generate(fixture: &str, config: &str, extra_args: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(&format!("interop-{fixture}-"))
        .tempdir()
        .expect("create temp dir");
    generate_in(dir.path(), fixture, config, extra_args);
    dir
}

/// [`generate`] once per test process into `target/interop-tests/<key>` (emptied first), for the
/// tests of one binary that only read the output: e.g. one C program per construct compiled against
/// one build of the fixture. The directory stays after the run (under `target/`, for inspection);
/// `key` must be unique among the test binaries, which may run at the same time.
pub fn generate_shared(key: &str, fixture: &str, config: &str, extra_args: &[&str]) -> PathBuf {
    let dir = workspace_root().join("target/interop-tests").join(key);
    if dir.exists() {
        std::fs::remove_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot empty {}: {e}", dir.display()));
    }
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    generate_in(&dir, fixture, config, extra_args);
    dir
}

/// [`generate`] into an existing directory `dir`.
pub fn generate_in(dir: &Path, fixture: &str, config: &str, extra_args: &[&str]) {
    let cfg = dir.join("Interop.toml");
    std::fs::write(&cfg, config).expect("write Interop.toml");
    let manifest = fixture_manifest(fixture);
    // --strict: a package whose tool is missing fails the test instead of being skipped.
    let mut args = vec![
        "build",
        "--strict",
        "--manifest-path",
        manifest.to_str().expect("utf-8 path"),
        "--config",
        cfg.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra_args);
    let target = fixture_build::target_dir();
    if !extra_args.contains(&"--target-dir") {
        args.extend(["--target-dir", target.to_str().expect("utf-8 path")]);
    }
    let out = {
        let _one_build_at_a_time = fixture_build::lock();
        run_cargo_interop(dir, &args)
    };
    assert_success(&out, "cargo interop build");
}

/// Run a command, returning its output; panics if it cannot be spawned.
pub fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

/// Assert a process succeeded, showing its stdout and stderr otherwise.
pub fn assert_success(out: &Output, what: &str) {
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Compare `actual` with the golden file `tests/golden/<rel>`. With `INTEROP_BLESS=1` the golden file is
/// rewritten instead.
pub fn assert_golden(rel: &str, actual: &[u8]) {
    let path = tests_dir().join("golden").join(rel);
    if std::env::var("INTEROP_BLESS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().expect("golden path has a parent"))
            .expect("create golden dir");
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "golden file {} unreadable ({e}); run with INTEROP_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "generated output differs from golden file {}; review the change and rerun with \
             INTEROP_BLESS=1 to accept it.\n--- expected\n{}\n--- actual\n{}",
            path.display(),
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual)
        );
    }
}

/// Every file under `root` with its contents, by path relative to `root`.
pub fn files_under(root: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).expect("under root").to_path_buf();
                out.insert(rel, std::fs::read(&path).expect("read file"));
            }
        }
    }
    out
}
