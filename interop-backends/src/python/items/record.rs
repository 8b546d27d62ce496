//! A struct: a `ctypes.Structure` subclass with typed fields, a typed `__init__` for type checkers,
//! `__repr__`, field-wise `__eq__`, and its methods. Its `_fields_` are set after every class exists.

use askama::Template;
use interop_core::model::{StructDef, StructLayout, TypeDef};

use super::{Ctx, tuple};
use crate::BackendError;
use crate::python::names::docstring;
use crate::python::types::Codec;
use crate::python::types::owned_record::OwnedRecord;

#[derive(Template)]
#[template(path = "python/items/struct.py", escape = "none")]
struct StructClass<'a> {
    name: &'a str,
    doc: Option<String>,
    packed: bool,
    /// `(name, annotation, docstring)`.
    fields: Vec<(&'a str, String, Option<String>)>,
    /// `name: type = default` parameters of the typed `__init__` signature.
    init_params: String,
    /// The body of the f-string of `__repr__` after the class name.
    repr: String,
    /// Tuple of the values compared by `__eq__`, for `self` and `other`.
    eq_self: String,
    eq_other: String,
    /// Pickled by its bytes (`__reduce__`): no field is an array or a pointer.
    picklable: bool,
    methods: Vec<String>,
}

/// A struct that owns data: a dataclass and its ctypes mirror.
#[derive(Template)]
#[template(path = "python/items/owned_struct.py", escape = "none")]
struct OwnedStructClass<'a> {
    name: &'a str,
    mirror: String,
    doc: Option<String>,
    /// `(name, annotation, docstring)`.
    fields: Vec<(&'a str, String, Option<String>)>,
    /// The parameters of the typed `__init__` for type checkers, when a field accepts more than
    /// its annotation ([`super::typed_init`]).
    init: Option<String>,
    methods: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// The dataclass (and mirror) of the struct `def`, which owns data or holds views.
    pub(super) fn owned_record_class(
        &self,
        def: &'a TypeDef,
        s: &'a StructDef,
    ) -> Result<String, BackendError> {
        let names = self.names.fields(&def.id)?;
        let mut fields = Vec::new();
        let mut types = Vec::new();
        for (field, name) in s.fields.iter().zip(names) {
            let family = self.types.family(&field.ty)?;
            let ty = family.field();
            fields.push((
                name.as_str(),
                ty.annotation.clone(),
                docstring(&field.docs, "    "),
            ));
            types.push((name.as_str(), ty.annotation, family.param()));
        }
        let name = self.names.class(&def.id)?;
        OwnedStructClass {
            name,
            mirror: OwnedRecord::mirror(name),
            doc: docstring(&def.docs, "    "),
            fields,
            init: super::typed_init(&types),
            methods: self.methods(def)?,
        }
        .render()
        .map_err(Into::into)
    }

    /// `("field", _c_codec)` of each field of an owned record, for its codec's `set_fields`, and
    /// the codecs they need.
    pub(super) fn owned_record_fields(
        &self,
        def: &'a TypeDef,
        s: &'a StructDef,
        codecs: &mut Vec<Codec>,
    ) -> Result<String, BackendError> {
        let names = self.names.fields(&def.id)?;
        let mut entries = Vec::new();
        for (field, name) in s.fields.iter().zip(names) {
            let family = self.types.family(&field.ty)?;
            let codec = family.codec().ok_or_else(|| {
                BackendError::Unsupported(format!(
                    "field `{}` of `{}`: a `{}` cannot be a field of a struct that owns data in \
                     Python",
                    field.rust_name,
                    def.id,
                    self.inv.rust_spelling(&field.ty)
                ))
            })?;
            codecs.extend(family.codecs());
            // A closure's field codec is not among the codecs a parameter of it needs.
            if !codecs.contains(&codec) {
                codecs.push(codec.clone());
            }
            entries.push(format!("(\"{name}\", {})", codec.name));
        }
        Ok(tuple(&entries))
    }

    /// The class of the struct `def`.
    pub(super) fn record_class(
        &self,
        def: &'a TypeDef,
        s: &'a StructDef,
    ) -> Result<String, BackendError> {
        let names = self.names.fields(&def.id)?;
        let mut fields = Vec::new();
        let mut init = Vec::new();
        let mut repr = Vec::new();
        let mut eq_self = Vec::new();
        let mut eq_other = Vec::new();
        let mut picklable = true;
        for (field, name) in s.fields.iter().zip(names) {
            let ty = self.types.family(&field.ty)?.field();
            picklable &= !ty.plain;
            init.push(format!("{name}: {} = {}", ty.init, ty.default));
            let shown = |of: &str| {
                // `self.__x` in a class body would be name-mangled to `self._Class__x`. (Single
                // quotes: the expression goes into an f-string.)
                let value = if name.starts_with("__") && !name.ends_with("__") {
                    format!("getattr({of}, '{name}')")
                } else {
                    format!("{of}.{name}")
                };
                if ty.plain {
                    format!("_plain({value})")
                } else {
                    value
                }
            };
            if s.tuple {
                repr.push(format!("{{{}!r}}", shown("self")));
            } else {
                repr.push(format!("{name}={{{}!r}}", shown("self")));
            }
            eq_self.push(shown("self"));
            eq_other.push(shown("other"));
            fields.push((name.as_str(), ty.annotation, docstring(&field.docs, "    ")));
        }
        StructClass {
            name: self.names.class(&def.id)?,
            doc: docstring(&def.docs, "    "),
            packed: s.layout == StructLayout::Packed,
            init_params: init.iter().map(|p| format!(", {p}")).collect(),
            repr: repr.join(", "),
            eq_self: tuple(&eq_self),
            eq_other: tuple(&eq_other),
            picklable,
            methods: self.methods(def)?,
            fields,
        }
        .render()
        .map_err(Into::into)
    }

    /// `(name, stored)` of each field of `def` whose name is not ASCII: PyPy's ctypes refuses
    /// such names in `_fields_`, so the field is stored under an ASCII name and `_alias_field`
    /// makes `name` a property over it.
    pub(super) fn record_aliases(
        &self,
        def: &'a TypeDef,
    ) -> Result<Vec<(String, String)>, BackendError> {
        let names = self.names.fields(&def.id)?;
        Ok(names
            .iter()
            .enumerate()
            .filter(|(_, name)| !name.is_ascii())
            .map(|(i, name)| (name.clone(), stored_field_name(i, name)))
            .collect())
    }

    /// The fields of `def` that convert on access: `(name, read, write)` callables, and the
    /// helpers they use.
    pub(super) fn record_accessors(
        &self,
        def: &'a TypeDef,
        s: &'a StructDef,
        helpers: &mut Vec<String>,
    ) -> Result<Vec<(String, String, String)>, BackendError> {
        let names = self.names.fields(&def.id)?;
        let mut out = Vec::new();
        for (field, name) in s.fields.iter().zip(names) {
            if let Some(access) = self.types.family(&field.ty)?.field().access {
                let or_none = |c: Option<String>| c.unwrap_or_else(|| "None".to_string());
                out.push((name.clone(), or_none(access.read), or_none(access.write)));
                helpers.extend(access.helpers);
            }
        }
        Ok(out)
    }

    /// `(field name, ctypes type)` of each field of `def`, for `_fields_`.
    pub(super) fn record_layout(
        &self,
        def: &'a TypeDef,
        s: &'a StructDef,
    ) -> Result<String, BackendError> {
        let names = self.names.fields(&def.id)?;
        let entries = s
            .fields
            .iter()
            .zip(names)
            .enumerate()
            .map(|(i, (f, name))| {
                Ok(format!(
                    "(\"{}\", {})",
                    stored_field_name(i, name),
                    self.types.family(&f.ty)?.ctype()
                ))
            })
            .collect::<Result<Vec<_>, BackendError>>()?;
        Ok(entries.join(", "))
    }
}

/// The name of the field `name` (the `index`th) in `_fields_`: itself when ASCII, else
/// `_interop_field<index>` (PyPy's ctypes refuses non-ASCII field names).
fn stored_field_name(index: usize, name: &str) -> String {
    if name.is_ascii() {
        name.to_string()
    } else {
        format!("_interop_field{index}")
    }
}
