use std::path::Path;

use serde::Deserialize;

use super::*;
use crate::common::capability::{Construct, Position, Support};

#[test]
fn builtin_has_c_csharp_python_in_order() {
    let registry = builtin();
    assert_eq!(registry.keys(), ["c", "csharp", "python"]);
    let languages: Vec<&str> = registry.iter().map(|f| f.language()).collect();
    assert_eq!(languages, ["C", "C#", "Python"]);
    assert_eq!(registry.get("csharp").map(|f| f.language()), Some("C#"));
    assert!(registry.get("java").is_none());
}

#[test]
fn every_builtin_backend_has_its_factorys_language_and_table() {
    let text = "[c]\n[csharp]\n[python]\n";
    for factory in builtin().iter() {
        let section = Section::new(factory.key(), text, Path::new("/p"));
        let created = factory.create(&section).expect("defaults are valid");
        assert_eq!(created.backend.language(), factory.language());
        assert_eq!(
            created.backend.capabilities().language,
            factory.capabilities().language
        );
    }
}

fn toy_support(_: Construct, _: Position) -> Support {
    Support::No("toy")
}

fn toy_spelling(_: Construct) -> &'static str {
    "?"
}

struct Toy(&'static str);

impl BackendFactory for Toy {
    fn key(&self) -> &str {
        self.0
    }

    fn capabilities(&self) -> Capabilities {
        Capabilities {
            language: "Toy",
            support: toy_support,
            spelling: toy_spelling,
        }
    }

    fn create(&self, _: &Section<'_>) -> Result<Configured, ConfigError> {
        Err(ConfigError::new("not here"))
    }
}

#[test]
fn register_appends_and_a_known_key_replaces_in_place() {
    let mut registry = builtin();
    registry.register(Toy("toy"));
    assert_eq!(registry.keys(), ["c", "csharp", "python", "toy"]);
    registry.register(Toy("csharp"));
    assert_eq!(registry.keys(), ["c", "csharp", "python", "toy"]);
    assert_eq!(registry.get("csharp").map(|f| f.language()), Some("Toy"));
    assert_eq!(registry.len(), 4);
    assert_eq!(
        format!("{registry:?}"),
        r#"["c", "csharp", "python", "toy"]"#
    );
}

#[test]
#[should_panic(expected = "backend key `my lang` is not a bare TOML key")]
fn register_refuses_a_key_that_cannot_be_a_section() {
    Registry::new().register(Toy("my lang"));
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Settings {
    out_dir: String,
    #[serde(default)]
    level: u32,
}

fn span_text<'a>(text: &'a str, e: &ConfigError) -> &'a str {
    &text[e.span.clone().expect("a span")]
}

#[test]
fn deserialize_reads_only_its_section_and_spans_are_into_the_whole_file() {
    let text = "[c]\nout-dir = \"c\"\n\n[toy]\nout-dir = \"t\"\nlevel = 2\n";
    let s: Settings = Section::new("toy", text, Path::new("."))
        .deserialize()
        .expect("valid");
    assert_eq!((s.out_dir.as_str(), s.level), ("t", 2));

    let text = "[c]\nout-dir = \"c\"\n\n[toy]\nout-dir = \"t\"\nlevle = 2\n";
    let e = Section::new("toy", text, Path::new("."))
        .deserialize::<Settings>()
        .expect_err("unknown key");
    assert!(e.message.starts_with("unknown field `levle`"), "{e:?}");
    assert!(e.message.contains("expected `out-dir` or `level`"), "{e:?}");
    assert_eq!(span_text(text, &e), "levle");

    let text = "[toy]\nout-dir = 42\n";
    let e = Section::new("toy", text, Path::new("."))
        .deserialize::<Settings>()
        .expect_err("wrong type");
    assert!(e.message.contains("invalid type: integer `42`"), "{e:?}");
    assert_eq!(span_text(text, &e), "42");
}

#[test]
fn deserialize_errors_for_a_syntax_error_or_a_missing_section() {
    let text = "[toy]\nout-dir = \n";
    let e = Section::new("toy", text, Path::new("."))
        .deserialize::<Settings>()
        .expect_err("syntax");
    assert!(e.span.is_some(), "{e:?}");

    let e = Section::new("toy", "[c]\n", Path::new("."))
        .deserialize::<Settings>()
        .expect_err("missing");
    assert_eq!(e.message, "there is no `[toy]` section");
}

#[test]
fn section_span_is_its_key() {
    let text = "[c]\n\n[toy]\nx = 1\n";
    let section = Section::new("toy", text, Path::new("."));
    assert_eq!(&text[section.span().expect("span")], "toy");
    assert_eq!(Section::new("java", text, Path::new(".")).span(), None);
}

#[test]
fn csharp_and_python_paths_are_relative_to_the_file_and_are_inputs() {
    let text = "[csharp]\n[csharp.nuget]\nreadme = \"docs/NUGET.md\"\n\
                runtimes = { \"win-x64\" = \"/abs/x.dll\", \"osx-arm64\" = \"pre/x.dylib\" }\n\n\
                [python]\n[python.wheel]\nreadme = \"PY.md\"\n\n[c]\n";
    let dir = Path::new("/project");
    let registry = builtin();
    let inputs = |key: &str| {
        let factory = registry.get(key).expect("built-in");
        factory
            .create(&Section::new(key, text, dir))
            .expect("valid")
            .inputs
    };
    assert_eq!(
        inputs("csharp"),
        [
            Path::new("/project/docs/NUGET.md"),
            Path::new("/project/pre/x.dylib"),
            Path::new("/abs/x.dll"),
        ]
    );
    assert_eq!(inputs("python"), [Path::new("/project/PY.md")]);
    assert!(inputs("c").is_empty());
}
