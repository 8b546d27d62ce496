//! `#[ffi] pub const` → `public const` in its module's static class.

use interop_core::model::Constant;

use super::IND_MEMBER;
use crate::csharp::docs::doc_comment;
use crate::csharp::problems::Problem;
use crate::csharp::templates::ConstantView;
use crate::csharp::types::{Cx, family};

/// The constant `c`, named `name`.
pub fn view(cx: &Cx, c: &Constant, name: String) -> Result<ConstantView, Problem> {
    let (ty, value) = family(cx, &c.ty)
        .and_then(|fam| fam.constant(cx, c.value))
        .map_err(|p| Problem {
            message: format!("constant `{}`: {}", c.name, p.message),
            ..p
        })?;
    Ok(ConstantView {
        doc: doc_comment(
            &c.docs,
            &format!("The Rust constant `{}`.", c.rust_name),
            IND_MEMBER,
        ),
        ty,
        name,
        value,
    })
}
