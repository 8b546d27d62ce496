//! The raw layer: `internal static unsafe class <Class>Native`, one blittable `[DllImport]` per
//! exported symbol with exactly the C ABI types, the panic check and its helpers.

use askama::Template;
use interop_core::model::RESERVED_SYMBOLS;

use super::method::{param_spec, raw_name, return_spec};
use crate::BackendError;
use crate::csharp::names::{self, Locals, NATIVE_MEMBERS, Scope};
use crate::csharp::problems::{Problem, Problems};
use crate::csharp::templates::{ImportView, NativeTemplate};
use crate::csharp::types::Cx;

/// The name of the hidden pointer through which the C ABI returns a value in memory.
const HIDDEN_RETURN: &str = "__return";

/// Render the raw layer class. A function whose types have problems gets no import: its method reports
/// them.
pub fn render(cx: &Cx, sink: &mut Problems) -> Result<String, BackendError> {
    let mut reserved: Vec<&str> = NATIVE_MEMBERS.to_vec();
    reserved.extend(RESERVED_SYMBOLS);
    let mut scope = Scope::class(&cx.s.native_class, &reserved);
    let mut imports = Vec::new();
    for f in &cx.inv.functions {
        let item = f.rust_path.as_str();
        let name = raw_name(f);
        if RESERVED_SYMBOLS.contains(&f.symbol.as_str()) {
            sink.push(
                item,
                Problem::new(format!(
                    "the exported symbol `{}` is one interop-core defines itself",
                    f.symbol
                ))
                .fix("export it under another name with #[ffi(export = \"…\")]"),
            );
            continue;
        }
        if let Err(p) = scope.claim_method(
            &name,
            &format!("the raw import of `{}`", f.symbol),
            !f.params.is_empty(),
        ) {
            sink.push(
                item,
                p.fix("export it under another name with #[ffi(export = \"…\")]"),
            );
            continue;
        }
        let mut locals = Locals::default();
        let params: Result<Vec<String>, Problem> = f
            .params
            .iter()
            .map(|p| {
                let raw_param = names::escape(&p.name);
                param_spec(cx, p, &raw_param, &mut locals).map(|s| format!("{} {raw_param}", s.raw))
            })
            .collect();
        let (Ok(mut params), Ok(ret)) = (params, return_spec(cx, f)) else {
            continue;
        };
        let mut raw_return = ret.raw;
        if let Some(hidden) = ret.hidden {
            if f.params
                .iter()
                .any(|p| names::escape(&p.name) == HIDDEN_RETURN)
            {
                sink.push(
                    item,
                    Problem::new(format!(
                        "the parameter `{HIDDEN_RETURN}` has the name of the hidden return pointer"
                    ))
                    .fix("rename the parameter"),
                );
                continue;
            }
            // The C ABI returns it through a hidden pointer passed first.
            params.insert(0, format!("{hidden} {HIDDEN_RETURN}"));
            raw_return = "void".into();
        }
        imports.push(ImportView {
            symbol: f.symbol.clone(),
            name,
            ret: raw_return,
            params: params.join(", "),
        });
    }
    Ok(NativeTemplate {
        name: &cx.s.native_class,
        library: &cx.s.library,
        exception: &cx.s.exception,
        imports,
    }
    .render()?)
}
