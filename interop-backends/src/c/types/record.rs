//! `#[repr(C)]`, packed and transparent records: a `typedef struct` spelled by its name. A transparent
//! record stays a one-field struct (same ABI as its field on the supported targets; see
//! docs/c/structs.md).

use interop_core::model::{StructLayout, TypeDef, TypeKind};

use super::{Family, Ownership, Position, TypeError, named};

/// A record by value.
pub struct Record<'a> {
    pub id: &'a str,
    pub name: String,
    /// It holds a `String` or `Vec<T>` (at any depth): returned values are freed with `<name>_free`.
    pub owns_data: bool,
    /// It holds views (`&str`, `&[T]`): valid for the call only.
    pub holds_views: bool,
    /// It has closure fields (ADR 30): passing it hands each closure to the library.
    pub holds_closures: bool,
}

impl<'a> Family<'a> for Record<'a> {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        Ok(named(&self.name, const_, declarator))
    }

    fn records_behind_pointer(&self, behind: bool, out: &mut Vec<&'a str>) {
        if behind {
            out.push(self.id);
        }
    }

    fn ownership(&self, pos: Position) -> Option<Ownership> {
        match pos {
            Position::Param if self.holds_closures => Some(Ownership::ClosuresHandedOver),
            Position::Param if self.owns_data => Some(Ownership::Copied),
            Position::Param if self.holds_views => Some(Ownership::Borrowed),
            Position::Return if self.owns_data => {
                Some(Ownership::Owned(format!("{}_free", self.name)))
            }
            _ => None,
        }
    }
}

/// True for a `#[ffi(packed)]` struct (the header then defines `INTEROP_PACKED`).
pub fn is_packed(def: &TypeDef) -> bool {
    matches!(&def.kind, TypeKind::Struct(s) if s.layout == StructLayout::Packed)
}
