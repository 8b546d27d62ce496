//! XML for C# doc comments and NuGet metadata.

/// Escape text for XML (doc comments, nuspec): markup characters become entities, and characters
/// XML 1.0 cannot carry at all (controls other than tab and newline, U+FFFE, U+FFFF; not even as
/// character references) are written as their Rust escape (`\0`, `\x07`).
pub fn xml_escape(s: &str) -> String {
    escape(s, |c| !xml_char(c), true)
}

/// `s` with `&`, `<`, `>` (and quotes when `quotes`) as entities and the characters `raw_escape`
/// selects as their Rust escape.
fn escape(s: &str, raw_escape: impl Fn(char) -> bool, quotes: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&apos;"),
            c if raw_escape(c) => out.push_str(&rust_escape(c)),
            _ => out.push(c),
        }
    }
    out
}

/// True for the characters XML 1.0 allows (tab, newline and carriage return among the controls).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `c` as Rust writes it in a string literal: `\0`, `\x07`, `\u{2028}`.
fn rust_escape(c: char) -> String {
    match c {
        '\0' => "\\0".into(),
        '\r' => "\\r".into(),
        c if (c as u32) < 0x80 => format!("\\x{:02x}", c as u32),
        c => format!("\\u{{{:x}}}", c as u32),
    }
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

/// Text of a doc comment line: `&`, `<`, `>` as entities; control characters but tab (XML 1.0 cannot
/// carry most of them, and CR and U+0085 end a line of C# source, as U+2028 and U+2029 do) as their
/// Rust escape.
fn doc_text(s: &str) -> String {
    escape(
        s,
        |c| (c.is_control() && c != '\t') || matches!(c, '\u{2028}' | '\u{2029}') || !xml_char(c),
        false,
    )
}

/// An XML doc comment (`/// <summary>` … `/// </summary>`) indented by `indent`, each line ending in
/// a newline. `fallback` is used when `docs` is empty: every public member gets a summary, so that
/// `-doc:` with `-warnaserror` compiles.
pub fn doc_comment(docs: &[String], fallback: &str, indent: &str) -> String {
    // `#[doc = "…"]` may hold several lines in one attribute.
    let mut lines: Vec<String> = docs
        .iter()
        .flat_map(|d| d.split('\n'))
        .map(|l| doc_line(l.strip_suffix('\r').unwrap_or(l).trim_end()))
        .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

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
        // Characters XML 1.0 cannot carry, and line terminators of C#, are written as Rust escapes.
        assert_eq!(
            doc_comment(
                &[
                    "NUL \0, bell \x07, `esc \x1b`, VT \x0b, DEL \x7f, CR \r LS \u{2028} é\t."
                        .into()
                ],
                "",
                ""
            ),
            "/// <summary>\n/// NUL \\0, bell \\x07, <c>esc \\x1b</c>, VT \\x0b, DEL \\x7f, CR \\r LS \\u{2028} é\t.\n/// </summary>\n"
        );
        assert_eq!(
            doc_comment(&["one\r\ntwo".into()], "", ""),
            "/// <summary>\n/// one\n/// two\n/// </summary>\n"
        );
        assert_eq!(xml_escape("a\u{1}b & c"), "a\\x01b &amp; c");
    }
}
