//! The class of a service (ADR 25): a `_Service` subclass with `__init__` for the Rust `new`,
//! static constructors, methods, and the `_free_handle` its `close()` and finalizer call.

use askama::Template;
use interop_core::model::{FunctionKind, TypeDef};

use super::function::body;
use super::{Ctx, indent};
use crate::BackendError;
use crate::python::names::docstring;
use crate::python::naming::raw_alias;
use crate::python::types::service::{is_hidden, is_init};

#[derive(Template)]
#[template(path = "python/items/service.py", escape = "none")]
struct ServiceClass<'a> {
    name: &'a str,
    doc: Option<String>,
    init: Option<String>,
    /// The raw `_free` (alias in `_types.py`).
    free: String,
    methods: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(super) fn service_class(&self, def: &'a TypeDef) -> Result<String, BackendError> {
        let methods = self.plan.methods_of(&def.id);
        let free = methods
            .iter()
            .find(|f| f.kind == FunctionKind::Destructor)
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "invalid inventory: service `{}` has no _free",
                    def.id
                ))
            })?;
        let init = match methods.iter().find(|f| is_init(f, def)) {
            Some(new) => Some(indent(&self.init_def(new)?, "    ")),
            None => None,
        };
        ServiceClass {
            name: self.names.class(&def.id)?,
            doc: docstring(&def.docs, "    "),
            init,
            free: raw_alias(&free.symbol),
            methods: methods
                .iter()
                .filter(|f| !is_hidden(f, def))
                .map(|f| Ok(indent(&self.function_def(f, true)?, "    ")))
                .collect::<Result<_, BackendError>>()?,
        }
        .render()
        .map_err(Into::into)
    }

    /// `__init__` calling the service's `new` and adopting the handle it returns.
    fn init_def(&self, new: &'a interop_core::model::Function) -> Result<String, BackendError> {
        let call = self.call(new, true)?;
        let params = if call.params.is_empty() {
            "self".to_string()
        } else {
            format!("self, {}", call.params)
        };
        let mut lines = body(&call, &raw_alias(&new.symbol), true);
        // The result is adopted, not returned: `return X._from_handle(result)` becomes
        // `self._adopt(result)`.
        for line in &mut lines {
            if let Some(at) = line.find("return ") {
                let indent = &line[..at];
                *line = format!("{indent}self._adopt(result)");
            }
        }
        let doc = docstring(&new.docs, "        ")
            .map(|d| format!("\n    {d}"))
            .unwrap_or_default();
        let mut out = format!("def __init__({params}) -> None:{doc}");
        for line in lines {
            out.push_str("\n    ");
            out.push_str(&line);
        }
        Ok(out)
    }
}
