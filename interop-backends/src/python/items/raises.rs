//! The `Raises:` section of a function's docstring (issue 13, Google style, the same in the `def`
//! and its stub): the error class of a `Result`, the built-in errors of arguments that can be
//! refused beyond their Python type, `ServiceInUseError` for services, `RustPanic`. C# lists the same
//! in `<exception>` tags.

use interop_core::abi::AbiShape;
use interop_core::model::{Function, TypeKind, TypeRef};

use super::Ctx;
use crate::BackendError;

/// What the arguments of a function can raise beyond `TypeError` for a wrong Python type.
#[derive(Default)]
struct Refusals {
    /// A value of the right type can still be refused (`ValueError`): text (a lone surrogate, a NUL
    /// in a C string), a buffer of the wrong format, an enum value that is no variant.
    value: bool,
    /// A service is passed or is the receiver: `ServiceInUseError` (busy), `ValueError` (closed).
    service: bool,
}

impl Ctx<'_> {
    /// The docstring lines of `f`: its docs, then a `Raises:` section when it returns a `Result`,
    /// takes arguments that can be refused or uses a service.
    pub(super) fn doc_lines(&self, f: &Function) -> Result<Vec<String>, BackendError> {
        let mut found = Refusals::default();
        for p in &f.params {
            self.refusals(&p.ty, &mut found, 0);
        }
        let mut raises = Vec::new();
        if let TypeRef::Result(r) = &f.returns {
            raises.push(format!(
                "{}: the Rust function returned `Err`.",
                self.types.exception_name(&r.err)?
            ));
        }
        if found.value {
            raises.push("TypeError: an argument is not of its parameter's type.".to_string());
        }
        let value = match (found.value, found.service) {
            (true, false) => "an argument the bindings or the library refuse",
            (true, true) => "a refused argument, or a closed or consumed service",
            (false, true) => "a closed or consumed service",
            (false, false) => "",
        };
        if !value.is_empty() {
            raises.push(format!("ValueError: {value}."));
        }
        if found.service {
            raises.push(
                "ServiceInUseError: a service is in use by another call or thread.".to_string(),
            );
        }
        let mut lines = f.docs.clone();
        if raises.is_empty() {
            return Ok(lines);
        }
        raises.push("RustPanic: the Rust function panicked.".to_string());
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push("Raises:".to_string());
        lines.extend(raises.into_iter().map(|r| format!("    {r}")));
        Ok(lines)
    }

    fn refusals(&self, ty: &TypeRef, found: &mut Refusals, depth: usize) {
        // Records nest a few levels at most; the bound only stops a malformed inventory.
        if depth > 8 {
            return;
        }
        match self.inv.shape_of(ty) {
            Ok(
                AbiShape::Str { .. }
                | AbiShape::CStr { .. }
                | AbiShape::Slice { .. }
                | AbiShape::Vec { .. }
                | AbiShape::Enum { .. }
                | AbiShape::DataEnum { .. },
            ) => {
                found.value = true;
            }
            Ok(AbiShape::Service { .. }) => found.service = true,
            Ok(AbiShape::Option { inner }) => self.refusals(inner, found, depth + 1),
            Ok(AbiShape::Record { def }) => {
                if let TypeKind::Struct(s) = &def.kind {
                    for field in &s.fields {
                        self.refusals(&field.ty, found, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }
}
