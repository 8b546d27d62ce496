use super::*;
use interop_backends::registry::builtin;
use interop_backends::{csharp, python};

fn parse_builtin(text: &str) -> Result<Vec<ConfiguredBackend>, Diagnostic> {
    parse(text, Path::new("Interop.toml"), Path::new("/p"), &builtin())
}

fn err(text: &str) -> Diagnostic {
    match parse_builtin(text) {
        Ok(c) => panic!("expected an error, got {c:?}"),
        Err(e) => e,
    }
}

fn keys(backends: &[ConfiguredBackend]) -> Vec<&str> {
    backends.iter().map(|b| b.key.as_str()).collect()
}

/// The `[csharp]` section as the C# backend reads it.
fn csharp_section(text: &str) -> csharp::Config {
    Section::new("csharp", text, Path::new("/p"))
        .deserialize()
        .expect("[csharp]")
}

#[test]
fn init_template_parses_with_the_backends_configs() {
    for left_off in [None, Some("no C# compiler")] {
        let text = init_template("hello-world", "hello_world", "0.1.0", left_off);
        assert!(text.contains("# namespace = \"HelloWorld\""), "{text}");
        let backends = parse_builtin(&text).expect("template parses");
        assert_eq!(keys(&backends), ["c", "csharp", "python"]);
        let csharp = csharp_section(&text);
        assert_eq!(csharp.nuget.is_some(), left_off.is_none(), "{text}");
    }
}

/// Uncomment every `# key = value` suggestion and `# [table]` header.
fn uncomment(text: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest
                    .split_once(" = ")
                    .is_some_and(|(k, _)| !k.is_empty() && !k.contains(' '))
                    || (rest.starts_with('[') && rest.ends_with(']')) =>
            {
                rest.to_string()
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn init_template_left_off_nuget_table_is_valid_when_uncommented() {
    let text = init_template(
        "hello-world",
        "hello_world",
        "0.1.0",
        Some("no C# compiler"),
    );
    assert!(text.contains("(no C# compiler)"), "{text}");
    let text = uncomment(&text);
    parse_builtin(&text).expect("valid");
    let nuget = csharp_section(&text).nuget.expect("[csharp.nuget]");
    assert_eq!(nuget.id.as_deref(), Some("HelloWorld"));
}

#[test]
fn init_template_commented_keys_are_valid() {
    // Uncomment every `# key = value` suggestion: the result must still be a valid config, so the
    // template never advertises a key the backends do not accept.
    let text = init_template("hello-world", "hello_world", "0.1.0", None);
    let uncommented = uncomment(&text);
    assert!(
        uncommented.contains("\nnamespace = \"HelloWorld\""),
        "{uncommented}"
    );
    assert!(
        uncommented.contains("\nrelease-gil = false\n"),
        "{uncommented}"
    );
    match parse_builtin(&uncommented) {
        Ok(backends) => assert_eq!(keys(&backends), ["c", "csharp", "python"]),
        Err(e) => panic!("{e}\n{uncommented}"),
    }
    let python: python::Config = Section::new("python", &uncommented, Path::new("/p"))
        .deserialize()
        .expect("[python]");
    assert!(!python.release_gil);
}

#[test]
fn unknown_key_points_at_the_key() {
    let e = err("[c]\nout-dir = \"x\"\nheadr = \"x.h\"\n");
    assert_eq!((e.line, e.col), (3, 1), "{e}");
    assert!(e.message.contains("headr"), "{e}");
    assert!(e.to_string().contains("3 | headr = \"x.h\""), "{e}");
    assert_eq!(
        e.help.as_deref(),
        Some("remove the key or correct its spelling; docs/cli.md lists every key")
    );
}

#[test]
fn unknown_key_in_a_subtable_points_at_the_key() {
    let e = err("[python]\n\n[python.wheel]\nbuidl = false\n");
    assert_eq!((e.line, e.col), (4, 1), "{e}");
    assert!(e.message.contains("unknown field `buidl`"), "{e}");
}

#[test]
fn sections_are_created_in_the_registrys_order_whatever_the_files() {
    let backends = parse_builtin("[python]\n[c]\n").expect("valid");
    assert_eq!(keys(&backends), ["c", "python"]);
    let languages: Vec<&str> = backends.iter().map(|b| b.backend.language()).collect();
    assert_eq!(languages, ["C", "Python"]);
}

#[test]
fn paths_in_sections_are_relative_to_the_files_directory() {
    let backends =
        parse_builtin("[python]\n[python.wheel]\nreadme = \"docs/PY.md\"\n").expect("valid");
    assert_eq!(backends[0].inputs, [Path::new("/p/docs/PY.md")]);
}

#[test]
fn unknown_language() {
    let e = err("[c]\n\n[java]\nx = 1\n");
    assert_eq!((e.line, e.col), (3, 2), "{e}");
    assert!(
        e.message
            .contains("language `java` is not supported; available: c, csharp, python")
    );
}

/// A third-party backend whose section needs `level` between 1 and 3.
struct Toy;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ToyConfig {
    level: toml::Spanned<u8>,
}

impl interop_backends::registry::BackendFactory for Toy {
    fn key(&self) -> &str {
        "toy"
    }

    fn capabilities(&self) -> interop_backends::common::capability::Capabilities {
        interop_backends::c::capabilities::CAPABILITIES
    }

    fn create(
        &self,
        section: &Section<'_>,
    ) -> Result<interop_backends::registry::Configured, SectionError> {
        let cfg: ToyConfig = section.deserialize()?;
        if !(1..=3).contains(cfg.level.get_ref()) {
            return Err(
                SectionError::at(cfg.level.span(), "`level` must be 1, 2 or 3")
                    .with_help("write `level = 1`"),
            );
        }
        let c = interop_backends::c::CBackend::new(interop_backends::c::Config::default());
        Ok(interop_backends::registry::Configured::new(c))
    }
}

#[test]
fn a_registered_backend_gets_its_section_and_is_listed() {
    let mut registry = builtin();
    registry.register(Toy);
    let parse_toy = |text: &str| parse(text, Path::new("Interop.toml"), Path::new("/p"), &registry);

    let backends = parse_toy("[toy]\nlevel = 2\n\n[c]\n").expect("valid");
    assert_eq!(keys(&backends), ["c", "toy"]);

    let e = parse_toy("[toy]\nlevel = 7\n").expect_err("out of range");
    assert_eq!((e.line, e.col, e.width), (2, 9, 1), "{e}");
    assert_eq!(e.message, "`level` must be 1, 2 or 3");
    assert_eq!(e.help.as_deref(), Some("write `level = 1`"));

    let e = parse_toy("[toy]\nlevel = 1\nlevle = 1\n").expect_err("unknown key");
    assert_eq!((e.line, e.col), (3, 1), "{e}");
    assert_eq!(
        e.help.as_deref(),
        Some("remove the key or correct its spelling"),
        "not a built-in: docs/cli.md does not list its keys"
    );

    let e = parse_toy("[java]\n").expect_err("unknown language");
    assert!(
        e.message.ends_with("available: c, csharp, python, toy"),
        "{e}"
    );
    assert!(
        e.help
            .as_deref()
            .is_some_and(|h| h.ends_with("`[python]`, `[toy]`")),
        "{e}"
    );
}

#[test]
fn syntax_error_position() {
    let e = err("[c]\nout-dir = \n");
    assert_eq!(e.line, 2, "{e}");
}

#[test]
fn empty_config() {
    let e = err("# nothing\n");
    assert!(e.message.contains("no language"), "{e}");
    assert!(
        e.help.as_deref().is_some_and(
            |h| h.starts_with("add at least one section: `[c]`, `[csharp]` or `[python]`")
        ),
        "{e}"
    );
}

#[test]
fn caret_width_and_columns_count_characters() {
    let d = Diagnostic::at(Path::new("f"), "ab\né = 1\n", 6..7, "m", None);
    assert_eq!((d.line, d.col, d.width), (2, 3, 1));
    assert_eq!(d.to_string(), "f:2:3: m\n  |\n2 | é = 1\n  |   ^");
}
