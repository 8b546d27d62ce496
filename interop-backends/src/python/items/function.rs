//! Functions and methods: the public `def` of the ctypes path (which the compiled path replaces at
//! import, see `native.rs`), its stub, and the typed signature of the raw function. Types are only
//! asked through their families' conversions.

use askama::Template;
use interop_core::model::{Function, FunctionKind};

use super::Ctx;
use crate::BackendError;
use crate::python::names::docstring;
use crate::python::naming::raw_alias;
use crate::python::types::{Lifting, WHERE, runtime};

/// One public function or method as a `def`.
#[derive(Template)]
#[template(path = "python/items/function.py", escape = "none")]
struct FunctionDef<'a> {
    decorator: Option<&'static str>,
    name: &'a str,
    params: String,
    returns: String,
    doc: Option<String>,
    /// The statements of the body, relative to its indentation.
    body: Vec<String>,
}

/// The stub of one public function in a `.pyi` file.
pub struct FunctionStub {
    pub name: String,
    pub params: String,
    pub returns: String,
    pub doc: Option<String>,
}

/// A function's signature and call, put together from its types' families.
pub struct Call {
    /// `a: int, b: int` (`self` first for a method with a receiver).
    pub params: String,
    /// The public return annotation.
    pub returns: String,
    /// Statements before the call.
    setup: Vec<String>,
    /// The raw function's arguments.
    args: String,
    /// Statements after the call.
    cleanup: Vec<String>,
    lift: Lifting,
    unit: bool,
    /// Private names of `_types` the conversions use.
    pub imports: Vec<String>,
}

impl<'a> Ctx<'a> {
    /// `add_u8`, `Vec2f32.scale`: the function as Python's messages name it (its qualified name).
    pub fn qualname(&self, f: &'a Function) -> Result<String, BackendError> {
        let name = self.names.function(f)?;
        // A service's `new` is called as its class: `Tally(…)` (ADR 51).
        if let Some(owner) = &f.owner
            && self
                .inv
                .type_def(owner)
                .is_some_and(|def| crate::python::types::service::is_init(f, def))
        {
            return Ok(self.names.class(owner)?.to_string());
        }
        Ok(match &f.owner {
            Some(owner) => format!("{}.{name}", self.names.class(owner)?),
            None => name.to_string(),
        })
    }

    /// The Python names of the parameters of `f` (the receiver is `self`).
    pub fn param_names(&self, f: &'a Function) -> Result<Vec<&'a str>, BackendError> {
        let names = self.names.params(f)?;
        Ok(names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if i == 0 && f.receiver.is_some() {
                    "self"
                } else {
                    n.as_str()
                }
            })
            .collect())
    }

    /// The call of `f` as its public `def` makes it (`method`: the receiver is `self`).
    pub fn call(&self, f: &'a Function, method: bool) -> Result<Call, BackendError> {
        let names = self.param_names(f)?;
        let qualname = self.qualname(f)?;
        let mut params = Vec::new();
        let mut args = Vec::new();
        let mut setup = Vec::new();
        let mut cleanup = Vec::new();
        let mut imports = Vec::new();
        for (i, (p, name)) in f.params.iter().zip(names).enumerate() {
            let family = self.types.family(&p.ty)?;
            let is_self = method && i == 0 && f.receiver.is_some();
            params.push(if is_self {
                "self".to_string()
            } else {
                format!("{name}: {}", family.param())
            });
            let lowering = if i == 0 && f.kind == FunctionKind::Destructor {
                family.destroying(name)
            } else {
                family.lower(name)
            };
            // `f() argument 'a'`, the start of every argument error (the compiled path's wording).
            let at = format!("\"{qualname}() argument '{name}'\"");
            let place = |line: String| line.replace(WHERE, &at);
            setup.extend(lowering.setup.into_iter().map(place));
            cleanup.extend(lowering.cleanup.into_iter().map(place));
            imports.extend(lowering.imports);
            args.push(place(lowering.arg));
        }
        let result = self.types.family(&f.returns)?;
        let lift = result.lift();
        imports.extend(lift.imports.iter().cloned());
        Ok(Call {
            params: params.join(", "),
            returns: result.returns(),
            setup,
            args: args.join(", "),
            cleanup,
            lift,
            unit: f.returns.is_unit(),
            imports,
        })
    }

    /// The type of the raw function of `f`: `Callable[[int, int], int]`.
    pub fn raw_callable(&self, f: &'a Function) -> Result<String, BackendError> {
        let params = f
            .params
            .iter()
            .map(|p| Ok(self.types.family(&p.ty)?.raw_param()))
            .collect::<Result<Vec<_>, BackendError>>()?;
        Ok(format!(
            "Callable[[{}], {}]",
            params.join(", "),
            self.types.family(&f.returns)?.raw_return()
        ))
    }

    /// The stub of a public free function.
    pub fn function_stub(&self, f: &'a Function) -> Result<FunctionStub, BackendError> {
        let call = self.call(f, false)?;
        Ok(FunctionStub {
            name: self.names.function(f)?.to_string(),
            params: call.params,
            returns: call.returns,
            doc: docstring(&self.doc_lines(f)?, "    "),
        })
    }

    /// A `def` calling the raw function (a method when `method`, unindented): the ctypes path.
    pub fn function_def(&self, f: &'a Function, method: bool) -> Result<String, BackendError> {
        let call = self.call(f, method)?;
        let body = body(&call, &raw_alias(&f.symbol), true);
        Ok(FunctionDef {
            decorator: (method && f.receiver.is_none()).then_some("@staticmethod"),
            name: self.names.function(f)?,
            params: call.params,
            returns: call.returns,
            // Methods are indented into their class afterwards (`indent`): relative to the `def`.
            doc: docstring(&self.doc_lines(f)?, "    "),
            body,
        }
        .render()?)
    }
}

impl Call {
    /// The call of a consuming `close(self)` as the class's idempotent `close()` (ADR 34, ADR 41):
    /// the receiver is taken with `_service_take_open` in the setup, which answers `None` (and the
    /// `def` returns `None` before anything runs) when the object is already closed or consumed,
    /// so of several threads closing at once only the one that took the object runs the Rust
    /// close. `None` when the receiver does not lower as a taken service.
    pub(super) fn closing(mut self, rust_name: &str) -> Option<Call> {
        let held = "_h_self";
        let taken = format!("({held} := {}(self))", runtime::SERVICE_TAKE);
        if !self.args.contains(&taken) {
            return None;
        }
        self.args = self.args.replacen(&taken, held, 1);
        let declared = format!("{held}: Optional[int] = None");
        let at = self.setup.iter().position(|l| *l == declared)?;
        self.setup.splice(
            at..=at,
            [
                format!("{held} = {}(self)", runtime::SERVICE_TAKE_OPEN),
                format!("if {held} is None:"),
                "    return None".to_string(),
            ],
        );
        // The messages name the method the user called.
        for line in &mut self.setup {
            *line = line.replace(&format!(".{rust_name}()"), ".close()");
        }
        self.imports.push(runtime::SERVICE_TAKE_OPEN.to_string());
        Some(self)
    }
}

/// The statements of a `def`: setup, the call (with the pending-panic check when `check`), the
/// conversion of the result, and cleanup in a `finally` when there is any.
pub(super) fn body(call: &Call, raw: &str, check: bool) -> Vec<String> {
    let invoke = format!("{raw}({})", call.args);
    let mut lines = Vec::new();
    let pending = ["if _pending.value:", "    _raise_panic()"].map(String::from);
    if call.unit {
        lines.push(invoke);
        if check {
            lines.extend(pending);
        }
    } else if check || call.lift.needs_name() {
        lines.push(format!("result = {invoke}"));
        if check {
            lines.extend(pending);
        }
        lines.push(format!("return {}", call.lift.apply("result")));
    } else {
        lines.push(format!("return {}", call.lift.apply(&invoke)));
    }
    let mut out = call.setup.clone();
    if call.cleanup.is_empty() {
        out.extend(lines);
    } else {
        out.push("try:".to_string());
        out.extend(lines.into_iter().map(|l| format!("    {l}")));
        out.push("finally:".to_string());
        out.extend(call.cleanup.iter().map(|l| format!("    {l}")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(setup: &[&str], cleanup: &[&str], convert: Option<&str>, unit: bool) -> Call {
        Call {
            params: "x: int".into(),
            returns: "int".into(),
            setup: setup.iter().map(|s| s.to_string()).collect(),
            args: "_x".into(),
            cleanup: cleanup.iter().map(|s| s.to_string()).collect(),
            lift: Lifting {
                expr: convert.map(String::from),
                imports: vec![],
            },
            unit,
            imports: vec![],
        }
    }

    #[test]
    fn bodies_of_every_shape() {
        assert_eq!(
            body(&call(&[], &[], None, false), "_c_f", false),
            ["return _c_f(_x)"]
        );
        assert_eq!(
            body(&call(&[], &[], Some("_E_from({raw})"), false), "_c_f", true),
            [
                "result = _c_f(_x)",
                "if _pending.value:",
                "    _raise_panic()",
                "return _E_from(result)"
            ]
        );
        // A raw result used twice is named first.
        assert_eq!(
            body(
                &call(&[], &[], Some("_copy({raw}) if {raw} else None"), false),
                "_c_f",
                false
            ),
            [
                "result = _c_f(_x)",
                "return _copy(result) if result else None"
            ]
        );
        // Setup before, cleanup in a `finally` around the call and its check.
        assert_eq!(
            body(&call(&["_x = a(x)"], &["b(_x)"], None, true), "_c_f", true),
            [
                "_x = a(x)",
                "try:",
                "    _c_f(_x)",
                "    if _pending.value:",
                "        _raise_panic()",
                "finally:",
                "    b(_x)"
            ]
        );
    }
}
