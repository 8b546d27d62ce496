//! `_native.py`: the compiled call path. One entry per function (free functions, static methods
//! and methods) with what the library cannot know itself: the Python names, what a wrong argument
//! is told it must be, and the classes its conversions check or build (each family's
//! `native_param_class` / `native_return_class`). The library decides every conversion from its
//! own inventory; see `interop_core::python`.

use askama::Template;
use interop_core::model::Function;

use super::Ctx;
use crate::BackendError;

#[derive(Template)]
#[template(path = "python/items/native.py", escape = "none")]
struct NativeModule<'a> {
    crate_name: &'a str,
    package: &'a str,
    library: &'a str,
    release_gil: bool,
    /// Strings, slices or vectors are used: their conversions name `array` and `_types`' helpers.
    buffers: bool,
    /// Closures are taken: their conversions name `_types`' callback runtime.
    callbacks: bool,
    protocol: u32,
    /// The package has services: `ServiceInUseError`, `_Service` and the service classes are
    /// items 4 to 6 of the spec's `package`.
    services: bool,
    /// `(class, "_free symbol", release the GIL around it)` of every service class (ADR 51).
    service_classes: Vec<String>,
    type_imports: Vec<&'a str>,
    /// One Python tuple per function (see [`Ctx::native_entry`]).
    functions: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(super) fn native_module(
        &self,
        crate_name: &'a str,
        library: &'a str,
    ) -> Result<String, BackendError> {
        let type_imports = self
            .inv
            .types
            .iter()
            .map(|t| self.names.class(&t.id))
            .collect::<Result<_, _>>()?;
        let functions = self
            .inv
            .functions
            .iter()
            // Functions taking or returning handles of a type with a destructor check them in
            // their `def` (a second destroy, a use after destroy): the ctypes path.
            .filter(|f| !crate::python::types::handle::tracks_handles(self.inv, f))
            // A service's `_free` is its `close()` and the end of its objects; its `new` is its
            // class's `__init__`, compiled when it returns the object itself (ADR 51; a fallible
            // `new` keeps its `def`).
            .filter(|f| {
                !f.owner
                    .as_ref()
                    .and_then(|o| self.inv.type_def(o))
                    .is_some_and(|def| {
                        use crate::python::types::service::{is_hidden, is_init};
                        let compiled_init = is_init(f, def)
                            && !matches!(f.returns, interop_core::model::TypeRef::Result(_));
                        is_hidden(f, def) && !compiled_init
                    })
            })
            .map(|f| self.native_entry(f))
            .collect::<Result<_, _>>()?;
        let mut service_classes = Vec::new();
        for t in &self.inv.types {
            if !matches!(t.kind, interop_core::model::TypeKind::Service) {
                continue;
            }
            let free = self
                .inv
                .functions
                .iter()
                .find(|f| {
                    f.kind == interop_core::model::FunctionKind::Destructor
                        && f.owner.as_deref() == Some(&t.id)
                })
                .ok_or_else(|| {
                    BackendError::Other(format!(
                        "invalid inventory: service `{}` has no _free",
                        t.id
                    ))
                })?;
            // `Drop` runs with the GIL released where the ctypes path's `_free` would (ADR 51).
            let release = self.release_gil || self.types.takes_callbacks(free);
            service_classes.push(format!(
                "({}, \"{}\", {})",
                self.names.class(&t.id)?,
                free.symbol,
                if release { "True" } else { "False" }
            ));
        }
        NativeModule {
            crate_name,
            package: self.package,
            library,
            release_gil: self.release_gil,
            // Tuples name `_types`' `_record_in` and their codecs and mirrors.
            buffers: self.types.uses_buffers() || self.inv.types.iter().any(|t| t.is_tuple()),
            callbacks: self.types.uses_callbacks(),
            protocol: interop_core::python::PROTOCOL,
            services: self.types.uses_services(),
            service_classes,
            type_imports,
            functions,
        }
        .render()
        .map_err(Into::into)
    }

    /// `(symbol, is_method, name, qualname, module, doc, params, result, home, release_gil)` of
    /// `f`: `params` are `(name, expected, class)`, `home` is the module path (a free function) or
    /// the class (a method, also static); `doc` is `None` (the `def` it replaces gives it);
    /// `release_gil` is `True` for a method of a type that keeps closures (ADR 33: it may call
    /// them from a Rust thread while the caller waits).
    fn native_entry(&self, f: &'a Function) -> Result<String, BackendError> {
        let names = self.param_names(f)?;
        let mut params = Vec::new();
        for (p, name) in f.params.iter().zip(names) {
            let family = self.types.family(&p.ty)?;
            params.push(format!(
                "(\"{name}\", \"{}\", {})",
                family.expected(),
                class(family.native_param_class())
            ));
        }
        let result = class(self.types.family(&f.returns)?.native_return_class());
        let ctor = f
            .owner
            .as_ref()
            .and_then(|o| self.inv.type_def(o))
            .is_some_and(|def| crate::python::types::service::is_init(f, def));
        let (module, home) = match &f.owner {
            Some(owner) => {
                let def = self.inv.type_def(owner).ok_or_else(|| {
                    BackendError::Other(format!("invalid inventory: no type `{owner}`"))
                })?;
                (
                    self.module_path(def.module.as_deref())?,
                    self.names.class(owner)?.to_string(),
                )
            }
            None => {
                let path = self.module_path(f.module.as_deref())?;
                (path.clone(), format!("\"{path}\""))
            }
        };
        // A constructor is `__init__` (kind 2), named after its class in messages: `Tally(…)`.
        let (kind, name, qualname) = if ctor {
            ("2", "__init__", home.clone())
        } else if f.receiver.is_some() {
            ("True", self.names.function(f)?, self.qualname(f)?)
        } else {
            ("False", self.names.function(f)?, self.qualname(f)?)
        };
        Ok(format!(
            "(\"{}\", {kind}, \"{name}\", \"{qualname}\", \"{module}\", None, {}, {result}, {home}, {})",
            f.symbol,
            super::tuple(&params),
            if self.types.owner_keeps_callbacks(f) {
                "True"
            } else {
                "False"
            },
        ))
    }
}

fn class(c: Option<String>) -> String {
    c.unwrap_or_else(|| "None".to_string())
}
