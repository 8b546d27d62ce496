//! `_types.py`: every class, then the layouts of the structs, their size checks, the enum
//! converters, and the raw functions the methods call.

use askama::Template;

use super::Ctx;
use crate::BackendError;
use crate::python::naming::raw_alias;
use crate::python::types::{Declaration, enum_converter, runtime};

#[derive(Template)]
#[template(path = "python/items/types.py", escape = "none")]
struct TypesModule<'a> {
    crate_name: &'a str,
    /// Import `pending`/`raise_panic` (methods check the counter).
    check: bool,
    classes: Vec<String>,
    /// `(class, ctypes fields list)` in dependency order.
    layouts: Vec<(&'a str, String)>,
    /// `(class, size)`.
    sizes: Vec<(&'a str, u64)>,
    /// `(converter name, enum class, dict literal body)`.
    converters: Vec<(String, &'a str, String)>,
    /// `symbol as alias` of the raw functions used by methods.
    raw_imports: Vec<String>,
    /// The runtime helpers some conversion uses (their sources).
    helpers: Vec<&'static str>,
    /// `(class, field, read, write)` of the fields that convert on access.
    accessors: Vec<(&'a str, String, String, String)>,
}

impl<'a> Ctx<'a> {
    pub(super) fn types_module(&self, crate_name: &str) -> Result<String, BackendError> {
        let mut classes = Vec::new();
        let mut converters = Vec::new();
        for def in &self.inv.types {
            match self.types.declaration(def)? {
                Declaration::Record(s) => classes.push(self.record_class(def, s)?),
                Declaration::Enum { def: e, .. } => {
                    classes.push(self.enum_class(def, e)?);
                    let class = self.names.class(&def.id)?;
                    converters.push((enum_converter(class), class, self.enum_entries(def, e)?));
                }
                Declaration::Handle => classes.push(self.handle_class(def)?),
            }
        }
        let mut layouts = Vec::new();
        let mut sizes = Vec::new();
        let mut accessors = Vec::new();
        let mut helpers = Vec::new();
        for def in &self.plan.types_in_dependency_order {
            if let Declaration::Record(s) = self.types.declaration(def)? {
                let class = self.names.class(&def.id)?;
                layouts.push((class, self.record_layout(def, s)?));
                sizes.push((class, def.size));
                for (field, read, write) in self.record_accessors(def, s, &mut helpers)? {
                    accessors.push((class, field, read, write));
                }
            }
        }
        if !accessors.is_empty() {
            helpers.push(runtime::CONVERT_FIELD.to_string());
        }
        for f in &self.inv.functions {
            helpers.extend(self.call(f, f.owner.is_some())?.imports);
        }
        let raw_imports = self
            .inv
            .functions
            .iter()
            .filter(|f| f.owner.is_some())
            .map(|f| {
                Ok(format!(
                    "{} as {}",
                    self.names.raw(f)?,
                    raw_alias(&f.symbol)
                ))
            })
            .collect::<Result<_, BackendError>>()?;
        TypesModule {
            crate_name,
            check: self.release_gil,
            classes,
            layouts,
            sizes,
            converters,
            raw_imports,
            helpers: runtime::sources(helpers.iter().map(String::as_str)),
            accessors,
        }
        .render()
        .map_err(Into::into)
    }
}
