//! Opaque types: an incomplete `struct` only ever used through a pointer (`Counter *`).

use interop_core::model::PointerKind;

use super::pointer::{not_null, star};
use super::{Family, ParamDoc, Position, TypeError, named};

/// A pointer to an opaque type.
pub struct Handle {
    pub name: String,
    pub mutable: bool,
    pub kind: PointerKind,
}

impl<'a> Family<'a> for Handle {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        Ok(named(
            &self.name,
            !self.mutable,
            &star(const_, declarator, false),
        ))
    }

    fn param_doc(&self) -> Option<ParamDoc> {
        not_null(self.kind)
    }
}
