//! C# identifiers: casing, keyword escaping, doc comments and literals.

use heck::{ToLowerCamelCase, ToUpperCamelCase};
use interop_core::model::{ConstValue, Primitive};

use super::Naming;

/// Every reserved C# keyword (contextual keywords are valid identifiers and are not listed).
const KEYWORDS: &[&str] = &[
    "abstract",
    "as",
    "base",
    "bool",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "checked",
    "class",
    "const",
    "continue",
    "decimal",
    "default",
    "delegate",
    "do",
    "double",
    "else",
    "enum",
    "event",
    "explicit",
    "extern",
    "false",
    "finally",
    "fixed",
    "float",
    "for",
    "foreach",
    "goto",
    "if",
    "implicit",
    "in",
    "int",
    "interface",
    "internal",
    "is",
    "lock",
    "long",
    "namespace",
    "new",
    "null",
    "object",
    "operator",
    "out",
    "override",
    "params",
    "private",
    "protected",
    "public",
    "readonly",
    "ref",
    "return",
    "sbyte",
    "sealed",
    "short",
    "sizeof",
    "stackalloc",
    "static",
    "string",
    "struct",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "uint",
    "ulong",
    "unchecked",
    "unsafe",
    "ushort",
    "using",
    "virtual",
    "void",
    "volatile",
    "while",
];

/// True for reserved C# keywords.
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// `name`, prefixed with `@` when it is a keyword.
pub fn escape(name: &str) -> String {
    if is_keyword(name) {
        format!("@{name}")
    } else {
        name.to_string()
    }
}

/// Make `name` a valid identifier start: a leading digit gets `prefix` in front of it.
fn fix_start(name: String, prefix: &str) -> String {
    match name.chars().next() {
        None => prefix.to_string(),
        Some(c) if c.is_ascii_digit() => format!("{prefix}{name}"),
        Some(_) => name,
    }
}

/// PascalCase (`add_u8` → `AddU8`, `MAX_PLAYERS` → `MaxPlayers`, `_0` → `Item0`) in idiomatic mode;
/// the name unchanged otherwise. Never a keyword (keywords are escaped).
pub fn pascal(name: &str, naming: Naming) -> String {
    match naming {
        Naming::Idiomatic => escape(&fix_start(name.to_upper_camel_case(), "Item")),
        Naming::Rust => escape(name),
    }
}

/// camelCase for parameters (`by` → `by`, `u_size` → `uSize`), escaped when it is a keyword.
pub fn camel(name: &str, naming: Naming) -> String {
    match naming {
        Naming::Idiomatic => escape(&fix_start(name.to_lower_camel_case(), "item")),
        Naming::Rust => escape(name),
    }
}

/// The name without a leading `@`, for comparisons.
pub fn bare(name: &str) -> &str {
    name.strip_prefix('@').unwrap_or(name)
}

/// Escape text for XML (doc comments, nuspec).
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape doc text for an XML doc comment: `<`, `>` and `&` are escaped, and Markdown code spans
/// (`` `x` ``) become `<c>x</c>`.
fn doc_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(start) = rest.find('`') {
        let after = &rest[start + 1..];
        match after.find('`') {
            Some(end) if end > 0 => {
                out.push_str(&doc_text(&rest[..start]));
                out.push_str("<c>");
                out.push_str(&doc_text(&after[..end]));
                out.push_str("</c>");
                rest = &after[end + 1..];
            }
            _ => break,
        }
    }
    out.push_str(&doc_text(rest));
    out
}

fn doc_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An XML doc comment (`/// <summary>` … `/// </summary>`) indented by `indent`, each line ending in
/// a newline. `fallback` is used when `docs` is empty: every public member gets a summary, so that
/// `-doc:` with `-warnaserror` compiles.
pub fn doc_comment(docs: &[String], fallback: &str, indent: &str) -> String {
    let mut lines: Vec<String> = docs.iter().map(|l| doc_line(l.trim_end())).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    if lines.is_empty() {
        lines.push(doc_line(fallback));
    }
    let mut out = format!("{indent}/// <summary>\n");
    for l in lines {
        if l.is_empty() {
            out.push_str(&format!("{indent}///\n"));
        } else {
            out.push_str(&format!("{indent}/// {l}\n"));
        }
    }
    out.push_str(&format!("{indent}/// </summary>\n"));
    out
}

/// A C# integer literal of the given primitive type (never with digit separators).
pub fn int_literal(value: i128, ty: Primitive) -> String {
    match ty {
        Primitive::I64 | Primitive::Isize if value == i128::from(i64::MIN) => {
            "long.MinValue".into()
        }
        Primitive::I32 if value == i128::from(i32::MIN) => "int.MinValue".into(),
        Primitive::U64 | Primitive::Usize => format!("{value}UL"),
        Primitive::I64 | Primitive::Isize => format!("{value}L"),
        _ => value.to_string(),
    }
}

/// A C# float literal that reads back as exactly `v` (`0.5f`, `float.NaN`, …).
pub fn f32_literal(v: f32) -> String {
    if v.is_nan() {
        "float.NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "float.PositiveInfinity".into()
        } else {
            "float.NegativeInfinity".into()
        }
    } else {
        format!("{v:?}f")
    }
}

/// A C# double literal that reads back as exactly `v` (`3.14159d`, `double.NaN`, …).
pub fn f64_literal(v: f64) -> String {
    if v.is_nan() {
        "double.NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "double.PositiveInfinity".into()
        } else {
            "double.NegativeInfinity".into()
        }
    } else {
        format!("{v:?}d")
    }
}

/// The literal of a constant of primitive type `ty`; `None` when value and type do not match.
pub fn const_literal(value: ConstValue, ty: Primitive) -> Option<String> {
    match (value, ty) {
        (ConstValue::Bool(b), Primitive::Bool) => Some(b.to_string()),
        (ConstValue::Int(i), p) if p.is_integer() => Some(int_literal(i, p)),
        (ConstValue::F32Bits(b), Primitive::F32) => Some(f32_literal(f32::from_bits(b))),
        (ConstValue::F64Bits(b), Primitive::F64) => Some(f64_literal(f64::from_bits(b))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        let n = Naming::Idiomatic;
        assert_eq!(pascal("add_u8", n), "AddU8");
        assert_eq!(pascal("MAX_PLAYERS", n), "MaxPlayers");
        assert_eq!(pascal("Vec2f32", n), "Vec2f32");
        assert_eq!(pascal("u_size", n), "USize");
        assert_eq!(pascal("_0", n), "Item0");
        assert_eq!(pascal("math", n), "Math");
        assert_eq!(camel("class", n), "@class");
        assert_eq!(camel("params", n), "@params");
        assert_eq!(camel("lambda", n), "lambda");
        assert_eq!(camel("u_size", n), "uSize");
        assert_eq!(pascal("class", Naming::Rust), "@class");
        assert_eq!(pascal("add_u8", Naming::Rust), "add_u8");
    }

    #[test]
    fn literals() {
        assert_eq!(
            int_literal(u64::MAX.into(), Primitive::U64),
            "18446744073709551615UL"
        );
        assert_eq!(
            int_literal(i64::MIN.into(), Primitive::I64),
            "long.MinValue"
        );
        assert_eq!(int_literal(-42, Primitive::I32), "-42");
        assert_eq!(int_literal(1 << 40, Primitive::U64), "1099511627776UL");
        assert_eq!(f64_literal(2.71), "2.71d");
        assert_eq!(f32_literal(0.5), "0.5f");
        assert_eq!(f64_literal(1e300), "1e300d");
        assert_eq!(f32_literal(f32::NAN), "float.NaN");
    }

    #[test]
    fn docs() {
        let d = doc_comment(
            &["a < b && b > c, `x<y>` and a backtick ` alone".to_string()],
            "unused",
            "    ",
        );
        assert_eq!(
            d,
            "    /// <summary>\n    /// a &lt; b &amp;&amp; b &gt; c, <c>x&lt;y&gt;</c> and a backtick ` alone\n    /// </summary>\n"
        );
        assert_eq!(
            doc_comment(&[], "The `x` field.", ""),
            "/// <summary>\n/// The <c>x</c> field.\n/// </summary>\n"
        );
    }
}
