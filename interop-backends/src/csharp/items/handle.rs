//! The handle struct of an opaque type: the native pointer, equality, and the type's methods.

use askama::Template;
use interop_core::model::{Function, TypeDef};

use super::{IND_TYPE, class};
use crate::BackendError;
use crate::csharp::docs::doc_comment;
use crate::csharp::names::{HANDLE_MEMBERS, Scope};
use crate::csharp::problems::Problems;
use crate::csharp::templates::HandleTemplate;
use crate::csharp::types::Cx;

pub fn render(
    cx: &Cx,
    sink: &mut Problems,
    def: &TypeDef,
    methods: &[&Function],
) -> Result<String, BackendError> {
    let name = cx.type_name(def);
    let mut scope = Scope::class(&name, HANDLE_MEMBERS);
    let methods = class::methods(cx, sink, &mut scope, methods, true, &[])?;
    Ok(HandleTemplate {
        doc: doc_comment(
            &def.docs,
            &format!("A handle to the opaque Rust type `{}`.", def.rust_name),
            IND_TYPE,
        ),
        access: cx.s.access,
        name,
        methods,
    }
    .render()?)
}
