//! XML for C# doc comments and NuGet metadata.

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
    }
}
