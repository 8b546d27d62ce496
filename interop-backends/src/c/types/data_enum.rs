//! Data enums (variants carrying data): a `typedef struct` of a tag and a union of variant bodies,
//! spelled by its name (see `items/data_enum.rs` for the definition).

use super::{Family, Ownership, Position, TypeError, named};

/// A data enum by value.
pub struct DataEnum<'a> {
    pub id: &'a str,
    pub name: String,
    /// A variant holds a `String` or `Vec<T>`: returned values are freed with `<name>_free`.
    pub owns_data: bool,
}

impl<'a> Family<'a> for DataEnum<'a> {
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
            Position::Param if self.owns_data => Some(Ownership::Copied),
            Position::Return if self.owns_data => {
                Some(Ownership::Owned(format!("{}_free", self.name)))
            }
            _ => None,
        }
    }
}
