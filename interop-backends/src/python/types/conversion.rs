//! What a family hands the item renderers: the conversion shapes ([`Lowering`] for an argument,
//! [`Lifting`] for a result), a struct field's type ([`FieldType`]), a copy out of a pointer
//! ([`Copied`]) and a codec of `_types.py` ([`Codec`]).

use super::runtime;

/// A module-level codec of `_types.py`: its name and the expression that makes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Codec {
    pub name: String,
    pub expr: String,
}

impl Codec {
    pub fn new(name: &str, expr: &str) -> Self {
        Codec {
            name: name.to_string(),
            expr: expr.to_string(),
        }
    }
}

/// A struct field of a family's type, in the generated class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldType {
    /// The annotation in the class body (what reading the field gives).
    pub annotation: String,
    /// The parameter type of the typed `__init__` for type checkers (what the field accepts).
    pub init: String,
    /// The default of that parameter in the stub (`0`, `None`, `...`).
    pub default: &'static str,
    /// `__repr__` and `__eq__` go through `_plain` (arrays as lists, pointers as addresses).
    pub plain: bool,
    /// Conversions on access, when Python reads or writes something else than the ctypes field.
    pub access: Option<FieldAccess>,
}

/// A struct field that converts on access: the ctypes field becomes a property (`_convert_field`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAccess {
    /// A callable applied to the ctypes value read (`Level`); `None` reads it as it is.
    pub read: Option<String>,
    /// A callable that checks and converts a value written (`_array_of(ctypes.c_uint8 * 3)`).
    pub write: Option<String>,
    /// The helpers of `_types.py` these callables use.
    pub helpers: Vec<String>,
}

/// A value copied out of a pointer: its public type and the expression that reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    pub annotation: String,
    pub expr: String,
    /// Private names of `_types` the expression uses.
    pub imports: Vec<String>,
}

/// How a public parameter becomes the raw argument (lowering): statements before the call, the
/// argument expression, statements after it (run whether the call raised or not). Today's families
/// need none of the statements: ctypes converts through `argtypes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lowering {
    /// Statements before the call, one per line.
    pub setup: Vec<String>,
    /// The expression passed to the raw function.
    pub arg: String,
    /// Statements after the call (`finally`), one per line.
    pub cleanup: Vec<String>,
    /// Private names of `_types` the module imports for these statements.
    pub imports: Vec<String>,
}

impl Lowering {
    /// The value is passed as it is.
    pub fn identity(value: &str) -> Self {
        Lowering {
            setup: Vec::new(),
            arg: value.to_string(),
            cleanup: Vec::new(),
            imports: Vec::new(),
        }
    }

    /// The value is passed as it is after `check` (statements, one per line), which raises for
    /// a wrong argument and may rebind `value`; `helpers` are the runtime helpers it calls.
    pub fn checked(value: &str, check: &[String], helpers: &[&str]) -> Self {
        Lowering {
            setup: check.to_vec(),
            arg: value.to_string(),
            cleanup: Vec::new(),
            imports: helpers.iter().map(|h| h.to_string()).collect(),
        }
    }

    /// An instance of `class` (also `None` when `nullable`), else the `TypeError`.
    pub fn instance_of(value: &str, class: &str, nullable: bool, expected: &str) -> Self {
        let nullable = if nullable { "True" } else { "False" };
        Lowering::checked(
            value,
            &[format!(
                "{}({value}, {class}, {nullable}, \"{expected}\", {WHERE})",
                runtime::INSTANCE
            )],
            &[runtime::INSTANCE],
        )
    }
}

/// Where the raw result goes in a [`Lifting`] expression.
pub const RAW: &str = "{raw}";

/// Where the text `f() argument 'a'` (a Python string literal) goes in a [`Lowering`].
pub const WHERE: &str = "{where}";

/// How the raw result becomes the public result (lifting): an expression of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lifting {
    /// The public result, with [`RAW`] where the raw result goes (`_Color_from({raw})`); `None`
    /// returns the raw result as it is.
    pub expr: Option<String>,
    /// Private names of `_types` the module imports for it.
    pub imports: Vec<String>,
}

impl Lifting {
    pub fn identity() -> Self {
        Lifting::default()
    }

    /// The result goes through `function`, a private name of `_types`.
    pub fn call(function: String) -> Self {
        Lifting {
            expr: Some(format!("{function}({RAW})")),
            imports: vec![function],
        }
    }

    /// The public result of the raw result `raw` (an expression).
    pub fn apply(&self, raw: &str) -> String {
        match &self.expr {
            Some(expr) => expr.replace(RAW, raw),
            None => raw.to_string(),
        }
    }

    /// True when the raw result appears more than once, so it must be a name first.
    pub fn needs_name(&self) -> bool {
        self.expr
            .as_ref()
            .is_some_and(|e| e.matches(RAW).count() > 1)
    }
}
