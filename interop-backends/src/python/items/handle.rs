//! The handle class of an opaque type (a `ctypes.c_void_p` subclass) with its methods.

use askama::Template;
use interop_core::model::TypeDef;

use super::{Ctx, indent};
use crate::BackendError;
use crate::python::names::docstring;

#[derive(Template)]
#[template(path = "python/items/handle.py", escape = "none")]
struct HandleClass<'a> {
    name: &'a str,
    doc: Option<String>,
    methods: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(super) fn handle_class(&self, def: &'a TypeDef) -> Result<String, BackendError> {
        HandleClass {
            name: self.names.class(&def.id)?,
            doc: docstring(&def.docs, "    "),
            methods: self.methods(def)?,
        }
        .render()
        .map_err(Into::into)
    }

    /// The methods of `def` (functions of its `#[ffi] impl` blocks), indented for the class body.
    pub(super) fn methods(&self, def: &'a TypeDef) -> Result<Vec<String>, BackendError> {
        self.plan
            .methods_of(&def.id)
            .iter()
            .map(|f| Ok(indent(&self.function_def(f, true)?, "    ")))
            .collect()
    }
}
