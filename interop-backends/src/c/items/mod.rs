//! The header's items, each rendered by its own askama template (`templates/c/items/`): opaque
//! types, enums, structs, constants, functions, and the header file that lays them out in sections.
//!
//! Item renderers never look at what a type is: they ask the type's [family](super::types) for its
//! declarator, its literal or its docs. Every problem an item has is collected as a [`Problem`]
//! (naming the Rust item), so one pass finds all of them: [`Backend::check`](crate::Backend::check)
//! reports them all, `generate` fails on the first.

use askama::Template;

use super::literals::comment_text;
use super::types::TypeError;
use crate::BackendError;
use crate::common::diagnostics::Diagnostic;

mod alloc;
pub mod buffers;
mod callbacks;
pub mod constant;
pub mod data_enum;
pub mod enum_;
pub mod function;
pub mod guard;
pub mod header;
pub mod opaque;
pub mod struct_;
pub mod tagged;

/// What kind of problem a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// C cannot express the item as it is.
    Unsupported,
    /// The inventory (or a template) is broken: not the user's doing.
    Internal,
    /// A `[c]` setting is wrong.
    Config,
}

/// Something that stops the header from being generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The Rust path of the item (empty for the configuration).
    pub item: String,
    pub message: String,
    /// What the user can do about it.
    pub fix: Option<String>,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn unsupported(item: &str, message: String, fix: Option<String>) -> Self {
        Problem {
            item: item.to_string(),
            message,
            fix,
            kind: ProblemKind::Unsupported,
        }
    }

    /// The inventory is broken (not the user's doing).
    pub fn internal(item: &str, message: String) -> Self {
        Problem {
            item: item.to_string(),
            message,
            fix: None,
            kind: ProblemKind::Internal,
        }
    }

    pub fn config(message: String) -> Self {
        Problem {
            item: String::new(),
            message,
            fix: None,
            kind: ProblemKind::Config,
        }
    }

    /// A type `part` of `item` (`parameter `p``, `field `x``) cannot be spelled.
    pub fn of_type(item: &str, part: &str, e: TypeError) -> Self {
        Problem {
            item: item.to_string(),
            kind: match e {
                TypeError::Unsupported(_) => ProblemKind::Unsupported,
                TypeError::Invalid(_) => ProblemKind::Internal,
            },
            message: format!("{part}: {e}"),
            fix: None,
        }
    }

    fn template(item: &str, e: askama::Error) -> Self {
        Problem::internal(item, format!("rendering template failed: {e}"))
    }

    /// The error `generate` fails with.
    pub fn into_error(self) -> BackendError {
        let mut text = if self.item.is_empty() {
            self.message
        } else {
            format!("`{}`: {}", self.item, self.message)
        };
        if let Some(fix) = self.fix {
            text = format!("{text}; {fix}");
        }
        match self.kind {
            ProblemKind::Unsupported => BackendError::Unsupported(text),
            ProblemKind::Internal | ProblemKind::Config => BackendError::Other(text),
        }
    }

    /// The diagnostic `check` reports.
    pub fn into_diagnostic(self) -> Diagnostic {
        Diagnostic {
            language: "C".into(),
            item: self.item,
            message: self.message,
            fix: self.fix,
        }
    }
}

/// Render `template` for `item`, or record why it failed.
fn render(item: &str, template: &impl Template, problems: &mut Vec<Problem>) -> Option<String> {
    template
        .render()
        .map_err(|e| problems.push(Problem::template(item, e)))
        .ok()
}

/// `/** … */` before an item. Lines are already escaped; `indent` goes before every line.
#[derive(Template)]
#[template(path = "c/items/doc.h", escape = "none")]
struct DocTemplate<'a> {
    indent: &'a str,
    lines: Vec<String>,
}

/// A doc comment for `docs` (empty when there are none), every line prefixed with `indent`.
/// Leading and trailing blank lines are dropped; comment delimiters and trigraphs are escaped.
pub fn doc_comment(docs: &[String], indent: &str) -> Result<String, askama::Error> {
    let lines: Vec<String> = docs.iter().map(|l| comment_text(l)).collect();
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    let (Some(start), Some(end)) = (start, end) else {
        return Ok(String::new());
    };
    DocTemplate {
        indent,
        lines: lines[start..=end].to_vec(),
    }
    .render()
}

/// [`doc_comment`] for `item`, or record why it failed.
fn docs(item: &str, docs: &[String], indent: &str, problems: &mut Vec<Problem>) -> String {
    doc_comment(docs, indent)
        .map_err(|e| problems.push(Problem::template(item, e)))
        .unwrap_or_default()
}
