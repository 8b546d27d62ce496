//! The class of a service (ADR 25): a `_Service` subclass with `__init__` for the Rust `new`,
//! static constructors, methods, and the `_free_handle` its `close()` and finalizer call.

use askama::Template;
use interop_core::model::{FunctionKind, TypeDef};

use super::function::body;
use super::{Ctx, indent};
use crate::BackendError;
use crate::common::service_close::is_lifecycle_close;
use crate::python::names::docstring;
use crate::python::naming::{LIFECYCLE_CLOSE, raw_alias};
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
                .map(|f| {
                    let def_ = self.function_def(f, true)?;
                    let def_ = if is_lifecycle_close(f, def) {
                        format!("{}\n\n{def_}", self.close_def(f)?)
                    } else {
                        def_
                    };
                    Ok(indent(&def_, "    "))
                })
                .collect::<Result<_, BackendError>>()?,
        }
        .render()
        .map_err(Into::into)
    }

    /// The class's `close()` for a consuming Rust `close(self)` (ADR 34): the first call runs it
    /// (the raw call, on either call path; `_close` stays the consuming method), later and
    /// concurrent calls do nothing and return `None` (ADR 41: the object is taken in one step).
    fn close_def(&self, f: &'a interop_core::model::Function) -> Result<String, BackendError> {
        let call = self
            .call(f, true)?
            .closing(LIFECYCLE_CLOSE)
            .ok_or_else(|| {
                BackendError::Other(format!(
                    "the consuming close `{}` does not take its receiver as a service",
                    f.rust_path
                ))
            })?;
        let unit = call.returns == "None";
        let (returns, ignore) = if unit {
            ("None".to_string(), "")
        } else {
            // `_Service.close()` returns `None`: a value is a different signature.
            (
                format!("Optional[{}]", call.returns),
                "  # type: ignore[override]",
            )
        };
        let mut doc: Vec<String> = f.docs.to_vec();
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!(
            "Runs the Rust `close(self)`{}; the object is closed afterwards even if",
            if unit { "" } else { " and returns its value" }
        ));
        doc.push(format!(
            "it raised. Closing again does nothing{}, also on another thread at the",
            if unit { "" } else { " and returns `None`" }
        ));
        doc.push(
            "same time. `with` calls it at the end of the block; the finalizer of an object never"
                .to_string(),
        );
        doc.push("closed only frees it.".to_string());
        let doc = docstring(&doc, "    ").unwrap_or_default();
        let lines = body(&call, &raw_alias(&f.symbol), true);
        let mut out = format!("def close(self) -> {returns}:{ignore}\n    {doc}");
        for line in lines {
            out.push_str("\n    ");
            out.push_str(&line);
        }
        Ok(out)
    }

    /// `__init__` calling the service's `new` and adopting the handle it returns.
    fn init_def(&self, new: &'a interop_core::model::Function) -> Result<String, BackendError> {
        let call = self.call(new, true)?;
        let params = if call.params.is_empty() {
            "self".to_string()
        } else {
            format!("self, {}", call.params)
        };
        let lines = body(&call, &raw_alias(&new.symbol), true);
        // The result is adopted, not returned: `return X._from_handle(result)` becomes
        // `self._adopt(result)`. A fallible `new` (`Result<Self, E>`) first lets the result's
        // conversion raise the error (or `RustPanic`) for any status but 0, then adopts the `Ok`
        // handle: `return typing.cast("X", _c_res_…(result))` becomes two statements.
        let fallible = matches!(new.returns, interop_core::model::TypeRef::Result(_));
        let mut adopted = Vec::with_capacity(lines.len() + 2);
        for line in lines {
            let Some(at) = line.find("return ") else {
                adopted.push(line);
                continue;
            };
            let indent = &line[..at];
            let convert = line
                .find("_c_res_")
                .and_then(|from| line[from..].find('(').map(|to| &line[from..from + to]));
            match (fallible, convert) {
                (true, Some(convert)) => {
                    adopted.push(format!("{indent}if result.status != 0:"));
                    adopted.push(format!("{indent}    {convert}(result)"));
                    adopted.push(format!("{indent}self._adopt(result.body.ok)"));
                }
                _ => adopted.push(format!("{indent}self._adopt(result)")),
            }
        }
        let lines = adopted;
        let doc = docstring(&new.docs, "    ")
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
