//! A function declaration under its exported symbol: `uint64_t counter_get(const Counter *self);`,
//! one parameter per line when the line would be long, and a docs note for every parameter that must
//! not be NULL.

use std::collections::BTreeSet;

use askama::Template;
use interop_core::model::Function;

use super::{Problem, docs, render};
use crate::c::types::pointer::not_null_sentence;
use crate::c::types::{Cx, Ownership, ParamDoc, Position, family};

/// Signatures longer than this are wrapped one parameter per line.
const MAX_LINE: usize = 100;

#[derive(Template)]
#[template(path = "c/items/function.h", escape = "none")]
struct FunctionTemplate {
    docs: String,
    /// Return type and symbol: `Counter *counter_new`.
    head: String,
    params: Vec<String>,
    /// One parameter per line, aligned after the parenthesis.
    wrap: bool,
    align: String,
}

pub fn render_function(f: &Function, cx: Cx<'_>, problems: &mut Vec<Problem>) -> Option<String> {
    let item = f.rust_path.as_str();
    let before = problems.len();
    let mut returned = None;
    let mut return_doc = Vec::new();
    let ret = family(cx, &f.returns)
        .and_then(|fam| {
            returned = fam.ownership(Position::Return);
            return_doc = fam.return_doc();
            if f.kind == interop_core::model::FunctionKind::BorrowedView {
                // ADR 31: the view borrows from the object, not from static data.
                returned = None;
                return_doc.push(
                    "The returned view borrows from `self`: valid until the next call that takes \
                     `self` mutably or by value, or until it is freed; never free it, copy what \
                     you keep."
                        .to_string(),
                );
            }
            fam.declare(false, "", Position::Return)
        })
        .map_err(|e| problems.push(Problem::of_type(item, "the return type", e)))
        .ok();
    let mut used = BTreeSet::new();
    let mut params = Vec::new();
    let mut not_null = Vec::new();
    let mut null_is_none = Vec::new();
    let mut null_view_is_none = Vec::new();
    let mut null_call_is_none = Vec::new();
    let mut owned = Ownerships::default();
    // A destructor and a service's dispose ignore NULL (their docs say so).
    let null_ignored = matches!(
        f.kind,
        interop_core::model::FunctionKind::Destructor | interop_core::model::FunctionKind::Dispose
    );
    for p in &f.params {
        let local = cx.scope.local(&p.name, &mut used);
        let part = if p.name == "self" {
            "the receiver".to_string()
        } else {
            format!("parameter `{}`", p.name)
        };
        let declared = family(cx, &p.ty).and_then(|fam| {
            match fam.param_doc() {
                Some(ParamDoc::NotNull) if !null_ignored => not_null.push(format!("`{}`", p.name)),
                Some(ParamDoc::NullIsNone) => null_is_none.push(format!("`{}`", p.name)),
                Some(ParamDoc::NullViewIsNone) => {
                    null_view_is_none.push(format!("`{}.ptr`", p.name))
                }
                Some(ParamDoc::NullCallIsNone) => {
                    null_call_is_none.push(format!("`{}.call`", p.name))
                }
                _ => {}
            }
            owned.add(&p.name, fam.ownership(Position::Param));
            fam.declare(false, &local, Position::Param)
        });
        match declared {
            Ok(decl) => params.push(decl),
            Err(e) => problems.push(Problem::of_type(item, &part, e)),
        }
    }
    if problems.len() > before {
        return None;
    }
    let ret = ret?;
    let head = if ret.ends_with('*') {
        format!("{ret}{}", f.symbol)
    } else {
        format!("{ret} {}", f.symbol)
    };
    if params.is_empty() {
        params.push("void".to_string());
    }
    let one_line = head.len() + 2 + params.iter().map(|p| p.len() + 2).sum::<usize>();
    let mut lines = f.docs.clone();
    if !not_null.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(not_null_sentence(&not_null));
    }
    if !null_is_none.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(
            "{} may be NULL, which is `None`.",
            null_is_none.join(", ")
        ));
    }
    if !null_view_is_none.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(
            "{} may be NULL with a `len` of 0, which is `None` (NULL with another `len`",
            null_view_is_none.join(", ")
        ));
        lines.push(
            "is INTEROP_ERROR_INVALID_ARGUMENT); any other pointer is `Some`, even with a `len` of 0."
                .to_string(),
        );
    }
    if !null_call_is_none.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(
            "{} may be NULL, which is `None` (a `drop` that is not NULL is still called once).",
            null_call_is_none.join(", ")
        ));
    }
    if !return_doc.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(return_doc);
    }
    let mut ownership = owned.sentences(returned);
    if f.name == crate::common::service_close::CLOSE
        && f.receiver == Some(interop_core::model::Receiver::Value)
        && let Some((_, free)) = owned.consumed.iter().find(|(n, _)| n == "`self`")
    {
        // ADR 34: C# and Python make this their `Close()` / `close()`; C keeps the two steps.
        ownership.push(format!(
            "This `close` runs the Rust `close(self)` only; it does not free the handle: call \
             {free}() once after it, whatever it returned."
        ));
    }
    if !ownership.is_empty() {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(ownership);
    }
    let template = FunctionTemplate {
        docs: docs(item, &lines, "", problems),
        align: " ".repeat(head.len() + 1),
        head,
        params,
        wrap: one_line > MAX_LINE,
    };
    render(item, &template, problems)
}

/// The parameters of one function by who owns them, for the sentences of its docs.
#[derive(Default)]
struct Ownerships {
    borrowed: Vec<String>,
    copied: Vec<String>,
    written: Vec<String>,
    called: Vec<String>,
    kept: Vec<String>,
    handed_over: Vec<String>,
    consumed: Vec<(String, String)>,
}

impl Ownerships {
    fn add(&mut self, name: &str, ownership: Option<Ownership>) {
        let list = match ownership {
            Some(Ownership::Borrowed) => &mut self.borrowed,
            Some(Ownership::Copied) => &mut self.copied,
            Some(Ownership::WrittenInPlace) => &mut self.written,
            Some(Ownership::CalledDuring) => &mut self.called,
            Some(Ownership::Kept) => &mut self.kept,
            Some(Ownership::ClosuresHandedOver) => &mut self.handed_over,
            Some(Ownership::Consumed(free)) => {
                self.consumed.push((format!("`{name}`"), free));
                return;
            }
            _ => return,
        };
        list.push(format!("`{name}`"));
    }

    /// "`s` is borrowed for the call only.", "The caller owns the returned value: …".
    fn sentences(&self, returned: Option<Ownership>) -> Vec<String> {
        let mut out = Vec::new();
        let verb = |names: &[String]| if names.len() == 1 { "is" } else { "are" };
        if !self.borrowed.is_empty() {
            out.push(format!(
                "{} {} borrowed for the call only.",
                self.borrowed.join(", "),
                verb(&self.borrowed)
            ));
        }
        if !self.copied.is_empty() {
            out.push(format!(
                "{} {} copied by the library: the caller keeps (and frees) its memory.",
                self.copied.join(", "),
                verb(&self.copied)
            ));
        }
        if !self.written.is_empty() {
            out.push(format!(
                "{} {} written in place during the call.",
                self.written.join(", "),
                verb(&self.written)
            ));
        }
        if !self.called.is_empty() {
            out.push(format!(
                "{} {} called during the call only; the library calls `drop` before it returns.",
                self.called.join(", "),
                verb(&self.called)
            ));
        }
        if !self.kept.is_empty() {
            out.push(format!(
                "{} {} kept by the library (called later, possibly from other threads); it calls \
                 `drop` once when it is done (also when the call fails).",
                self.kept.join(", "),
                verb(&self.kept)
            ));
        }
        if !self.handed_over.is_empty() {
            out.push(format!(
                "The closures in {} become the library's (also when the call fails): it calls \
                 each `drop` once when it is done with that closure; never call them yourself.",
                self.handed_over.join(", ")
            ));
        }
        for (name, free) in &self.consumed {
            out.push(format!(
                "{name} is consumed: its value moves into the call and the handle stays empty \
                 (calls on it fail); still free it once with {free}()."
            ));
        }
        match returned {
            Some(Ownership::Closure(result)) => {
                out.push(
                    "The caller owns the returned closure: call `call(context, …)`, then \
                     `drop(context)` exactly once (its `call` is NULL if this call failed)."
                        .to_string(),
                );
                out.extend(result);
            }
            Some(Ownership::Owned(free)) => out.push(format!(
                "The caller owns the returned value: free it once with {free}()."
            )),
            Some(Ownership::Static) => out.push(
                "The returned string is static data of the library: never free it.".to_string(),
            ),
            _ => {}
        }
        out
    }
}
