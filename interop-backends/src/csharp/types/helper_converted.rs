//! A value the raw layer converts with generated static helpers (options and tuples): the
//! parameter, return and field shapes they share.

use super::{Conversion, FieldShape, ParamSpec, ReturnSpec};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;

/// A type whose raw struct is `<native>.__<tag>` and whose helpers are `__Lower_<tag>(value, arena,
/// name)`, `__Take_<tag>(raw)` and `__Load_<tag>(raw)` in the native class.
pub struct HelperConverted<'a> {
    /// The public C# type.
    pub public: String,
    /// The native class holding the raw struct and its helpers.
    pub native_class: &'a str,
    /// The raw struct's name without the leading `__` (`Option_U32`, `TupleF32F32`).
    pub tag: String,
    /// True when lowering allocates or borrows (the conversion then needs an arena).
    pub needs_arena: bool,
}

impl HelperConverted<'_> {
    /// The raw struct (`<native>.__<tag>`).
    pub fn abi(&self) -> String {
        format!("{}.__{}", self.native_class, self.tag)
    }

    /// A helper of the raw layer (`<native>.__<what>_<tag>`).
    pub fn helper(&self, what: &str) -> String {
        format!("{}.__{what}_{}", self.native_class, self.tag)
    }

    /// The value lowered before the call (into an arena freed after it when lowering allocates).
    pub fn param(&self, name: &str, locals: &mut Locals) -> ParamSpec {
        let decls = vec![format!("{} {name}", self.public)];
        let lower = self.helper("Lower");
        if !self.needs_arena {
            return ParamSpec {
                raw: self.abi(),
                conv: Conversion {
                    decls,
                    args: vec![format!("{lower}({name}, null, nameof({name}))")],
                    ..Conversion::default()
                },
            };
        }
        let nat = self.native_class;
        let arena = locals.fresh(&format!("{name}Arena"));
        let local = locals.fresh(name);
        ParamSpec {
            raw: self.abi(),
            conv: Conversion {
                decls,
                setup: vec![format!("{nat}.__Arena {arena} = new {nat}.__Arena();")],
                pinned: vec![format!(
                    "{} {local} = {lower}({name}, {arena}, nameof({name}));",
                    self.abi()
                )],
                args: vec![local],
                cleanup: vec![format!("{arena}.Dispose();")],
                ..Conversion::default()
            },
        }
    }

    /// The returned raw struct taken (lifted, then what it owns freed).
    pub fn ret(&self) -> ReturnSpec {
        ReturnSpec::direct(
            self.public.clone(),
            self.abi(),
            format!("{}(__ret)", self.helper("Take")),
        )
    }

    /// A field of a C-compatible struct: the raw struct behind a property of the public type;
    /// `refusal` explains why a value that allocates cannot be one.
    pub fn field(&self, refusal: &str) -> Result<FieldShape, Problem> {
        if self.needs_arena {
            return Err(Problem::new(refusal));
        }
        Ok(FieldShape::Converted {
            public: self.public.clone(),
            storage: self.abi(),
            get: format!("{}({{}})", self.helper("Load")),
            set: format!("{}(value, null, \"value\")", self.helper("Lower")),
        })
    }
}
