//! Golden cases by construct: a tiny inventory per case → the expected output of every language, with
//! no cargo build. The whole-fixture goldens (tests/golden/{c,csharp,python}) stay beside them.
//!
//! # Layout
//!
//! ```text
//! tests/golden/cases/<case>/
//!   source.rs          the #[ffi] source the inventory was taken from (documentation; rebuilt by
//!                      regenerate-inventories.sh, never by this test)
//!   inventory.json     the inventory (must pass Inventory::validate)
//!   Interop.toml       optional: [c] / [csharp] / [python] settings, as in a real Interop.toml
//!   c/ csharp/ python/ the expected output of each language present: exactly the files that
//!                      language's Backend::generate returns, at the paths it returns them
//!                      (relative to the backend's output directory), or a single `errors.txt`
//!                      when the language refuses the case (the report, as the CLI prints it)
//! ```
//!
//! The runner discovers every case and, in each, every language directory present; nothing is listed
//! by hand. The backend gets a [`Context`] whose package is named after the case (`name` and
//! `lib_name` = the case's directory name, version 1.0.0), a native library path that does not exist
//! (generation must not read it) and a scratch directory.
//!
//! - Output is compared byte for byte. `INTEROP_BLESS=1` rewrites each present language directory
//!   instead (stale files removed). To add a language to a case, create its empty directory and bless.
//! - Expected output is also compiled (compile.rs): every C header with `gcc -std=c99 -Wall -Wextra
//!   -pedantic -Werror` and `g++ -std=c++17 … -Werror` (a translation unit that includes it twice,
//!   plus checks of every struct's and enum's size and alignment against the inventory), and after and
//!   before every C standard header with gcc (GNU mode), `gcc -std=c99 -pedantic` and g++; the `.cs`
//!   files of a case with `mcs -langversion:7.2 -unsafe -target:library`; every `.py`/`.pyi` with
//!   `python -m py_compile`, and every Python package with `mypy --strict`, with its stubs and
//!   without them. A language's compile test needs its tools only when some case has that
//!   language (with `CI=true` a missing tool fails the test).
//! - Together the cases use every construct of the capability tables at least once (coverage test).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use interop_backends::common::capability::{self, Construct};
use interop_backends::common::diagnostics;
use interop_backends::{Backend, Context, Inventory, PackageInfo, c, csharp, python};
use interop_tests as harness;

mod compile;

/// Every language directory a case may hold, with how to make its backend from its settings.
const LANGUAGES: &[&str] = &["c", "csharp", "python"];

/// The expected output when a language refuses a case.
const ERRORS_FILE: &str = "errors.txt";

/// One case directory.
pub struct Case {
    pub name: String,
    pub dir: PathBuf,
    pub inventory: Inventory,
    /// Interop.toml's sections, by language.
    pub settings: toml::Table,
}

impl Case {
    /// The languages whose directory is present, in [`LANGUAGES`] order.
    pub fn languages(&self) -> Vec<&'static str> {
        LANGUAGES
            .iter()
            .copied()
            .filter(|l| self.dir.join(l).is_dir())
            .collect()
    }

    pub fn package(&self) -> PackageInfo {
        PackageInfo {
            name: self.name.clone(),
            lib_name: self.name.clone(),
            version: "1.0.0".into(),
            ..PackageInfo::default()
        }
    }

    /// The backend of `language`, configured from Interop.toml's section (defaults without one).
    pub fn backend(&self, language: &str) -> Box<dyn Backend> {
        let section = self
            .settings
            .get(language)
            .cloned()
            .unwrap_or_else(|| toml::Value::Table(toml::Table::new()));
        let bad = |e: toml::de::Error| -> ! {
            panic!("{}: [{language}] in Interop.toml: {e}", self.name)
        };
        match language {
            "c" => Box::new(c::CBackend::new(
                section.try_into().unwrap_or_else(|e| bad(e)),
            )),
            "csharp" => Box::new(csharp::CSharpBackend::new(
                section.try_into().unwrap_or_else(|e| bad(e)),
            )),
            "python" => Box::new(python::PythonBackend::new(
                section.try_into().unwrap_or_else(|e| bad(e)),
            )),
            other => panic!("no backend for language directory `{other}`"),
        }
    }

    /// What `language` produces for this case: its files, or `errors.txt` with the report of every
    /// problem when it refuses the case. An error when generation fails although the backend's check
    /// found nothing (the check must find every problem first).
    pub fn render(&self, language: &str) -> Result<BTreeMap<PathBuf, Vec<u8>>, String> {
        let backend = self.backend(language);
        let package = self.package();
        let scratch = tempfile::tempdir().expect("scratch dir");
        let library = PathBuf::from(format!("/nonexistent/lib{}.so", self.name));
        let target = format!(
            "{}-unknown-{}-gnu",
            self.inventory.target.arch, self.inventory.target.os
        );
        let ctx = Context {
            inventory: &self.inventory,
            package: &package,
            native_library: &library,
            target: &target,
            scratch_dir: scratch.path(),
        };
        let report = diagnostics::check(
            &self.inventory,
            &[backend.capabilities()],
            backend.check(&ctx),
        );
        if !report.is_empty() {
            let errors = report.render().into_bytes();
            return Ok(BTreeMap::from([(PathBuf::from(ERRORS_FILE), errors)]));
        }
        let files = backend.generate(&ctx).map_err(|e| {
            format!(
                "{}/{language}: the check found no problem, then generating failed: {e}",
                self.name
            )
        })?;
        Ok(files
            .into_iter()
            .map(|f| {
                let bytes = f.contents.read().expect("generated contents").into_owned();
                (f.path, bytes)
            })
            .collect())
    }
}

fn cases_dir() -> PathBuf {
    harness::tests_dir().join("golden/cases")
}

/// Every case, sorted by name.
pub fn cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("read tests/golden/cases")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter().map(|dir| load(&dir)).collect()
}

fn load(dir: &Path) -> Case {
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .expect("UTF-8 case name")
        .to_string();
    let json = std::fs::read(dir.join("inventory.json"))
        .unwrap_or_else(|e| panic!("{name}: cannot read inventory.json: {e}"));
    let inventory: Inventory = serde_json::from_slice(&json)
        .unwrap_or_else(|e| panic!("{name}: inventory.json is not an inventory: {e}"));
    let settings = match std::fs::read_to_string(dir.join("Interop.toml")) {
        Ok(text) => toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: Interop.toml: {e}")),
        Err(_) => toml::Table::new(),
    };
    Case {
        name,
        dir: dir.to_path_buf(),
        inventory,
        settings,
    }
}

fn bless() -> bool {
    std::env::var("INTEROP_BLESS").is_ok_and(|v| v == "1")
}

/// Replace the contents of `dir` with `files`.
fn write_expected(dir: &Path, files: &BTreeMap<PathBuf, Vec<u8>>) {
    std::fs::remove_dir_all(dir).expect("clear the language directory");
    for (rel, bytes) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("file has a parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write expected file");
    }
    std::fs::create_dir_all(dir).expect("keep the language directory");
}

/// What differs between the expected and the actual files, one line per file.
fn differences(
    expected: &BTreeMap<PathBuf, Vec<u8>>,
    actual: &BTreeMap<PathBuf, Vec<u8>>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in actual {
        match expected.get(path) {
            None => out.push(format!("{}: generated, not expected", path.display())),
            Some(e) if e != bytes => out.push(format!(
                "{}: differs\n--- expected\n{}\n--- actual\n{}",
                path.display(),
                String::from_utf8_lossy(e),
                String::from_utf8_lossy(bytes)
            )),
            Some(_) => {}
        }
    }
    for path in expected.keys().filter(|p| !actual.contains_key(*p)) {
        out.push(format!("{}: expected, not generated", path.display()));
    }
    out
}

#[test]
fn every_case_matches_its_expected_output() {
    let cases = cases();
    assert!(
        !cases.is_empty(),
        "no golden cases under {}",
        cases_dir().display()
    );
    let mut failures = Vec::new();
    let mut compared = 0;
    for case in &cases {
        let languages = case.languages();
        if languages.is_empty() {
            failures.push(format!(
                "{}: no language directory ({})",
                case.name,
                LANGUAGES.join(", ")
            ));
        }
        for language in languages {
            let dir = case.dir.join(language);
            let actual = match case.render(language) {
                Ok(files) => files,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            if bless() {
                write_expected(&dir, &actual);
                continue;
            }
            compared += 1;
            for d in differences(&harness::files_under(&dir), &actual) {
                failures.push(format!("{}/{language}/{d}", case.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} difference(s); review them and rerun with INTEROP_BLESS=1 to accept:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(bless() || compared > 0, "no expected output was compared");
}

/// Generated files are text without control characters (other than newline, tab and the carriage
/// return of a CRLF line end), whatever the inventory's docs and names hold: a NUL breaks Python's
/// compiler, an ESC a terminal, a BEL an XML doc file (issue 10, item 12).
#[test]
fn generated_files_have_no_control_characters() {
    let mut failures = Vec::new();
    for case in cases() {
        for language in case.languages() {
            // A case that does not render is reported by every_case_matches_its_expected_output.
            for (path, bytes) in case.render(language).unwrap_or_default() {
                let text = String::from_utf8_lossy(&bytes);
                let bad: Vec<String> = text
                    .chars()
                    .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                    .map(|c| format!("U+{:04X}", u32::from(c)))
                    .collect();
                if !bad.is_empty() {
                    failures.push(format!(
                        "{}/{language}/{}: {bad:?}",
                        case.name,
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "control characters in generated files:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_inventory_is_valid_and_from_its_case() {
    for case in cases() {
        case.inventory
            .validate()
            .unwrap_or_else(|e| panic!("{}: invalid inventory: {e}", case.name));
        assert!(
            case.dir.join("source.rs").is_file(),
            "{}: source.rs (the #[ffi] source of the inventory) is missing",
            case.name
        );
        for entry in std::fs::read_dir(&case.dir).expect("read case dir") {
            let path = entry.expect("entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let known = ["source.rs", "inventory.json", "Interop.toml"].contains(&name)
                || (path.is_dir() && LANGUAGES.contains(&name));
            assert!(known, "{}: unexpected `{name}` in the case", case.name);
        }
    }
}

#[test]
fn the_cases_use_every_construct() {
    let mut used = std::collections::BTreeSet::new();
    for case in cases() {
        for o in capability::occurrences(&case.inventory) {
            used.insert(o.construct);
        }
    }
    let missing: Vec<&str> = Construct::ALL
        .iter()
        .filter(|c| !used.contains(c))
        .map(|c| c.title())
        .collect();
    assert!(missing.is_empty(), "no golden case uses: {missing:?}");
}
