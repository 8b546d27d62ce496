//! A C-like enum: `enum E : <underlying>` with one member per variant.

use askama::Template;
use interop_core::model::{EnumDef, TypeDef};

use super::{IND_MEMBER, IND_TYPE};
use crate::BackendError;
use crate::csharp::docs::doc_comment;
use crate::csharp::literals;
use crate::csharp::names::{Scope, pascal};
use crate::csharp::problems::Problems;
use crate::csharp::templates::{EnumTemplate, VariantView};
use crate::csharp::types::Cx;
use crate::csharp::types::enum_::underlying;

/// The enum declaration (nothing when it has problems, recorded in `sink`).
pub fn render(
    cx: &Cx,
    sink: &mut Problems,
    def: &TypeDef,
    e: &EnumDef,
) -> Result<Option<String>, BackendError> {
    let item = def.id.as_str();
    let underlying = sink.take(item, underlying(def, e.storage));
    let name = cx.type_name(def);
    let mut scope = Scope::enumeration(&name);
    let mut variants = Vec::new();
    for v in &e.variants {
        let vname = scope.member(pascal(&v.name, cx.s.naming));
        let claimed = scope.claim(
            &vname,
            &format!("variant `{}` of `{}`", v.rust_name, def.id),
        );
        if sink.take(item, claimed).is_none() {
            continue;
        }
        variants.push(VariantView {
            doc: doc_comment(
                &v.docs,
                &format!("The Rust variant `{}`.", v.rust_name),
                IND_MEMBER,
            ),
            name: vname,
            value: literals::int_literal(v.value, e.storage),
        });
    }
    let Some(underlying) = underlying else {
        return Ok(None);
    };
    Ok(Some(
        EnumTemplate {
            doc: doc_comment(
                &def.docs,
                &format!("The Rust enum `{}`.", def.rust_name),
                IND_TYPE,
            ),
            access: cx.s.access,
            name,
            underlying,
            variants,
        }
        .render()?,
    ))
}
