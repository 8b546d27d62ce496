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

    /// The report as the CLI prints it: one block per problem, separated by blank lines. First every
    /// unsupported use, sorted by item: what the item uses where, then every configured language's
    /// support for it side by side. Then the backends' own diagnostics, in the order given.
    pub fn render(&self) -> String {
        let width = self
            .unsupported
            .iter()
            .flat_map(|u| &u.verdicts)
            .map(|(language, _)| language.chars().count())
            .max()
            .unwrap_or(0);
        let mut blocks = Vec::new();
        for u in &self.unsupported {
            let mut block = describe(&u.occurrence);
            for (language, support) in &u.verdicts {
                let verdict = match support {
                    Support::Yes => "supported".to_string(),
                    Support::Partial(why) => format!("partly supported: {why}"),
                    Support::No(why) => format!("not supported: {why}"),
                };
                let _ = write!(block, "\n    {language:<width$}  {verdict}");
            }
            blocks.push(block);
        }
        for d in &self.diagnostics {
            let mut block = if d.item.is_empty() {
                format!("{}: {}", d.language, d.message)
            } else {
                format!("`{}` ({}): {}", d.item, d.language, d.message)
            };
            if let Some(fix) = &d.fix {
                let _ = write!(block, "\n    = help: {fix}");
            }
            blocks.push(block);
        }
        let mut out = blocks.join("\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// `` `k::toggle`: parameter `on` is `bool` (`bool` as a parameter) ``,
/// `` `k::sum`: parameter `values` points to `[i32; 4]` (`[T; N]` behind a pointer) ``.
fn describe(o: &Occurrence) -> String {
    let position = match o.position {
        Position::Param => "as a parameter",
        Position::Return => "as a return value",
        Position::Field => "as a field",
        Position::Pointee => "behind a pointer",
        Position::Constant => "as a constant",
        Position::Element => "as an element of a slice or vector",
        Position::Item => {
            return match o.construct {
                Construct::Module => format!("`{}`: module `{}`", o.item, o.rust_type),
                construct => format!("`{}`: {}", o.item, construct.title()),
            };
        }
    };
    let verb = match o.position {
        Position::Pointee => "points to",
        Position::Element => "holds",
        _ => "is",
    };
    format!(
        "`{}`: {} {verb} `{}` ({} {position})",
        o.item,
        o.part,
        o.rust_type,
        o.construct.title()
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn toy_support(construct: Construct, position: Position) -> Support {
        match (construct, position) {
            (Construct::Bool, Position::Param) => Support::No("Toy has no booleans; take a `u8`"),
            (Construct::Bool, _) => Support::Partial("stored as a byte"),
            _ => Support::Yes,
        }
    }

    fn yes(_: Construct, _: Position) -> Support {
        Support::Yes
    }

    fn spelling(_: Construct) -> &'static str {
        ""
    }

    fn table(language: &'static str, support: fn(Construct, Position) -> Support) -> Capabilities {
        Capabilities {
            language,
            support,
            spelling,
        }
    }

    fn occurrence(item: &str, part: &str, construct: Construct, position: Position) -> Occurrence {
        Occurrence {
            item: item.into(),
            part: part.into(),
            construct,
            position,
            rust_type: "bool".into(),
        }
    }

    #[test]
    fn render_lists_every_language_side_by_side_then_the_backends_diagnostics() {
        let report = Report {
            unsupported: vec![Unsupported {
                occurrence: occurrence(
                    "k::toggle",
                    "parameter `on`",
                    Construct::Bool,
                    Position::Param,
                ),
                verdicts: vec![
                    ("C".into(), Support::Yes),
                    ("Python".into(), Support::Partial("stored as a byte")),
                    (
                        "Toy".into(),
                        Support::No("Toy has no booleans; take a `u8`"),
                    ),
                ],
            }],
            diagnostics: vec![
                Diagnostic {
                    language: "C".into(),
                    item: "k::Point".into(),
                    message: "two items are named `Point`".into(),
                    fix: Some("rename one".into()),
                },
                Diagnostic {
                    language: "Python".into(),
                    item: String::new(),
                    message: "bad version".into(),
                    fix: None,
                },
            ],
        };
        assert_eq!(
            report.render(),
            "`k::toggle`: parameter `on` is `bool` (`bool` as a parameter)\n\
             \x20   C       supported\n\
             \x20   Python  partly supported: stored as a byte\n\
             \x20   Toy     not supported: Toy has no booleans; take a `u8`\n\
             \n\
             `k::Point` (C): two items are named `Point`\n\
             \x20   = help: rename one\n\
             \n\
             Python: bad version\n"
        );
        assert_eq!(report.len(), 3);
        assert_eq!(Report::default().render(), "");
    }

    #[test]
    fn check_reports_only_what_a_language_refuses_each_use_once_sorted_by_item() {
        use interop_core::model::*;
        let bool_param = |name: &str| Function {
            name: name.into(),
            rust_name: name.into(),
            rust_path: format!("k::{name}"),
            symbol: name.into(),
            module: None,
            owner: None,
            receiver: None,
            kind: FunctionKind::Function,
            docs: vec![],
            params: vec![Param::new("on", TypeRef::primitive(Primitive::Bool))],
            returns: TypeRef::primitive(Primitive::Bool),
        };
        let mut inv = Inventory::empty();
        inv.functions = vec![bool_param("zeta"), bool_param("alpha")];
        let tables = [
            table("C", yes),
            table("Toy", toy_support),
            table("Toy2", toy_support),
        ];
        let report = check(&inv, &tables, vec![]);
        let items: Vec<(&str, &str)> = report
            .unsupported
            .iter()
            .map(|u| (u.occurrence.item.as_str(), u.occurrence.part.as_str()))
            .collect();
        // The partly supported returns are not problems; two languages refusing a use report it once.
        assert_eq!(
            items,
            [
                ("k::alpha", "parameter `on`"),
                ("k::zeta", "parameter `on`")
            ]
        );
        assert_eq!(report.unsupported[0].verdicts.len(), 3);
        assert!(check(&inv, &[table("C", yes)], vec![]).is_empty());
    }
}
