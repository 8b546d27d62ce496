//! The diagnostics of a naming pass: names Python cannot spell, names two items would share.

use super::{LANGUAGE, RENAME};
use crate::common::diagnostics::Diagnostic;
use crate::common::names::{Collision, NameTable};
use crate::python::names::is_identifier;

/// Collects the diagnostics of one naming pass.
pub(super) struct Collector {
    pub(super) diagnostics: Vec<Diagnostic>,
}

impl Collector {
    pub(super) fn report(&mut self, item: &str, message: String, fix: &str) {
        self.diagnostics.push(Diagnostic {
            language: LANGUAGE.to_string(),
            item: item.to_string(),
            message,
            fix: Some(fix.to_string()),
        });
    }

    /// `name` must be a Python identifier.
    pub(super) fn identifier(&mut self, item: &str, what: &str, rust: &str, name: &str) -> bool {
        if is_identifier(name) {
            return true;
        }
        self.report(
            item,
            format!("{what} `{rust}` has no usable Python name (`{name}` is not a Python identifier)"),
            "rename it with #[ffi(name = \"…\")] to letters, digits and `_` (PEP 3131), not starting with a digit",
        );
        false
    }

    pub(super) fn claim(&mut self, table: &mut NameTable, item: &str, name: &str, what: String) {
        if let Err(c) = table.claim(name, what) {
            self.collision(item, c);
        }
    }

    /// Claim a member of a class derived from `base.0`, which defines the names `base.1` itself.
    pub(super) fn claim_member(
        &mut self,
        table: &mut NameTable,
        base: (&str, &[&str]),
        item: &str,
        name: &str,
        what: String,
    ) {
        if base.1.contains(&name) {
            self.report(
                item,
                format!(
                    "{what} would be named `{name}`, which the generated class needs for itself \
                     (`{}` defines it)",
                    base.0
                ),
                "rename it with #[ffi(name = \"…\")]",
            );
        } else {
            self.claim(table, item, name, what);
        }
    }

    pub(super) fn collision(&mut self, item: &str, c: Collision) {
        // Two different non-ASCII spellings can meet in their NFKC form (`ﬁle`, `file`).
        let normalized = if [&c.first, &c.second].iter().any(|w| !w.is_ascii()) {
            " (Python reads identifiers in their NFKC form)"
        } else {
            ""
        };
        self.report(
            item,
            format!(
                "{} and {} would both be named `{}` in {}{normalized}",
                c.second, c.first, c.name, c.scope
            ),
            RENAME,
        );
    }
}
