//! Thin pointers to non-opaque targets: `&T`, `&mut T`, `Option<&T>`, `Option<&mut T>`, `*const T`,
//! `*mut T`.
//!
//! A reference to a value (a primitive, a record, an enum) is exposed in the public layer by value
//! (`&T`), as `ref T` (`&mut T`) and as `T?` / `ref T?` (`Option<&T>` / `Option<&mut T>`) for
//! parameters, and returned as a copy (`T`, `T?`); everything else (raw pointers, pointers to pointers,
//! to `c_void`) stays an unsafe pointer.

use interop_core::model::PointerKind;

use super::{
    ArrayElement, Conversion, Cx, Fam, Family, FieldShape, ParamSpec, ReceiverSpec, ReturnSpec,
};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;

/// A pointer to `target`.
pub struct Pointer<'a> {
    pub target: Fam<'a>,
    /// The target is a struct (a record).
    pub record: bool,
    pub mutable: bool,
    pub kind: PointerKind,
}

impl Pointer<'_> {
    /// Exposed as a value / `ref` / nullable rather than a pointer.
    fn as_value(&self) -> bool {
        self.kind != PointerKind::Raw && self.target.by_reference()
    }

    /// A reference parameter exposed as a value: by value (`&T`), `ref` (`&mut T`), nullable.
    fn value_param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<Conversion, Problem> {
        let t = &self.target;
        let public = t.public(cx)?;
        let storage = t.storage(cx)?;
        let mut c = Conversion::default();
        match (self.kind, self.mutable) {
            (PointerKind::Reference, false) if cx.refs && self.record && !t.converts() => {
                // The `ref` overload: no copy per call (the copy's fresh stores can stall the
                // callee's wider loads); pinned for the call.
                c.decls.push(format!("ref {public} {name}"));
                let local = locals.fresh(name);
                c.fixed.push(format!("{storage}* {local} = &{name}"));
                c.args.push(local);
            }
            (PointerKind::Reference, false) => {
                // Copied: the callee cannot change it, and a value parameter is already fixed.
                c.decls.push(format!("{public} {name}"));
                if t.converts() {
                    let local = locals.fresh(name);
                    c.setup
                        .push(format!("{storage} {local} = {};", t.store(name)));
                    c.args.push(format!("&{local}"));
                } else {
                    c.args.push(format!("&{name}"));
                }
            }
            (PointerKind::Reference, true) => {
                c.decls.push(format!("ref {public} {name}"));
                let local = locals.fresh(name);
                if t.converts() {
                    c.setup
                        .push(format!("{storage} {local} = {};", t.store(name)));
                    c.args.push(format!("&{local}"));
                    c.after.push(format!("{name} = {};", t.load(&local)));
                } else {
                    c.fixed.push(format!("{storage}* {local} = &{name}"));
                    c.args.push(local);
                }
            }
            (_, mutable) => {
                let local = locals.fresh(name);
                c.decls.push(format!(
                    "{}{public}? {name}",
                    if mutable { "ref " } else { "" }
                ));
                c.setup.push(format!(
                    "{storage} {local} = {name}.HasValue ? {} : default({storage});",
                    t.store(&format!("{name}.GetValueOrDefault()"))
                ));
                c.args.push(format!("{name}.HasValue ? &{local} : null"));
                if mutable {
                    c.after
                        .push(format!("if ({name}.HasValue) {name} = {};", t.load(&local)));
                }
            }
        }
        Ok(c)
    }
}

impl Family for Pointer<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(format!("{}*", self.target.pointee(cx)?))
    }

    fn array_element(&self) -> Result<ArrayElement, Problem> {
        Ok(ArrayElement::Reinterpreted)
    }

    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let raw = self.raw(cx)?;
        let own = self
            .target
            .pointer_param(cx, name, self.kind, self.mutable, locals)?;
        let conv = if let Some(conv) = own {
            conv
        } else if self.as_value() {
            self.value_param(cx, name, locals)?
        } else {
            Conversion {
                decls: vec![format!("{raw} {name}")],
                args: vec![name.to_string()],
                ..Conversion::default()
            }
        };
        Ok(ParamSpec { raw, conv })
    }

    /// A returned reference to a value is copied at once (`T` for `&T`, `T?` for `Option<&T>`): the
    /// pointer may point into the caller's own argument copies, or into memory the library may free or
    /// change; only the library's C bindings hand out the pointer itself.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let raw = self.storage(cx)?;
        if !self.as_value() {
            return Ok(ReturnSpec::direct(raw.clone(), raw, "__ret".into()));
        }
        let public = self.target.public(cx)?;
        let value = self.target.load("*__ret");
        Ok(match self.kind {
            PointerKind::Reference => ReturnSpec::direct(public, raw, value),
            _ => ReturnSpec::direct(
                format!("{public}?"),
                raw,
                format!("__ret == null ? ({public}?)null : {value}"),
            ),
        })
    }

    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        Ok(FieldShape::Plain {
            ty: self.storage(cx)?,
        })
    }

    /// `RefPoint` (`&T`), `MutPoint` (`&mut T`), `PtrPoint` (the others).
    fn tag(&self, cx: &Cx) -> String {
        let kind = match (self.kind, self.mutable) {
            (PointerKind::Reference, false) => "Ref",
            (PointerKind::Reference, true) => "Mut",
            _ => "Ptr",
        };
        format!("{kind}{}", self.target.tag(cx))
    }

    fn receiver(&self, cx: &Cx, locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        let pointer = |locals: &mut Locals| self.param(cx, "self", locals).map(|p| p.conv);
        self.target
            .receiver_by_reference(cx, self.mutable, locals, &pointer)
    }
}
