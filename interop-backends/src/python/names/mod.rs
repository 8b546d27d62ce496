//! Python naming: PEP 8 casing and escaping of names that Python reserves.

use heck::{ToShoutySnakeCase, ToSnakeCase};

mod reserved;

pub use self::reserved::{
    BUILTINS, CLASS_SCOPE_RESERVED, DATA_ENUM_RESERVED, ENUM_RESERVED, GENERATED_MODULE_NAMES,
    HANDLE_RESERVED, IN_USE, KEYWORDS, RAW_RESERVED, SERVICE_RESERVED, STRUCT_RESERVED,
    is_standard_module,
};

/// Where a name is defined decides what it must not shadow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Functions, classes, constants and submodules of a generated module.
    Module,
    /// Fields and methods of a generated class.
    Class,
    /// Parameters of a generated function (annotations are evaluated at module scope).
    Param,
}

/// Escape `name` for `scope`: a trailing underscore when it is reserved there.
pub fn escape(name: &str, scope: Scope) -> String {
    let normalized = nfkc(name);
    let name = normalized.as_str();
    let reserved = KEYWORDS.contains(&name)
        || match scope {
            Scope::Module => BUILTINS.contains(&name) || GENERATED_MODULE_NAMES.contains(&name),
            Scope::Class => CLASS_SCOPE_RESERVED.contains(&name),
            Scope::Param => false,
        };
    if reserved {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// PEP 8 function / method / parameter / field name (NFKC-normalized, see [`nfkc`]).
pub fn snake(name: &str) -> String {
    nfkc(&keep_leading_underscores(name, |s| s.to_snake_case()))
}

/// PEP 8 constant / enum member name (NFKC-normalized, see [`nfkc`]).
pub fn upper_snake(name: &str) -> String {
    nfkc(&keep_leading_underscores(name, |s| {
        s.to_shouty_snake_case()
    }))
}

/// The form Python gives an identifier: the parser NFKC-normalizes every identifier it reads
/// (PEP 3131), so the bindings write that form, and a name that differs from it would not be
/// found under its written spelling where it is a string (`_fields_`, keyword arguments).
pub fn nfkc(name: &str) -> String {
    if name.is_ascii() {
        return name.to_string();
    }
    use unicode_normalization::UnicodeNormalization;
    name.nfkc().collect()
}

/// heck drops leading underscores (`_0` → `0`); tuple fields and private names need them.
fn keep_leading_underscores(name: &str, f: impl Fn(&str) -> String) -> String {
    let rest = name.trim_start_matches('_');
    let prefix = &name[..name.len() - rest.len()];
    if rest.is_empty() {
        return name.to_string();
    }
    format!("{prefix}{}", f(rest))
}

/// True for a Python identifier (PEP 3131: `_` or a letter of Unicode's `XID_Start`, then
/// `XID_Continue`), in its NFKC form (see [`nfkc`]).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue) && nfkc(s) == s
}

/// Body of a `"""…"""` docstring for `lines` (Rust doc lines), indented by `indent` after the first
/// line. Backslashes and quotes that would end or alter the literal are escaped.
pub fn docstring(lines: &[String], indent: &str) -> Option<String> {
    let text: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
    let text = text.join("\n");
    let text = text.trim_matches('\n');
    if text.trim().is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            // A quote followed by a quote, or ending the text, could close the literal: escape it.
            '"' if matches!(chars.peek(), Some('"') | None) => out.push_str("\\\""),
            '\n' => out.push('\n'),
            c => push_visible(&mut out, c),
        }
    }
    let mut body = String::new();
    for (i, line) in out.split('\n').enumerate() {
        if i > 0 {
            body.push('\n');
            if !line.trim().is_empty() {
                body.push_str(indent);
            }
        }
        body.push_str(line);
    }
    if out.contains('\n') {
        body.push('\n');
        body.push_str(indent);
    }
    Some(format!("\"\"\"{body}\"\"\""))
}

/// `c`, or its escape when it is a control character (`\x07`, `\r`), a tab as four spaces: what a
/// docstring or a comment holds of a Rust doc comment (a NUL or a lone carriage return would end
/// or break the Python source).
fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("    "),
        '\r' => out.push_str("\\r"),
        c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push(c),
    }
}

/// A `#` comment of one doc line (`prefix` is `#` or `#:`), control characters escaped.
pub fn comment(prefix: &str, line: &str) -> String {
    let mut out = format!("{prefix} ");
    for c in line.trim_end().chars() {
        push_visible(&mut out, c);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keywords_everywhere_and_builtins_at_module_level() {
        assert_eq!(escape("lambda", Scope::Param), "lambda_");
        assert_eq!(escape("match", Scope::Class), "match_");
        assert_eq!(escape("object", Scope::Param), "object");
        assert_eq!(escape("object", Scope::Class), "object_");
        assert_eq!(escape("sum", Scope::Class), "sum");
        assert_eq!(escape("sum", Scope::Module), "sum_");
        assert_eq!(escape("ctypes", Scope::Module), "ctypes_");
    }

    #[test]
    fn standard_modules() {
        for m in [
            "ctypes",
            "typing",
            "enum",
            "os",
            "json",
            "__future__",
            "parser",
            "test",
        ] {
            assert!(is_standard_module(m), "{m}");
        }
        assert!(!is_standard_module("conformance") && !is_standard_module("# Top-level"));
    }

    #[test]
    fn non_ascii_identifiers_in_their_nfkc_form() {
        assert_eq!(snake("Größe"), "größe");
        assert_eq!(upper_snake("Rückwärts"), "RÜCKWÄRTS");
        assert!(is_identifier("größe") && is_identifier("Größe") && is_identifier("日本"));
        // Python reads `ﬁle` (a ligature) as `file` and `ｃｌａｓｓ` (full width) as `class`.
        assert_eq!(snake("\u{fb01}le"), "file");
        assert_eq!(
            escape("\u{ff43}\u{ff4c}\u{ff41}\u{ff53}\u{ff53}", Scope::Param),
            "class_"
        );
        assert_eq!(escape("Pt\u{b2}", Scope::Module), "Pt2");
        assert!(!is_identifier("\u{fb01}le"), "not in NFKC form");
        for bad in ["2x", "a-b", "a b", "é\u{2013}", ""] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn casing() {
        assert_eq!(upper_snake("MinusOne"), "MINUS_ONE");
        assert_eq!(upper_snake("None"), "NONE");
        assert_eq!(snake("_0"), "_0");
        assert_eq!(snake("renamed_function"), "renamed_function");
        assert_eq!(upper_snake("RENAMED_CONST"), "RENAMED_CONST");
    }

    #[test]
    fn docstrings_escape_quotes_and_backslashes() {
        let d = docstring(&["a \"\"\" b \\ c".into()], "    ").unwrap();
        assert_eq!(d, r#""""a \"\"" b \\ c""""#);
        let d = docstring(&["say \"hi\"".into()], "").unwrap();
        assert_eq!(d, r#""""say "hi\"""""#);
        let d = docstring(&["First.".into(), "".into(), "Second.".into()], "    ").unwrap();
        assert_eq!(d, "\"\"\"First.\n\n    Second.\n    \"\"\"");
        assert!(docstring(&[], "").is_none());
        let d = docstring(&["nul \0 bell \u{7} esc \u{1b} cr\rlf \u{85}!".into()], "").unwrap();
        assert_eq!(d, r#""""nul \x00 bell \x07 esc \x1b cr\rlf \x85!""""#);
        assert_eq!(comment("#:", "a\0b\u{1b}  "), r"#: a\x00b\x1b");
    }
}
