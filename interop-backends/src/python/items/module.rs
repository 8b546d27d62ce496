//! `__init__.py` and one submodule per `#[ffi(module = "…")]`: re-exported types, constants and
//! functions (the `def`s of the ctypes path, replaced by the compiled path's function objects at
//! the end of the module), and their stubs (`.pyi`).

use std::collections::BTreeSet;

use askama::Template;
use interop_core::model::{Constant, Function};

use super::Ctx;
use super::function::FunctionStub;
use crate::python::names::{IN_USE, docstring};
use crate::python::naming::raw_alias;
use crate::{BackendError, PackageInfo};

#[derive(Template)]
#[template(path = "python/items/module.py", escape = "none")]
struct ModuleFile<'a> {
    doc: &'a str,
    is_root: bool,
    version: &'a str,
    type_imports: &'a BTreeSet<String>,
    /// Strings, slices or vectors are used: `array`, `typing` and the buffer types.
    buffers: bool,
    /// Import `pending`/`raise_panic` (the module has functions, which check the counter).
    check: bool,
    raw_imports: Vec<String>,
    submodules: &'a [&'a str],
    all: &'a [String],
    constants: &'a [String],
    functions: Vec<String>,
    /// The module's import path (`hello_world.math`), under which `_native` installs its functions.
    path: String,
}

#[derive(Template)]
#[template(path = "python/items/module.pyi", escape = "none")]
struct ModuleStub<'a> {
    doc: &'a str,
    is_root: bool,
    version: &'a str,
    type_imports: Vec<&'a str>,
    buffers: bool,
    submodules: &'a [&'a str],
    all: &'a [String],
    constants: &'a [String],
    functions: Vec<FunctionStub>,
}

#[derive(Template)]
#[template(path = "python/items/constant.py", escape = "none")]
struct ConstantDef<'a> {
    name: &'a str,
    ty: String,
    value: String,
    doc: Option<String>,
}

impl<'a> Ctx<'a> {
    /// The files of `module` (`None`: the package's `__init__`): the `.py`, and its `.pyi` on the
    /// direct call path.
    pub(super) fn module_files(
        &self,
        module: Option<&'a str>,
        crate_name: &str,
        version: &str,
        info: &PackageInfo,
    ) -> Result<Vec<(String, String)>, BackendError> {
        let items = &self.plan.modules[&module];
        let mut all = Vec::new();
        let mut type_imports = BTreeSet::new();
        let submodules: Vec<&str> = match module {
            None => self
                .plan
                .modules
                .keys()
                .flatten()
                .map(|m| self.names.module(m))
                .collect::<Result<_, _>>()?,
            Some(_) => Vec::new(),
        };
        if module.is_none() {
            all.push("RustPanic".to_string());
            type_imports.insert("RustPanic".to_string());
            if self.types.uses_services() {
                all.push(IN_USE.to_string());
                type_imports.insert(IN_USE.to_string());
            }
            if self.types.uses_results() {
                all.push("Error".to_string());
                type_imports.insert("Error".to_string());
                for e in self.types.exception_classes()? {
                    all.push(e.name.clone());
                    type_imports.insert(e.name);
                }
            }
        }
        for def in items.types.iter().filter(|d| !d.is_tuple()) {
            let class = self.names.class(&def.id)?;
            all.push(class.to_string());
            type_imports.insert(class.to_string());
            // A data enum's variants are classes of their own.
            if matches!(def.kind, interop_core::model::TypeKind::DataEnum(_)) {
                for variant in self.names.members(&def.id)? {
                    all.push(variant.clone());
                    type_imports.insert(variant.clone());
                }
            }
        }
        let mut constants = Vec::new();
        for c in &items.constants {
            all.push(self.names.constant(&c.rust_path)?.to_string());
            constants.push(self.constant(c)?);
            self.classes_of(&c.ty, &mut type_imports)?;
        }
        let mut functions = Vec::new();
        let mut stubs = Vec::new();
        let mut raw_imports = Vec::new();
        for f in &items.functions {
            all.push(self.names.function(f)?.to_string());
            functions.push(self.function_def(f, false)?);
            stubs.push(self.function_stub(f)?);
            raw_imports.push(format!(
                "{} as {}",
                self.names.raw(f)?,
                raw_alias(&f.symbol)
            ));
            self.imports_of(f, &mut type_imports)?;
        }
        let doc = module_doc(module, crate_name, version, info);
        let stem = match module {
            None => "__init__",
            Some(m) => self.names.module(m)?,
        };
        let mut files = Vec::new();
        {
            // Stub imports: only the classes (the converters are private to the .py).
            let stub = ModuleStub {
                doc: &doc,
                is_root: module.is_none(),
                version,
                type_imports: type_imports
                    .iter()
                    .map(String::as_str)
                    .filter(|t| !t.starts_with('_') || *t == "_RustClosure")
                    .collect(),
                buffers: self.types.uses_buffers() || self.types.uses_callbacks(),
                submodules: &submodules,
                all: &all,
                constants: &constants,
                functions: stubs,
            }
            .render()?;
            files.push((format!("{stem}.pyi"), stub));
        }
        let file = ModuleFile {
            doc: &doc,
            is_root: module.is_none(),
            version,
            type_imports: &type_imports,
            buffers: self.types.uses_buffers() || self.types.uses_callbacks(),
            check: !items.functions.is_empty(),
            raw_imports,
            submodules: &submodules,
            all: &all,
            constants: &constants,
            functions,
            path: self.module_path(module)?,
        }
        .render()?;
        files.push((format!("{stem}.py"), file));
        Ok(files)
    }

    /// The import path of `module` (`None`: the package).
    pub(super) fn module_path(&self, module: Option<&str>) -> Result<String, BackendError> {
        Ok(match module {
            None => self.package.to_string(),
            Some(m) => format!("{}.{}", self.package, self.names.module(m)?),
        })
    }

    fn constant(&self, c: &'a Constant) -> Result<String, BackendError> {
        let (ty, value) =
            self.types.family(&c.ty)?.constant(&c.value).map_err(|e| {
                BackendError::Unsupported(format!("constant `{}`: {e}", c.rust_path))
            })?;
        Ok(ConstantDef {
            name: self.names.constant(&c.rust_path)?,
            ty,
            value,
            doc: docstring(&c.docs, ""),
        }
        .render()?)
    }

    /// The classes `ty` names (behind pointers and in arrays too).
    fn classes_of(
        &self,
        ty: &'a interop_core::model::TypeRef,
        out: &mut BTreeSet<String>,
    ) -> Result<(), BackendError> {
        let mut ids = Vec::new();
        ty.collect_named(&mut ids);
        for id in ids {
            out.insert(self.names.class(id)?.to_string());
        }
        Ok(())
    }

    /// What the public function `f` needs from `_types`: the classes of its signature and the
    /// private helpers of its conversions.
    fn imports_of(&self, f: &'a Function, out: &mut BTreeSet<String>) -> Result<(), BackendError> {
        for p in &f.params {
            self.classes_of(&p.ty, out)?;
        }
        self.classes_of(&f.returns, out)?;
        out.extend(self.call(f, false)?.imports);
        Ok(())
    }
}

/// The docstring of a module.
fn module_doc(module: Option<&str>, crate_name: &str, version: &str, info: &PackageInfo) -> String {
    let doc = match module {
        None => {
            let mut doc = vec![format!(
                "Python bindings of the Rust library `{crate_name}` {version}."
            )];
            if let Some(d) = &info.description {
                doc.push(String::new());
                doc.push(d.clone());
            }
            doc.push(String::new());
            doc.push(
                "Calls that panic in Rust raise `RustPanic`. Generated by cargo-interop; do not edit."
                    .to_string(),
            );
            doc
        }
        Some(m) => vec![
            format!("The `{m}` module of the Rust library `{crate_name}`."),
            String::new(),
            "Generated by cargo-interop; do not edit.".to_string(),
        ],
    };
    docstring(&doc, "").unwrap_or_default()
}
