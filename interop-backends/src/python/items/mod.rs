//! The files of the package, rendered from the plan, the names and the type families. Nothing here
//! looks at what a model type is: the renderers ask [`Types`](crate::python::types::Types).
//!
//! - [`types_module`]: `_types.py`, with the classes of [`record`], [`enum_`] and [`handle`];
//! - [`raw`]: `_raw.py`, the ctypes layer;
//! - [`native`]: `_native.py`, the compiled call path (function objects made by the library);
//! - [`module`]: `__init__.py`, the submodules and their stubs, with the functions of [`function`].

mod data_enum;
mod enum_;
mod function;
mod handle;
mod module;
mod native;
mod raises;
mod raw;
mod record;
mod service;
mod types_module;

use interop_core::model::Inventory;

use super::naming::Names;
use super::types::Types;
use crate::common::plan::Plan;
use crate::{BackendError, PackageInfo};

/// What every renderer needs.
pub struct Ctx<'a> {
    pub inv: &'a Inventory,
    pub plan: &'a Plan<'a>,
    pub names: &'a Names,
    pub types: Types<'a>,
    /// `[python] release-gil`: the GIL is released around each call (CDLL on the ctypes path).
    pub release_gil: bool,
    /// The import name of the package.
    pub package: &'a str,
}

/// Every file of the package, relative to the package directory, sorted by name.
pub fn render(
    ctx: &Ctx<'_>,
    package: &str,
    library: &str,
    version: &str,
    info: &PackageInfo,
) -> Result<Vec<(String, String)>, BackendError> {
    let crate_name = if info.name.is_empty() {
        package
    } else {
        info.name.as_str()
    };
    let mut files = vec![
        ("_types.py".to_string(), ctx.types_module(crate_name)?),
        ("_raw.py".to_string(), ctx.raw_module(crate_name, library)?),
        (
            "_native.py".to_string(),
            ctx.native_module(crate_name, library)?,
        ),
    ];
    for module in ctx.plan.modules.keys() {
        files.extend(ctx.module_files(*module, crate_name, version, info)?);
    }
    for (_, text) in &mut files {
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    files.push(("py.typed".to_string(), String::new()));
    files.sort();
    Ok(files)
}

/// `text` with every non-blank line indented by `by`.
fn indent(text: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push_str(by);
        }
        out.push_str(line);
    }
    out
}

/// A Python tuple expression of `items` (`(a,)` for one).
/// The parameters (`, name: type`) of the typed `__init__` a dataclass declares for type checkers
/// when a field accepts more than reading it gives: `(name, annotation, accepted)` per field, the
/// accepted type being what a function's parameter of the field's type takes (a `Vec<f64>` field
/// reads as an `array.array[float]` and takes any buffer or sequence of floats); `None` when every
/// field accepts exactly its annotation (the dataclass's own `__init__` says it).
fn typed_init(fields: &[(&str, String, String)]) -> Option<String> {
    fields
        .iter()
        .any(|(_, annotation, accepted)| accepted != annotation)
        .then(|| {
            fields
                .iter()
                .map(|(name, _, accepted)| format!(", {name}: {accepted}"))
                .collect()
        })
}

fn tuple(items: &[String]) -> String {
    match items {
        [one] => format!("({one},)"),
        _ => format!("({})", items.join(", ")),
    }
}
