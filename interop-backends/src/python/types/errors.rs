//! The exceptions of `Result` errors (ADR 23): one class per error type, `<Type>Error`, derived
//! from the package's base `Error` (itself an `Exception`, distinct from `RustPanic`), with the
//! error value on `.value` and one subclass per variant of an enum error (`ParseErrorError.Empty`,
//! a class attribute). A `String` error raises `Error` itself.

use interop_core::model::{TypeKind, TypeRef};

use super::Types;
use crate::BackendError;

/// One exception class of `_types.py`.
pub struct ExceptionClass {
    /// `ParseErrorError`.
    pub name: String,
    /// The error type (`ParseError`): the annotation of `value`.
    pub value: String,
    /// The variant subclasses: their names (`Empty`, `NotANumber`) and the annotation of their
    /// `value` (`typing.Literal[ParseError.EMPTY]`, `ParseFailureBadChar`); empty for records.
    pub variants: Vec<(String, String)>,
}

impl<'a> Types<'a> {
    /// The error types of every `Result` the package returns, in first-use order, without
    /// repeats (`String` is left out: it raises the base).
    pub fn error_types(&self) -> Vec<&'a TypeRef> {
        let mut out: Vec<&TypeRef> = Vec::new();
        for r in self.results() {
            if !matches!(*r.err, TypeRef::String) && !out.contains(&&*r.err) {
                out.push(&r.err);
            }
        }
        out
    }

    /// True when the library has a service: the package defines `ServiceInUseError` (ADR 27).
    pub fn uses_services(&self) -> bool {
        self.inv
            .types
            .iter()
            .any(|t| matches!(t.kind, interop_core::model::TypeKind::Service))
    }

    /// Every `Result` of the package: returned by a function, or by a closure a function takes
    /// (whose callable raises the error's exception).
    fn results(&self) -> Vec<&'a interop_core::model::ResultType> {
        let mut out = Vec::new();
        for f in &self.inv.functions {
            if let TypeRef::Result(r) = &f.returns {
                out.push(r);
            }
            for p in &f.params {
                if let TypeRef::Callback(c) = &p.ty
                    && let TypeRef::Result(r) = &*c.returns
                {
                    out.push(r);
                }
            }
        }
        out
    }

    /// True when some function or closure returns a `Result` (the base `Error` is emitted and
    /// exported).
    pub fn uses_results(&self) -> bool {
        !self.results().is_empty()
    }

    /// The exception class of the error type `err` (`Error` for `String`).
    pub fn exception_name(&self, err: &TypeRef) -> Result<String, BackendError> {
        Ok(match err {
            TypeRef::Named { id } => format!("{}Error", self.class(id)?),
            _ => "Error".to_string(),
        })
    }

    /// `(raiser, exception class, variant entries)` of the error type `err` (see
    /// [`super::result::Outcome`]).
    pub fn error_of(&self, err: &TypeRef) -> Result<(String, String, String), BackendError> {
        let exception = self.exception_name(err)?;
        let TypeRef::Named { id } = err else {
            return Ok(("_e_string".to_string(), exception, String::new()));
        };
        let class = self.class(id)?;
        let mut entries = Vec::new();
        if let Some(def) = self.inv.type_def(id) {
            match &def.kind {
                TypeKind::Enum(e) => {
                    let members = self.names.members(id)?;
                    for (v, member) in e.variants.iter().zip(members) {
                        entries.push(format!("{class}.{member}: {exception}.{}", v.rust_name));
                    }
                }
                TypeKind::DataEnum(e) => {
                    let classes = self.names.members(id)?;
                    for (v, variant) in e.variants.iter().zip(classes) {
                        entries.push(format!("{variant}: {exception}.{}", v.rust_name));
                    }
                }
                _ => {}
            }
        }
        Ok((format!("_e_{class}"), exception, entries.join(", ")))
    }

    /// The exception classes of the package.
    pub fn exception_classes(&self) -> Result<Vec<ExceptionClass>, BackendError> {
        let mut out = Vec::new();
        for err in self.error_types() {
            let TypeRef::Named { id } = err else { continue };
            let class = self.class(id)?;
            let variants = match self.inv.type_def(id).map(|d| &d.kind) {
                Some(TypeKind::Enum(e)) => {
                    let members = self.names.members(id)?;
                    e.variants
                        .iter()
                        .zip(members)
                        .map(|(v, m)| (v.rust_name.clone(), format!("typing.Literal[{class}.{m}]")))
                        .collect()
                }
                Some(TypeKind::DataEnum(e)) => {
                    let classes = self.names.members(id)?;
                    e.variants
                        .iter()
                        .zip(classes)
                        .map(|(v, c)| (v.rust_name.clone(), c.to_string()))
                        .collect()
                }
                _ => Vec::new(),
            };
            out.push(ExceptionClass {
                name: self.exception_name(err)?,
                value: class.to_string(),
                variants,
            });
        }
        Ok(out)
    }
}

impl ExceptionClass {
    /// The class in `_types.py`, with its variant subclasses: made at import by `_variant_error`,
    /// declared for type checkers only (`if typing.TYPE_CHECKING:`) as nested classes whose `value`
    /// is the variant's own type.
    pub fn render(&self) -> String {
        let mut out = format!(
            "class {name}(Error):\n    \"\"\"`{value}` returned as the error of a Rust function \
             (`Err`): `value` is the `{value}`.\"\"\"\n\n    value: {value}\n",
            name = self.name,
            value = self.value
        );
        if !self.variants.is_empty() {
            out.push_str("\n    if typing.TYPE_CHECKING:\n");
            for (i, (v, value)) in self.variants.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                out.push_str(&format!(
                    "        class {v}({name}):\n            \"\"\"`{name}` of the variant `{v}`.\"\"\"\n\n            \
                     value: {value}\n",
                    name = self.name
                ));
            }
            out.push('\n');
            for (v, _) in &self.variants {
                out.push_str(&format!("\n_variant_error({}, \"{v}\")", self.name));
            }
        }
        out.trim_end().to_string()
    }
}
