//! One pass over an inventory and every configured backend, before anything is generated: every
//! problem at once, each naming the Rust item, the language and the construct, with the other
//! languages' support beside it.

use std::fmt::Write as _;

use interop_core::model::Inventory;

use super::capability::{Capabilities, Construct, Occurrence, Position, Support, occurrences};

/// A problem a backend found that is not a capability of a construct (a name two items share in one
/// language, a name the language cannot spell, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The language that reports it.
    pub language: String,
    /// The Rust path of the item concerned (empty when it concerns the configuration).
    pub item: String,
    pub message: String,
    /// What the user can do about it.
    pub fix: Option<String>,
}

/// A use of a construct that at least one configured language does not support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    pub occurrence: Occurrence,
    /// Every configured language's support for it, in configuration order.
    pub verdicts: Vec<(String, Support)>,
}

/// Everything [`check`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub unsupported: Vec<Unsupported>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.unsupported.is_empty() && self.diagnostics.is_empty()
    }

    /// Number of problems.
    pub fn len(&self) -> usize {
        self.unsupported.len() + self.diagnostics.len()
    }

    /// The report as the CLI prints it: one block per problem, sorted by item.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for u in &self.unsupported {
            let o = &u.occurrence;
            let _ = writeln!(
                out,
                "`{}`: {} `{}` is a {} in {} position",
                o.item,
                o.part,
                o.rust_type,
                o.construct.title(),
                o.position.title()
            );
            for (language, support) in &u.verdicts {
                let _ = match support {
                    Support::Yes => writeln!(out, "    {language}: supported"),
                    Support::Partial(why) => {
                        writeln!(out, "    {language}: partly supported: {why}")
                    }
                    Support::No(why) => writeln!(out, "    {language}: not supported: {why}"),
                };
            }
        }
        for d in &self.diagnostics {
            let item = if d.item.is_empty() {
                String::new()
            } else {
                format!("`{}`: ", d.item)
            };
            let _ = writeln!(out, "{item}{} ({})", d.message, d.language);
            if let Some(fix) = &d.fix {
                let _ = writeln!(out, "    = help: {fix}");
            }
        }
        out
    }
}

/// Check `inv` against every backend's capability table (in the order given), and add what each
/// backend's own checks found (`extra`, already computed by the caller). Occurrences are reported
/// once even when several languages refuse them.
pub fn check(inv: &Inventory, tables: &[Capabilities], extra: Vec<Diagnostic>) -> Report {
    let mut report = Report::default();
    let mut seen = std::collections::BTreeSet::new();
    for o in occurrences(inv) {
        let verdicts: Vec<(String, Support)> = tables
            .iter()
            .map(|t| (t.language.to_string(), t.support(o.construct, o.position)))
            .collect();
        if !verdicts.iter().any(|(_, s)| matches!(s, Support::No(_))) {
            continue;
        }
        let key = (o.item.clone(), o.part.clone(), o.construct, o.position);
        if seen.insert(key) {
            report.unsupported.push(Unsupported {
                occurrence: o,
                verdicts,
            });
        }
    }
    report.diagnostics = extra;
    report
        .unsupported
        .sort_by(|a, b| a.occurrence.item.cmp(&b.occurrence.item));
    report
}

/// True when `construct` in `position` is fully or partly supported by `table`.
pub fn supports(table: &Capabilities, construct: Construct, position: Position) -> bool {
    !matches!(table.support(construct, position), Support::No(_))
}
