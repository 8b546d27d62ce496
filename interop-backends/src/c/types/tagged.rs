//! `Option<T>` by value and returned `Result<T, E>`: small tagged structs named after their types
//! (`OptionU32`, `OptionVecOptionString`, `ResultVecPersonParseError`, with the `[c] prefix`), one
//! per instantiation, defined among the records (they hold their values by value) by
//! [`crate::c::items::tagged`], with a NULL-safe `<Name>_free` helper when they own data.
//!
//! - option: `{uint8_t is_some; T value;}`, the value in its form inside data (`String` an owned
//!   buffer whose `cap` the library ignores in an argument), the same struct in every position;
//! - result: `{uint8_t status; union {T ok; struct {E value; String message;} err;} value;}`, the
//!   status one of `INTEROP_STATUS_OK`, `INTEROP_STATUS_ERROR`, `INTEROP_STATUS_PANIC`.

use super::{Family, Ownership, Position, TypeError, named};

/// An option or result struct.
pub struct Tagged<'a> {
    pub name: Result<String, TypeError>,
    /// A returned value holds allocations (`<name>_free`).
    pub needs_free: bool,
    /// The option's value owns data (the library copies an argument).
    pub owns_data: bool,
    /// `Result`: the docs of a function returning it say how to read it.
    pub result: bool,
    /// A result whose ok value is a service handle (a fallible constructor): the handle's `_free`.
    pub ok_handle_free: Option<String>,
    /// The value's family (records it reaches through pointers).
    pub inner: Vec<Box<dyn Family<'a> + 'a>>,
}

impl<'a> Family<'a> for Tagged<'a> {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        Ok(named(
            self.name.as_ref().map_err(Clone::clone)?,
            const_,
            declarator,
        ))
    }

    fn records_behind_pointer(&self, behind: bool, out: &mut Vec<&'a str>) {
        for inner in &self.inner {
            inner.records_behind_pointer(behind, out);
        }
    }

    fn ownership(&self, pos: Position) -> Option<Ownership> {
        match (pos, &self.name) {
            (Position::Param, _) if self.owns_data => Some(Ownership::Copied),
            (Position::Return, Ok(name)) if self.needs_free => {
                Some(Ownership::Owned(format!("{name}_free")))
            }
            _ => None,
        }
    }

    fn return_doc(&self) -> Vec<String> {
        let Ok(name) = &self.name else {
            return Vec::new();
        };
        if !self.result {
            return Vec::new();
        }
        let mut doc = vec![
            format!("Returns a {name}: read `status` first."),
            "INTEROP_STATUS_OK: success, the value in `value.ok`;".to_string(),
            "INTEROP_STATUS_ERROR: an error, its value in `value.err.value` and its message in"
                .to_string(),
            "`value.err.message`;".to_string(),
            "INTEROP_STATUS_PANIC: a panic or a refused argument, nothing in `value` (take the"
                .to_string(),
            "message and its kind with interop_take_error(): INTEROP_ERROR_PANIC or".to_string(),
            "INTEROP_ERROR_INVALID_ARGUMENT).".to_string(),
        ];
        if let Some(free) = &self.ok_handle_free {
            doc.push(
                "On INTEROP_STATUS_OK the caller owns the handle `value.ok`: free it once with"
                    .into(),
            );
            doc.push(format!("{free}() ({name}_free() does not free it)."));
        }
        doc
    }
}
