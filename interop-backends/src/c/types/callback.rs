//! Closures and function pointers. A closure crosses as a struct `{call, context, drop}` per
//! signature: the C caller passes its function, its own `void *context` and an optional destructor
//! the library calls exactly once when it is done (after the call for a borrowed closure, when it
//! drops a kept one); a returned Rust closure is called the same way and dropped by the caller. A
//! named callback type (`#[ffi] pub type OnProgress = dyn Fn(u64, u64)`) names its struct; others are
//! named after their signature (`CallbackU32ToU32`). Plain `extern "C" fn` pointers get a typedef
//! (`FnPtrU32ToU32`).

use interop_core::model::{CallbackOwnership, Inventory, TypeRef};

use super::buffer::tag;
use super::{Cx, Family, Ownership, Position, TypeError, family, named};

/// One callback struct or function pointer typedef of the header.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Signature {
    /// `{call, context, drop}` (false: a plain function pointer).
    pub closure: bool,
    pub params: Vec<TypeRef>,
    pub returns: TypeRef,
    /// The named callback type's id.
    pub name: Option<String>,
}

impl Signature {
    /// The signature of `ty` (`None` for other types).
    pub fn of(ty: &TypeRef) -> Option<Signature> {
        Some(match ty {
            TypeRef::Callback(c) => Signature {
                closure: true,
                params: c.params.clone(),
                returns: (*c.returns).clone(),
                name: c.name.clone(),
            },
            TypeRef::FnPointer(f) => Signature {
                closure: false,
                params: f.params.clone(),
                returns: (*f.returns).clone(),
                name: None,
            },
            _ => return None,
        })
    }

    /// Every signature `ty` needs (callbacks taking callbacks are not supported).
    pub fn collect(ty: &TypeRef, out: &mut Vec<Signature>) {
        match ty {
            TypeRef::Pointer(p) => Signature::collect(&p.target, out),
            TypeRef::Array(a) => Signature::collect(&a.element, out),
            _ => out.extend(Signature::of(ty)),
        }
    }

    /// The name before the `[c] prefix`: the named type's, or `CallbackU32ToU32`, `FnPtrCbPoint`.
    pub fn base_name(&self, inv: &Inventory) -> String {
        if let Some(def) = self.name.as_ref().and_then(|id| inv.type_def(id)) {
            return def.name.clone();
        }
        let mut name = String::from(if self.closure { "Callback" } else { "FnPtr" });
        for p in &self.params {
            name.push_str(&tag(inv, p));
        }
        if !self.returns.is_unit() {
            name.push_str("To");
            name.push_str(&tag(inv, &self.returns));
        }
        name
    }
}

/// A closure or function pointer: its typedef's name.
pub struct Callback {
    pub name: String,
    /// `None` for a function pointer.
    pub ownership: Option<CallbackOwnership>,
    /// `Option<…>` of a closure: a NULL `call` is `None`.
    pub nullable: bool,
    /// For a returned closure whose result owns data: who owns what `call` writes (ADR 56).
    pub result: Option<String>,
}

/// The sentence a function returning a closure that returns `returns` carries about what `call`
/// writes, when that owns data (`None` otherwise): the caller owns it (ADR 56).
pub fn result_doc<'a>(cx: Cx<'a>, returns: &'a TypeRef) -> Result<Option<String>, TypeError> {
    let free = |ty: &'a TypeRef| -> Result<Option<String>, TypeError> {
        Ok(match family(cx, ty)?.ownership(Position::Return) {
            Some(Ownership::Owned(free)) => Some(free),
            _ => None,
        })
    };
    Ok(match returns {
        TypeRef::Result(r) => {
            let (ok, err) = (free(&r.ok)?, free(&r.err)?);
            let written = match (ok, err) {
                (None, None) => None,
                (Some(ok), None) => Some(format!("`*ok` (free it with {ok}())")),
                (None, Some(err)) => Some(format!("`*err` (free it with {err}())")),
                (Some(ok), Some(err)) => {
                    Some(format!("`*ok` or `*err` (free it with {ok}() or {err}())"))
                }
            };
            written.map(|w| {
                format!(
                    "Each `call` returns 0 and writes `*ok`, 1 and writes `*err`, or 2 after a \
                     panic (the message in the error channel; the slots hold empty values); the \
                     caller owns what was written to {w}."
                )
            })
        }
        other => free(other)?.map(|free| {
            format!(
                "Each `call` writes its result to `*ret` (overwriting it, not freeing it): the \
                 caller owns it and frees it once with {free}() (an empty value after a panic)."
            )
        }),
    })
}

impl<'a> Family<'a> for Callback {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        Ok(named(&self.name, const_, declarator))
    }

    fn param_doc(&self) -> Option<super::ParamDoc> {
        (self.nullable && self.ownership.is_some()).then_some(super::ParamDoc::NullCallIsNone)
    }

    fn ownership(&self, pos: Position) -> Option<Ownership> {
        match (self.ownership, pos) {
            (Some(CallbackOwnership::Borrowed), Position::Param) => Some(Ownership::CalledDuring),
            (Some(_), Position::Param) => Some(Ownership::Kept),
            (Some(_), Position::Return) => Some(Ownership::Closure(self.result.clone())),
            _ => None,
        }
    }
}
