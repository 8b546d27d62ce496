//! The callback structs `{call, context, drop}` and function pointer typedefs of the header.

use askama::Template;

use super::{Problem, docs, render};
use crate::c::types::callback::Signature;
use crate::c::types::{Cx, Position, family};

#[derive(Template)]
#[template(path = "c/items/callback.h", escape = "none")]
struct CallbackTemplate<'a> {
    docs: String,
    call_docs: String,
    name: &'a str,
    closure: bool,
    /// `uint32_t (*call)(void *context, uint32_t arg0)` or `uint32_t (*Name)(uint32_t arg0)`.
    call: String,
}

/// Every callback struct and function pointer typedef, sorted by name.
pub fn render_callbacks(cx: Cx<'_>, problems: &mut Vec<Problem>) -> Vec<String> {
    let mut all: Vec<(&Signature, &str)> = cx.scope.callbacks().collect();
    all.sort_by(|a, b| a.1.cmp(b.1));
    let mut out = Vec::new();
    for (sig, name) in all {
        let item = format!("the callback type `{name}`");
        let mut params = Vec::new();
        if sig.closure {
            params.push("void *context".to_string());
        }
        let mut owned = Vec::new();
        for (i, p) in sig.params.iter().enumerate() {
            let declared = family(cx, p).and_then(|f| {
                if let Some(crate::c::types::Ownership::Owned(free)) = f.ownership(Position::Return)
                {
                    owned.push(format!(
                        "`arg{i}` is the callee's when the library calls `call`: free it with \
                         {free}() (a closure the library returned copies it instead: the \
                         caller keeps and frees its own)."
                    ));
                }
                f.declare(false, &format!("arg{i}"), Position::Field)
            });
            // A `&T` of a record owning data points to a copy Rust frees after `call` (ADR 58);
            // a closure Rust returned gets the caller's own record, only read (ADR 61).
            if let interop_core::model::TypeRef::Pointer(ptr) = p
                && !ptr.mutable
                && let Ok(target) = family(cx, &ptr.target)
                && let Some(crate::c::types::Ownership::Owned(_)) =
                    target.ownership(Position::Return)
            {
                owned.push(format!(
                    "`arg{i}` is borrowed for the call (never NULL): the library frees it after \
                     `call` returns; do not free it or keep its pointers (a closure the library \
                     returned takes the caller's own record instead, which it only reads)."
                ));
            }
            // A `&[T]` of data owning elements: views into Rust's data or copies Rust frees
            // after `call` (ADR 62).
            if let interop_core::model::TypeRef::Slice(slice) = p
                && !slice.mutable
                && let Ok(element) = family(cx, &slice.element)
                && let Some(crate::c::types::Ownership::Owned(_)) =
                    element.ownership(Position::Return)
            {
                owned.push(format!(
                    "`arg{i}` and its elements are borrowed for the call (their `cap` is 0 or \
                     the library frees them after `call` returns); do not free them or keep \
                     their pointers."
                ));
            }
            match declared {
                Ok(d) => params.push(d),
                Err(e) => {
                    problems.push(Problem::of_type(&item, &format!("parameter {i}"), e));
                    continue;
                }
            }
        }
        // A `Result<T, E>` comes back through two slots: `call` writes `*ok` and returns 0, or
        // writes `*err` and returns 1 (ADR 14, second addendum).
        let result = match &sig.returns {
            interop_core::model::TypeRef::Result(r) if sig.closure => Some(r),
            _ => None,
        };
        if let Some(r) = result {
            let mut slots = Vec::new();
            if !r.ok.is_unit() {
                slots.push((&*r.ok, "*ok"));
            }
            slots.push((&*r.err, "*err"));
            for (ty, slot) in slots {
                match family(cx, ty).and_then(|f| f.declare(false, slot, Position::Field)) {
                    Ok(d) => params.push(d),
                    Err(e) => problems.push(Problem::of_type(&item, "the return type", e)),
                }
            }
        }
        // Owned data (a `String`, a vector, a record owning data, an option) comes back through
        // a slot Rust passes: `void call(…, R *ret)` (ADR 54).
        let slot = sig.closure && crate::common::closures::returns_in_slot(cx.inv, &sig.returns);
        if slot {
            match family(cx, &sig.returns).and_then(|f| f.declare(false, "*ret", Position::Field)) {
                Ok(d) => params.push(d),
                Err(e) => problems.push(Problem::of_type(&item, "the return type", e)),
            }
        }
        if params.is_empty() {
            params.push("void".into());
        }
        let pointer = if sig.closure {
            "(*call)".to_string()
        } else {
            format!("(*{name})")
        };
        let declarator = format!("{pointer}({})", params.join(", "));
        let declared = match result {
            Some(_) => Ok(format!("uint8_t {declarator}")),
            None if slot => Ok(format!("void {declarator}")),
            None => family(cx, &sig.returns)
                .and_then(|f| f.declare(false, &declarator, Position::Return)),
        };
        let call = match declared {
            Ok(c) => c,
            Err(e) => {
                problems.push(Problem::of_type(&item, "the return type", e));
                continue;
            }
        };
        let mut lines = match sig.name.as_ref().and_then(|id| cx.inv.type_def(id)) {
            Some(def) if !def.docs.is_empty() => {
                let mut l = def.docs.clone();
                l.push(String::new());
                l
            }
            _ => Vec::new(),
        };
        let mut call_lines = vec![
            "Called with `context` and the arguments, any number of times until `drop`; from any"
                .to_string(),
            "thread when the library keeps the callback (pass a thread-safe one).".to_string(),
        ];
        call_lines.extend(owned);
        if slot {
            call_lines.push(
                "Writes the result to `*ret` (zeroed by the library). Its buffers with cap > 0 must come"
                    .to_string(),
            );
            call_lines.push(
                "from interop_buffer_alloc (the `_from` / `_alloc` helpers) and become the library's;"
                    .to_string(),
            );
            call_lines.push(
                "cap 0 means borrowed: the library copies it when `call` returns, so it must outlive"
                    .to_string(),
            );
            call_lines.push(
                "`call` (static data, or memory `context` owns). An invalid value (not UTF-8, len > cap)"
                    .to_string(),
            );
            call_lines.push(
                "fails the waiting call; the library frees the value's cap > 0 buffers in every case."
                    .to_string(),
            );
        }
        if result.is_some() {
            call_lines.push(
                "Returns 0 after writing the value to `*ok`, or 1 after writing the error to `*err`."
                    .to_string(),
            );
        }
        if sig.closure {
            lines.push(
                "A closure: `call(context, …)`, and `drop(context)` exactly once when its receiver is done."
                    .into(),
            );
        } else {
            lines.push(
                "A plain C function pointer (NULL refused unless the Rust type is an Option)."
                    .into(),
            );
            lines.extend(call_lines.drain(..).skip(2));
        }
        let template = CallbackTemplate {
            docs: docs(&item, &lines, "", problems),
            call_docs: docs(&item, &call_lines, "    ", problems),
            name,
            closure: sig.closure,
            call,
        };
        out.extend(render(&item, &template, problems));
    }
    out
}
