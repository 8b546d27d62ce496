//! An enum: an `enum.IntEnum` class, and its converter from the raw integer.

use askama::Template;
use interop_core::model::{EnumDef, TypeDef};

use super::Ctx;
use crate::BackendError;
use crate::python::names::{comment, docstring};

#[derive(Template)]
#[template(path = "python/items/enum.py", escape = "none")]
struct EnumClass<'a> {
    name: &'a str,
    doc: Option<String>,
    storage: &'static str,
    /// `(name, value, docs as comment lines)`.
    members: Vec<(&'a str, String, Vec<String>)>,
    methods: Vec<String>,
}

impl<'a> Ctx<'a> {
    pub(super) fn enum_class(
        &self,
        def: &'a TypeDef,
        e: &'a EnumDef,
    ) -> Result<String, BackendError> {
        let names = self.names.members(&def.id)?;
        let members = e
            .variants
            .iter()
            .zip(names)
            .map(|(v, name)| {
                let comments = v.docs.iter().map(|l| comment("#:", l)).collect();
                (name.as_str(), v.value.to_string(), comments)
            })
            .collect();
        EnumClass {
            name: self.names.class(&def.id)?,
            doc: docstring(&def.docs, "    "),
            storage: e.storage.rust_name(),
            members,
            methods: self.methods(def)?,
        }
        .render()
        .map_err(Into::into)
    }

    /// The body of the dict from raw integer to member: `0: Color.RED, 1: Color.GREEN`.
    pub(super) fn enum_entries(
        &self,
        def: &'a TypeDef,
        e: &'a EnumDef,
    ) -> Result<String, BackendError> {
        let class = self.names.class(&def.id)?;
        let names = self.names.members(&def.id)?;
        Ok(e.variants
            .iter()
            .zip(names)
            .map(|(v, name)| format!("{}: {class}.{name}", v.value))
            .collect::<Vec<_>>()
            .join(", "))
    }
}
