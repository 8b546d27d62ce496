//! The option and result structs of the header (`struct OptionU32`, `struct ResultU32ParseError`),
//! the status macros of results, and their `<Name>_free` helpers.
//!
//! They hold their values by value, so each is defined among the records: [`Tagged::before`] gives
//! the ones a record's fields need (innermost first) just before the record, [`Tagged::rest`] the
//! ones only functions use, after every record.

use std::collections::BTreeSet;

use askama::Template;
use interop_core::model::{TypeDef, TypeKind, TypeRef};

use super::{Problem, docs, render};
use crate::c::types::buffer::Carrier;
use crate::c::types::{Cx, Position, family};

#[derive(Template)]
#[template(path = "c/items/tagged.h", escape = "none")]
struct TaggedTemplate<'a> {
    docs: String,
    name: &'a str,
    /// `uint8_t status` for results (the members are then the union's).
    status: Option<&'a str>,
    members: Vec<String>,
}

#[derive(Template)]
#[template(path = "c/items/tagged_free.h", escape = "none")]
struct FreeTemplate<'a> {
    docs: String,
    name: &'a str,
    some_free: Option<String>,
    ok_free: Option<String>,
    err_free: Option<String>,
    message_free: Option<String>,
}

/// The status macros every header with a result defines (the same values in every library's
/// header, so two headers may be included together).
pub const STATUS_MACROS: [(&str, u8, &str); 3] = [
    (
        "INTEROP_STATUS_OK",
        0,
        "success: the value is in `value.ok`",
    ),
    (
        "INTEROP_STATUS_ERROR",
        1,
        "an error: `value.err.value` and its message `value.err.message`",
    ),
    (
        "INTEROP_STATUS_PANIC",
        2,
        "a panic or a refused argument: nothing in `value`; the message and its kind are taken \
         with interop_take_error()",
    ),
];

/// Renders the option and result structs in an order C accepts.
pub struct Tagged<'c, 'a> {
    cx: Cx<'a>,
    done: BTreeSet<&'c Carrier>,
    all: Vec<(&'c Carrier, &'c str)>,
}

impl<'c, 'a: 'c> Tagged<'c, 'a> {
    pub fn new(cx: Cx<'a>) -> Self
    where
        'a: 'c,
    {
        let all = cx.scope.carriers().filter(|(c, _)| c.tagged()).collect();
        Tagged {
            cx,
            done: BTreeSet::new(),
            all,
        }
    }

    /// True when the header has results (and so the status macros).
    pub fn has_results(&self) -> bool {
        self.all
            .iter()
            .any(|(c, _)| matches!(c, Carrier::Result { .. }))
    }

    /// `#define INTEROP_STATUS_OK 0` …, when the header has results.
    pub fn status_macros(&self) -> Option<String> {
        if !self.has_results() {
            return None;
        }
        let mut out = String::from("/* The status of a returned Result (its `status` field). */\n");
        for (name, value, what) in STATUS_MACROS {
            out.push_str(&format!("#define {name} {value} /* {what} */\n"));
        }
        Some(out.trim_end().to_string())
    }

    /// The structs `def`'s fields hold by value that are not defined yet, innermost first.
    pub fn before(&mut self, def: &TypeDef, problems: &mut Vec<Problem>) -> Vec<String> {
        let mut out = Vec::new();
        if let TypeKind::Struct(s) = &def.kind {
            for f in &s.fields {
                self.visit(&f.ty, Position::Field, problems, &mut out);
            }
        }
        out
    }

    /// The structs not defined yet (used by functions only).
    pub fn rest(&mut self, problems: &mut Vec<Problem>) -> Vec<String> {
        let mut out = Vec::new();
        let all: Vec<&'c Carrier> = self.all.iter().map(|(c, _)| *c).collect();
        for c in all {
            self.emit(c, problems, &mut out);
        }
        out
    }

    fn visit(
        &mut self,
        ty: &TypeRef,
        pos: Position,
        problems: &mut Vec<Problem>,
        out: &mut Vec<String>,
    ) {
        match ty {
            TypeRef::Option(_) | TypeRef::Result(_) => {
                if let Some(c) = Carrier::of(ty, pos)
                    && let Some((c, _)) = self.all.iter().find(|(k, _)| **k == c).copied()
                {
                    self.emit(c, problems, out);
                }
            }
            TypeRef::Array(a) => self.visit(&a.element, Position::Field, problems, out),
            _ => {}
        }
    }

    fn emit(&mut self, c: &'c Carrier, problems: &mut Vec<Problem>, out: &mut Vec<String>) {
        if !self.done.insert(c) {
            return;
        }
        // What it holds by value first.
        match c {
            Carrier::Option { inner } => self.visit(&inner.clone(), Position::Field, problems, out),
            Carrier::Result { ok, err } => {
                self.visit(&ok.clone(), Position::Return, problems, out);
                self.visit(&err.clone(), Position::Field, problems, out);
            }
            _ => return,
        }
        let Some(name) = self.cx.scope.carrier_name(c) else {
            return;
        };
        out.extend(definition(self.cx, c, name, problems));
    }

    /// The free helpers (and their prototypes) of the structs that own data.
    pub fn frees(&self, problems: &mut Vec<Problem>) -> (Vec<String>, Vec<String>) {
        let mut prototypes = Vec::new();
        let mut frees = Vec::new();
        for (c, name) in &self.all {
            if !c.needs_free(self.cx.inv) {
                continue;
            }
            let item = format!("the struct `{name}`");
            let free_of = |ty: &TypeRef, pos: Position| free_of(self.cx, ty, pos);
            let template = match c {
                Carrier::Option { inner } => FreeTemplate {
                    docs: docs(&item, &[free_doc(name)], "", problems),
                    name,
                    some_free: free_of(inner, Position::Field),
                    ok_free: None,
                    err_free: None,
                    message_free: None,
                },
                Carrier::Result { ok, err } => FreeTemplate {
                    docs: docs(&item, &[free_doc(name)], "", problems),
                    name,
                    some_free: None,
                    ok_free: free_of(ok, Position::Return),
                    err_free: free_of(err, Position::Field),
                    message_free: free_of(&TypeRef::String, Position::Field),
                },
                _ => continue,
            };
            prototypes.push(format!("static inline void {name}_free({name} *value);"));
            frees.extend(render(&item, &template, problems));
        }
        (prototypes, frees)
    }
}

fn free_doc(name: &str) -> String {
    format!(
        "Frees what a returned {name} owns and empties it (NULL and emptied values are ignored)."
    )
}

/// The free helper of a value of `ty` (`None` when it owns nothing).
fn free_of(cx: Cx<'_>, ty: &TypeRef, pos: Position) -> Option<String> {
    if !cx.inv.owns_data(ty).unwrap_or(false) {
        return None;
    }
    match ty {
        TypeRef::Named { id } => cx.scope.type_name(id).map(|n| format!("{n}_free")),
        other => Carrier::of(other, pos)
            .and_then(|c| cx.scope.carrier_name(&c).map(|n| format!("{n}_free"))),
    }
}

fn definition(cx: Cx<'_>, c: &Carrier, name: &str, problems: &mut Vec<Problem>) -> Option<String> {
    let item = format!("the struct `{name}`");
    let member = |ty: &TypeRef, pos: Position, declarator: &str| {
        family(cx, ty).and_then(|f| f.declare(false, declarator, pos))
    };
    let (lines, status, members): (Vec<String>, Option<&str>, Vec<_>) = match c {
        Carrier::Option { inner } => (
            vec![
                format!("`Option<{}>` by value: `value` holds a value only when `is_some` is 1 (0:", cx.inv.rust_spelling(inner)),
                "none, `value` is zeroed; the library refuses any other `is_some` through the error".into(),
                "channel).".into(),
            ],
            None,
            vec![Ok("uint8_t is_some".to_string()), member(inner, Position::Field, "value")],
        ),
        Carrier::Result { ok, err } => {
            let err_value = member(err, Position::Field, "value");
            let message = member(&TypeRef::String, Position::Field, "message");
            let err_member = match (err_value, message) {
                (Ok(v), Ok(m)) => Ok(format!("struct {{\n            {v};\n            {m};\n        }} err")),
                (Err(e), _) | (_, Err(e)) => Err(e),
            };
            let mut members = Vec::new();
            if !ok.is_unit() {
                members.push(member(ok, Position::Return, "ok"));
            }
            members.push(err_member);
            (
                vec![
                    format!(
                        "A returned `Result<{}, {}>`: read `status` first.",
                        cx.inv.rust_spelling(ok),
                        cx.inv.rust_spelling(err)
                    ),
                    if ok.is_unit() {
                        "INTEROP_STATUS_OK: success (no value);".into()
                    } else {
                        "INTEROP_STATUS_OK: the value is `value.ok`;".into()
                    },
                    "INTEROP_STATUS_ERROR: the error is `value.err.value`, its message (UTF-8, not NUL-terminated)".into(),
                    "`value.err.message`;".into(),
                    "INTEROP_STATUS_PANIC: the call panicked or refused an argument, `value` holds nothing".into(),
                    "(take the message and its kind with interop_take_error()).".into(),
                ],
                Some("uint8_t status"),
                members,
            )
        }
        _ => return None,
    };
    let mut decls = Vec::new();
    for m in members {
        match m {
            Ok(d) => decls.push(d),
            Err(e) => {
                problems.push(Problem::of_type(&item, "a member", e));
                return None;
            }
        }
    }
    let template = TaggedTemplate {
        docs: docs(&item, &lines, "", problems),
        name,
        status,
        members: decls,
    };
    render(&item, &template, problems)
}
