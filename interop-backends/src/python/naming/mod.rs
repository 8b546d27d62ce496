//! Every Python name of the package, decided once: classes, fields, enum members, methods,
//! functions, parameters, constants, submodules and the raw layer's names. Each scope is a
//! [`NameTable`]; every name that Python cannot spell or that two items would share is a
//! [`Diagnostic`] naming the Rust item, and all of them are collected (`Backend::check` reports
//! them before anything is generated; `generate` refuses to run with any).

mod collector;

use self::collector::Collector;

use std::collections::BTreeMap;

use interop_core::model::{Function, Inventory, Receiver, TypeKind};

use super::names::{
    DATA_ENUM_RESERVED, ENUM_RESERVED, HANDLE_RESERVED, RAW_RESERVED, SERVICE_RESERVED,
    STRUCT_RESERVED, Scope, escape, snake, upper_snake,
};
use crate::BackendError;
use crate::common::diagnostics::Diagnostic;
use crate::common::names::{NameTable, first_free};
use crate::common::plan::Plan;
use crate::common::service_close::{CLOSE, close_shape_problem, is_lifecycle_close};

/// The private name of the Rust method behind a service class's `close()` (ADR 34).
pub const LIFECYCLE_CLOSE: &str = "_close";

/// The language diagnostics name.
pub const LANGUAGE: &str = "Python";

/// The fix for two items sharing a Python name.
const RENAME: &str = "rename one of them with #[ffi(name = \"…\")]";

/// The Python names of an inventory's items.
#[derive(Debug, Default)]
pub struct Names {
    /// Type id → class name.
    pub classes: BTreeMap<String, String>,
    /// Struct type id → field names, in field order.
    fields: BTreeMap<String, Vec<String>>,
    /// Enum type id → member names, in variant order; data enum id → the variants' class names.
    members: BTreeMap<String, Vec<String>>,
    /// Symbol → name of the public function or method.
    functions: BTreeMap<String, String>,
    /// Symbol → parameter names (`self` for a receiver).
    params: BTreeMap<String, Vec<String>>,
    /// Symbol → name in `_raw.py`.
    raw: BTreeMap<String, String>,
    /// Constant Rust path → name.
    constants: BTreeMap<String, String>,
    /// `#[ffi(module = "…")]` → submodule name.
    modules: BTreeMap<String, String>,
}

fn missing(what: &str, key: &str) -> BackendError {
    BackendError::Other(format!("internal error: no Python name for {what} `{key}`"))
}

fn get<'n>(
    map: &'n BTreeMap<String, String>,
    what: &str,
    key: &str,
) -> Result<&'n str, BackendError> {
    map.get(key)
        .map(String::as_str)
        .ok_or_else(|| missing(what, key))
}

impl Names {
    pub fn class(&self, id: &str) -> Result<&str, BackendError> {
        get(&self.classes, "type", id)
    }

    pub fn fields(&self, id: &str) -> Result<&[String], BackendError> {
        self.fields
            .get(id)
            .map(Vec::as_slice)
            .ok_or_else(|| missing("the fields of", id))
    }

    /// The field names of the variant `index` of the data enum `id`.
    pub fn variant_fields(&self, id: &str, index: usize) -> Result<&[String], BackendError> {
        self.fields(&variant_key(id, index))
    }

    pub fn members(&self, id: &str) -> Result<&[String], BackendError> {
        self.members
            .get(id)
            .map(Vec::as_slice)
            .ok_or_else(|| missing("the variants of", id))
    }

    /// The public name of a function or method.
    pub fn function(&self, f: &Function) -> Result<&str, BackendError> {
        get(&self.functions, "function", &f.symbol)
    }

    pub fn params(&self, f: &Function) -> Result<&[String], BackendError> {
        self.params
            .get(&f.symbol)
            .map(Vec::as_slice)
            .ok_or_else(|| missing("the parameters of", &f.symbol))
    }

    /// The function's name in `_raw.py`.
    pub fn raw(&self, f: &Function) -> Result<&str, BackendError> {
        get(&self.raw, "symbol", &f.symbol)
    }

    pub fn constant(&self, rust_path: &str) -> Result<&str, BackendError> {
        get(&self.constants, "constant", rust_path)
    }

    /// The submodule of `#[ffi(module = "…")]`.
    pub fn module(&self, module: &str) -> Result<&str, BackendError> {
        get(&self.modules, "module", module)
    }
}

/// The key of a data enum variant's fields in [`Names::fields`].
fn variant_key(id: &str, index: usize) -> String {
    format!("{id}#{index}")
}

/// Private alias under which the idiomatic layer imports a raw function.
pub fn raw_alias(symbol: &str) -> String {
    format!("_c_{symbol}")
}

/// A parameter's Python name: snake_case, keywords escaped, a leading underscore replaced so that no
/// parameter can shadow the private names the wrapper bodies use.
fn param_name(name: &str) -> String {
    let n = snake(name);
    let n = if n.starts_with('_') {
        format!("arg{n}")
    } else {
        n
    };
    match n.as_str() {
        "self" | "cls" | "result" => format!("{n}_"),
        _ => escape(&n, Scope::Param),
    }
}

/// A field's Python name: tuple fields `0`/`_0` become `_0`; keywords and class-scope names escaped.
fn field_name(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_digit()) {
        return format!("_{name}");
    }
    escape(&snake(name), Scope::Class)
}

/// Decide every name of `inv`; the diagnostics list every problem found.
pub fn names(inv: &Inventory, plan: &Plan<'_>) -> (Names, Vec<Diagnostic>) {
    let mut names = Names::default();
    let mut out = Collector {
        diagnostics: Vec::new(),
    };

    // Classes: one flat scope (`_types.py`), besides what the generated modules define.
    let mut classes = NameTable::new("`_types.py` (every class is defined there)");
    for def in &inv.types {
        // A tuple's class is its private ABI struct: the public value is a `tuple`.
        let name = if def.is_tuple() {
            format!("_{}", escape(&def.name, Scope::Module))
        } else {
            escape(&def.name, Scope::Module)
        };
        if out.identifier(&def.id, "type", &def.name, &def.name) {
            out.claim(&mut classes, &def.id, &name, format!("type `{}`", def.id));
        }
        // A data enum's variants are classes of their own (`ShapeCircle`, ADR 26).
        if let TypeKind::DataEnum(e) = &def.kind {
            let mut variants = Vec::new();
            for v in &e.variants {
                let class = escape(
                    &crate::python::types::data_enum::variant_class(&def.name, &v.name),
                    Scope::Module,
                );
                let what = format!("variant `{}` of `{}`", v.rust_name, def.id);
                if out.identifier(&def.id, "variant", &v.rust_name, &class) {
                    out.claim(&mut classes, &def.id, &class, what);
                }
                variants.push(class);
            }
            names.members.insert(def.id.clone(), variants);
        }
        names.classes.insert(def.id.clone(), name);
    }

    // Class members: fields, enum members, methods.
    for def in &inv.types {
        let class = names.classes[&def.id].clone();
        let mut members = NameTable::new(format!("class `{class}`"));
        let base = match &def.kind {
            TypeKind::Struct(_) => ("ctypes.Structure", STRUCT_RESERVED),
            TypeKind::Enum(_) => ("enum.IntEnum", ENUM_RESERVED),
            TypeKind::Service => ("a service class", SERVICE_RESERVED),
            _ => ("ctypes.c_void_p", HANDLE_RESERVED),
        };
        match &def.kind {
            TypeKind::Struct(s) => {
                let mut fields = Vec::new();
                for f in &s.fields {
                    let name = field_name(&f.name);
                    let what = format!("field `{}` of `{}`", f.rust_name, def.id);
                    if out.identifier(&def.id, "field", &f.rust_name, &name) {
                        out.claim_member(&mut members, base, &def.id, &name, what);
                    }
                    fields.push(name);
                }
                names.fields.insert(def.id.clone(), fields);
            }
            TypeKind::Enum(e) => {
                let mut variants = Vec::new();
                for v in &e.variants {
                    let name = escape(&upper_snake(&v.name), Scope::Class);
                    let what = format!("variant `{}` of `{}`", v.rust_name, def.id);
                    if name.starts_with('_') {
                        out.report(
                            &def.id,
                            format!("variant `{}` would be the enum member `{name}`: `enum` treats names starting with `_` as private", v.rust_name),
                            "rename it with #[ffi(name = \"…\")]",
                        );
                    } else if out.identifier(&def.id, "variant", &v.rust_name, &name) {
                        out.claim(&mut members, &def.id, &name, what);
                    }
                    variants.push(name);
                }
                names.members.insert(def.id.clone(), variants);
            }
            TypeKind::DataEnum(e) => {
                for (i, v) in e.variants.iter().enumerate() {
                    let mut table = NameTable::new(format!("the dataclass of `{}`", v.rust_name));
                    let mut fields = Vec::new();
                    for f in &v.fields {
                        let name = field_name(&f.name);
                        let what =
                            format!("field `{}` of `{}::{}`", f.rust_name, def.id, v.rust_name);
                        if out.identifier(&def.id, "field", &f.rust_name, &name) {
                            out.claim_member(
                                &mut table,
                                ("a frozen dataclass", DATA_ENUM_RESERVED),
                                &def.id,
                                &name,
                                what,
                            );
                        }
                        fields.push(name);
                    }
                    names.fields.insert(variant_key(&def.id, i), fields);
                }
            }
            _ => {}
        }
        for f in plan.methods_of(&def.id) {
            if f.receiver == Some(Receiver::Value) && matches!(def.kind, TypeKind::Opaque) {
                out.report(
                    &f.rust_path,
                    format!(
                        "method `{}` takes the opaque type `{}` by value",
                        f.rust_name, def.name
                    ),
                    "take `&self` or `&mut self`",
                );
            }
            let mut name = escape(&snake(&f.name), Scope::Class);
            // The Rust accessor idiom (`pub width: f32` + `fn width(&self) -> f32`): the field
            // keeps its name, the getter becomes `get_width()`.
            let fields = names.fields.get(&def.id);
            if fields.is_some_and(|fields| fields.contains(&name)) && is_getter(f) {
                name = format!("get_{name}");
            }
            let what = format!("method `{}`", f.rust_path);
            if is_lifecycle_close(f, def) {
                // The class's own `close()` (ADR 34): a wrapper making it idempotent calls the
                // Rust method under the private name `_close`.
                out.claim(&mut members, &f.rust_path, CLOSE, what.clone());
                out.claim(&mut members, &f.rust_path, LIFECYCLE_CLOSE, what);
                names
                    .functions
                    .insert(f.symbol.clone(), LIFECYCLE_CLOSE.to_string());
                continue;
            }
            if let Some(shape) = close_shape_problem(f, def) {
                out.report(
                    &f.rust_path,
                    format!(
                        "method `{}` cannot be the Python class's `close()`: it {shape}, and `close()` \
                         is called without arguments (by `with` too), so only a consuming \
                         `close(self)` without other parameters can be it",
                        f.rust_path
                    ),
                    "rename it with #[ffi(name = \"…\")] (e.g. `flush_and_close`), or make it \
                     `fn close(self)`",
                );
                names.functions.insert(f.symbol.clone(), name);
                continue;
            }
            if out.identifier(&f.rust_path, "method", &f.rust_name, &name) {
                out.claim_member(&mut members, base, &f.rust_path, &name, what);
            }
            names.functions.insert(f.symbol.clone(), name);
        }
    }

    // Parameters.
    for f in &inv.functions {
        let mut table = NameTable::new(format!("the parameters of `{}`", f.rust_path));
        let mut params = Vec::new();
        for (i, p) in f.params.iter().enumerate() {
            if i == 0 && f.owner.is_some() && f.receiver.is_some() {
                params.push("self".to_string());
                continue;
            }
            let name = param_name(&p.name);
            if out.identifier(&f.rust_path, "parameter", &p.name, &name) {
                out.claim(
                    &mut table,
                    &f.rust_path,
                    &name,
                    format!("parameter `{}`", p.name),
                );
            }
            params.push(name);
        }
        names.params.insert(f.symbol.clone(), params);
    }

    // Submodules.
    let mut submodules = NameTable::new("the package");
    for (module, items) in plan
        .modules
        .iter()
        .filter_map(|(m, items)| Some((m.as_deref()?, items)))
    {
        let name = escape(&snake(module), Scope::Module);
        let item = first_item(items);
        if name.starts_with('_') {
            out.report(
                &item,
                format!("module `{module}` would be the private submodule `{name}`"),
                "name the module without a leading `_` in #[ffi(module = \"…\")]",
            );
        } else if out.identifier(&item, "module", module, &name) {
            out.claim(&mut submodules, &item, &name, format!("module `{module}`"));
        }
        names.modules.insert(module.to_string(), name);
    }

    // Module-level names: the root's RustPanic and submodules, then types, constants, functions.
    for (module, items) in &plan.modules {
        let scope = match module {
            None => "the package's `__init__`".to_string(),
            Some(m) => format!("module `{}`", names.modules[*m]),
        };
        let mut table = NameTable::new(scope);
        if module.is_none() {
            let _ = table.claim("RustPanic", "the exception `RustPanic`");
            if inv
                .types
                .iter()
                .any(|t| matches!(t.kind, interop_core::model::TypeKind::Service))
            {
                let _ = table.claim(
                    crate::python::names::IN_USE,
                    "the exception `ServiceInUseError`",
                );
            }
            if inv
                .functions
                .iter()
                .any(|f| matches!(f.returns, interop_core::model::TypeRef::Result(_)))
            {
                let _ = table.claim("Error", "the base exception `Error`");
            }
            for (m, name) in &names.modules {
                let _ = table.claim(name.clone(), format!("module `{m}`"));
            }
        }
        for def in &items.types {
            let name = names.classes[&def.id].clone();
            out.claim(&mut table, &def.id, &name, format!("type `{}`", def.id));
        }
        // The classes the module imports for its signatures and constants.
        let mut used = Vec::new();
        for f in &items.functions {
            f.params.iter().for_each(|p| p.ty.collect_named(&mut used));
            f.returns.collect_named(&mut used);
        }
        items
            .constants
            .iter()
            .for_each(|c| c.ty.collect_named(&mut used));
        for id in used {
            let (Some(name), Some(def)) = (names.classes.get(id), inv.type_def(id)) else {
                continue;
            };
            let what = format!("type `{id}`");
            if table.owner(name) != Some(what.as_str()) {
                out.claim(&mut table, &def.id, name, what);
            }
        }
        for c in &items.constants {
            let name = escape(&upper_snake(&c.name), Scope::Module);
            if out.identifier(&c.rust_path, "constant", &c.rust_name, &name) {
                out.claim(
                    &mut table,
                    &c.rust_path,
                    &name,
                    format!("constant `{}`", c.rust_path),
                );
            }
            names.constants.insert(c.rust_path.clone(), name);
        }
        for f in &items.functions {
            let name = escape(&snake(&f.name), Scope::Module);
            if out.identifier(&f.rust_path, "function", &f.rust_name, &name) {
                out.claim(
                    &mut table,
                    &f.rust_path,
                    &name,
                    format!("function `{}`", f.rust_path),
                );
            }
            names.functions.insert(f.symbol.clone(), name);
        }
        // The private names the module imports (raw functions, the error channel).
        for f in &items.functions {
            let alias = raw_alias(&f.symbol);
            if let Some(owner) = table.owner(&alias) {
                let owner = owner.to_string();
                out.report(
                    &f.rust_path,
                    format!(
                        "{owner} is named like `{alias}`, the private alias of `{}`'s raw function",
                        f.rust_path
                    ),
                    RENAME,
                );
            }
        }
    }

    // The raw layer: functions under their symbols (escaped, never clashing with its own names).
    let mut raw = NameTable::new("`_raw.py`");
    for r in RAW_RESERVED {
        let _ = raw.claim(*r, "");
    }
    for (id, class) in &names.classes {
        let _ = raw.claim(class.clone(), "");
        if names.members.contains_key(id) {
            let _ = raw.claim(format!("{class}_storage"), "");
        }
    }
    for f in &inv.functions {
        let name = first_free(&escape(&f.symbol, Scope::Module), |n| raw.contains(n));
        let _ = raw.claim(name.clone(), "");
        names.raw.insert(f.symbol.clone(), name);
    }
    (names, out.diagnostics)
}

/// A method that only reads: a receiver (`&self` or `self`), no other parameter, a result.
fn is_getter(f: &Function) -> bool {
    matches!(f.receiver, Some(Receiver::Ref | Receiver::Value))
        && f.params.len() == 1
        && !f.returns.is_unit()
}

/// The Rust path of the first item of a module (what a problem with the module's name points at).
fn first_item(items: &crate::common::plan::ModulePlan<'_>) -> String {
    items
        .types
        .first()
        .map(|t| t.id.clone())
        .or_else(|| items.functions.first().map(|f| f.rust_path.clone()))
        .or_else(|| items.constants.first().map(|c| c.rust_path.clone()))
        .unwrap_or_default()
}
