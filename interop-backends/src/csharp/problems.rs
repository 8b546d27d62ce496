//! What the C# backend cannot generate, collected item by item: [`Problem`] (what a family or a name
//! check found) and [`Problems`] (every problem of a run, each with the Rust path of its item).
//!
//! Generation and [`Backend::check`](crate::Backend::check) are one code path: the renderers record a
//! problem and go on with the next item, so a run reports all of them, and a clean check guarantees a
//! clean generation.

use crate::BackendError;
use crate::common::capability::{Capabilities, Construct, Position, Support};
use crate::common::diagnostics::Diagnostic;
use crate::common::names::Collision;

/// The fix offered for a name two items share.
pub const RENAME_FIX: &str = "rename one of them with #[ffi(name = \"…\")]";

/// One thing the backend cannot express.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub message: String,
    /// What the user can do about it.
    pub fix: Option<String>,
    /// The capability-table cell this problem is an instance of, when it is one (the shared
    /// diagnostics pass already reports those: [`Problems::into_diagnostics`] leaves them out).
    pub construct: Option<(Construct, Position)>,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            message: message.into(),
            fix: None,
            construct: None,
        }
    }

    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// Mark the problem as an instance of `construct` in `position`.
    pub fn construct(mut self, construct: Construct, position: Position) -> Self {
        self.construct = Some((construct, position));
        self
    }

    /// A name shared by two items (or a configured name and an item).
    pub fn collision(c: &Collision, fix: &str) -> Self {
        Problem::new(format!(
            "{} and {} would both be named `{}` in {}",
            c.second, c.first, c.name, c.scope
        ))
        .fix(fix)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(fix) = &self.fix {
            write!(f, "; {fix}")?;
        }
        Ok(())
    }
}

/// Every problem of a run, in the order found, each once.
#[derive(Debug, Default)]
pub struct Problems {
    found: Vec<(String, Problem)>,
}

impl Problems {
    /// Record `problem` of the item at Rust path `item` (empty for the configuration).
    pub fn push(&mut self, item: &str, problem: Problem) {
        if !self
            .found
            .iter()
            .any(|(i, p)| i == item && p.message == problem.message)
        {
            self.found.push((item.to_string(), problem));
        }
    }

    /// The value of `result`, or `None` after recording its problem.
    pub fn take<T>(&mut self, item: &str, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(p) => {
                self.push(item, p);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// The error `generate` fails with: every problem, one per line.
    pub fn into_error(self) -> BackendError {
        let lines: Vec<String> = self
            .found
            .iter()
            .map(|(item, p)| {
                if item.is_empty() {
                    format!("C#: {p}")
                } else {
                    format!("C#: `{item}`: {p}")
                }
            })
            .collect();
        BackendError::Unsupported(lines.join("\n"))
    }

    /// The problems as diagnostics, without those the capability table already declares unsupported
    /// (the shared pass reports each of them once, with every language's verdict).
    pub fn into_diagnostics(self, table: &Capabilities) -> Vec<Diagnostic> {
        self.found
            .into_iter()
            .filter(|(_, p)| {
                !p.construct
                    .is_some_and(|(c, pos)| matches!(table.support(c, pos), Support::No(_)))
            })
            .map(|(item, p)| Diagnostic {
                language: table.language.to_string(),
                item,
                message: p.message,
                fix: p.fix,
            })
            .collect()
    }
}
