//! Thin pointers to non-opaque targets: `&T`, `&mut T`, `Option<&T>`, `*const T`, `*mut T` become
//! `const T *` / `T *`, each level keeping its own const-ness (`*const *mut T` is `T *const *`).

use interop_core::model::PointerKind;

use super::{Family, ParamDoc, Position, TypeError};

pub struct Pointer<'a> {
    pub target: Box<dyn Family<'a> + 'a>,
    pub mutable: bool,
    pub kind: PointerKind,
}

impl<'a> Family<'a> for Pointer<'a> {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        let inner = star(const_, declarator, self.target.binds_tighter_than_pointer());
        self.target
            .declare(!self.mutable, &inner, Position::Pointee)
    }

    fn param_doc(&self) -> Option<ParamDoc> {
        not_null(self.kind)
    }

    fn records_behind_pointer(&self, _behind: bool, out: &mut Vec<&'a str>) {
        self.target.records_behind_pointer(true, out);
    }
}

/// The declarator of a pointer to `declarator` (`*p`, `*const p` for a const pointer), parenthesized
/// when the target binds tighter (arrays: `(*g)[4]`).
pub fn star(const_: bool, declarator: &str, parenthesize: bool) -> String {
    let star = if const_ {
        format!("*const {declarator}")
    } else {
        format!("*{declarator}")
    };
    if parenthesize {
        format!("({})", star.trim_end())
    } else {
        star
    }
}

/// A reference must not be NULL: say so in the docs.
pub fn not_null(kind: PointerKind) -> Option<ParamDoc> {
    (kind == PointerKind::Reference).then_some(ParamDoc::NotNull)
}

/// The sentence a function's docs end with, naming the parameters that must not be NULL
/// (`` `self`, `v` ``).
pub fn not_null_sentence(params: &[String]) -> String {
    format!(
        "{} must not be NULL (NULL is refused: INTEROP_ERROR_INVALID_ARGUMENT).",
        params.join(", ")
    )
}
