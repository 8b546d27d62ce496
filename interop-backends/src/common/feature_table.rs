//! The support matrix of README.md and docs/, rendered from the backends' capability tables.

use std::fmt::Write as _;

use super::capability::{Capabilities, Construct, Support};

/// The markdown table: one row per construct (how Rust writes it), one column per language giving what
/// it becomes there. A cell lists the positions that are only partly supported or not at all, with
/// numbered notes below the table giving the reasons; `no [n]` when no position is supported.
pub fn render(tables: &[Capabilities]) -> String {
    let mut notes: Vec<String> = Vec::new();
    let mut note = |text: String| -> usize {
        match notes.iter().position(|n| *n == text) {
            Some(i) => i + 1,
            None => {
                notes.push(text);
                notes.len()
            }
        }
    };
    let mut out = String::new();
    let _ = write!(out, "| construct | Rust |");
    for t in tables {
        let _ = write!(out, " {} |", t.language);
    }
    out.push('\n');
    out.push_str("|---|---|");
    for _ in tables {
        out.push_str("---|");
    }
    out.push('\n');
    for &construct in Construct::ALL {
        let positions = construct.positions();
        let _ = write!(out, "| {} | {} |", construct.title(), construct.rust());
        for t in tables {
            let verdicts: Vec<Support> = positions
                .iter()
                .map(|&position| t.support(construct, position))
                .collect();
            let cell = match verdicts.as_slice() {
                all if all.iter().all(|s| *s == Support::Yes) => {
                    (t.spelling)(construct).to_string()
                }
                [Support::No(first), rest @ ..]
                    if rest.iter().all(|s| *s == Support::No(first)) =>
                {
                    format!("no [{}]", note(first.to_string()))
                }
                _ => {
                    let limits = positions
                        .iter()
                        .zip(&verdicts)
                        .filter_map(|(position, support)| match support {
                            Support::Yes => None,
                            Support::Partial(why) => Some(format!(
                                "{}: partial [{}]",
                                position.title(),
                                note(why.to_string())
                            )),
                            Support::No(why) => Some(format!(
                                "{}: no [{}]",
                                position.title(),
                                note(why.to_string())
                            )),
                        })
                        .collect::<Vec<_>>()
                        .join("; ");
                    format!("{} ({limits})", (t.spelling)(construct))
                }
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    if !notes.is_empty() {
        out.push('\n');
        for (i, n) in notes.iter().enumerate() {
            let _ = writeln!(out, "[{}] {n}  ", i + 1);
        }
    }
    out
}

/// The markers between which README.md and docs carry the generated table.
pub const BEGIN_MARKER: &str =
    "<!-- feature-table:begin (generated from the capability tables; do not edit) -->";
pub const END_MARKER: &str = "<!-- feature-table:end -->";

/// `document` with the text between the markers replaced by `table` (`None` when the markers are
/// missing).
pub fn splice(document: &str, table: &str) -> Option<String> {
    let begin = document.find(BEGIN_MARKER)? + BEGIN_MARKER.len();
    let end = document[begin..].find(END_MARKER)? + begin;
    Some(format!(
        "{}\n{}{}",
        &document[..begin],
        table,
        &document[end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::capability::Position;

    fn all_yes(_: Construct, _: Position) -> Support {
        Support::Yes
    }

    fn no_packed(c: Construct, p: Position) -> Support {
        match (c, p) {
            (Construct::PackedRecord, Position::Param | Position::Return) => {
                Support::No("passed on the stack")
            }
            (Construct::FixedArray, _) => Support::Partial("primitive elements only"),
            _ => Support::Yes,
        }
    }

    #[test]
    fn renders_rows_cells_and_numbered_notes() {
        let tables = [
            Capabilities {
                language: "A",
                support: all_yes,
                spelling: |_| "same",
            },
            Capabilities {
                language: "B",
                support: no_packed,
                spelling: |_| "other",
            },
        ];
        let table = render(&tables);
        assert!(
            table.starts_with("| construct | Rust | A | B |\n"),
            "{table}"
        );
        assert!(
            table.contains("| packed struct | `#[ffi(packed)] struct` | same | other (parameter: no [1]; return: no [1]) |"),
            "{table}"
        );
        assert!(
            table
                .contains("other (field: partial [2]; pointee: partial [2]; element: partial [2])"),
            "{table}"
        );
        assert!(table.contains("[1] passed on the stack"), "{table}");
        let doc = format!("intro\n{BEGIN_MARKER}\nold\n{END_MARKER}\noutro\n");
        let spliced = splice(&doc, &table).expect("markers");
        assert!(
            spliced.contains(&table) && !spliced.contains("old") && spliced.ends_with("outro\n")
        );
    }
}
