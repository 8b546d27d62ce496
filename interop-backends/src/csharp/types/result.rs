//! A returned `Result<T, E>` (ADR 12, ADR 22): the method returns `T` (or nothing for `()`) and
//! throws the error's exception ([`super::error`]). The value crosses as `<Native>.__Result_<T>_<E>`
//! (explicit layout: the status byte, then `T` and the error `{E value; Buffer message}` over each
//! other at the offset the library measured); after the call and its panic check, one compare of the
//! status: 0 converts `T` as a plain return would, anything else throws.

use std::collections::BTreeMap;

use super::error::ErrorType;
use super::{Conversion, Cx, DataCodec, Fam, Family, FieldShape, ParamSpec, ReturnSpec};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;
use interop_core::model::TypeRef;

/// A `Result<T, E>` return value.
pub struct ResultFam<'a> {
    pub ok: Fam<'a>,
    pub err: ErrorType<'a>,
    /// The `Result` itself.
    pub ty: &'a TypeRef,
}

fn return_only() -> Problem {
    Problem::new("a `Result` can only be returned").fix("return it, or pass the value itself")
}

/// `uint`, `Buffer`, `Option_String`: a C# type as a part of a helper's name.
fn name_part(raw: &str) -> String {
    let last = raw
        .rsplit('.')
        .next()
        .unwrap_or(raw)
        .trim_start_matches('_');
    last.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

impl ResultFam<'_> {
    /// The success's own return conversion, whose value is read from `__ret.Ok`.
    fn ok_spec(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ok = self.ok.ret(cx)?;
        if ok.hidden.is_some() || ok.conv != Conversion::default() || !ok.checks.is_empty() {
            return Err(Problem::new(
                "this success type cannot be inside a `Result` in C# (a packed struct returned in memory)",
            ));
        }
        Ok(ok)
    }

    /// The struct's name (`__Result_uint_ParseError`) and its text.
    fn layout(&self, cx: &Cx) -> Result<(String, String), Problem> {
        let ok = self.ok_spec(cx)?;
        let TypeRef::Result(r) = self.ty else {
            return Err(Problem::new("invalid inventory: not a `Result`"));
        };
        let layout = cx
            .inv
            .result_layout(&r.ok, &r.err)
            .map_err(|e| Problem::new(e.to_string()))?;
        let unit = ok.raw == "void";
        let name = format!(
            "__Result_{}_{}",
            if unit {
                "Unit".into()
            } else {
                name_part(&ok.raw)
            },
            self.err.tag(cx)
        );
        let offset = layout.value_offset;
        let field = |ty: &str, name: &str| {
            format!(
                "            [global::System.Runtime.InteropServices.FieldOffset({offset})]\n            internal {ty} {name};\n"
            )
        };
        let ok_field = if unit {
            String::new()
        } else {
            field(&ok.raw, "Ok")
        };
        let err_field = field(&self.err.abi(cx), "Error");
        let text = format!(
            "        /// <summary>\n        /// The C layout of a returned <c>Result</c>: the status (0 success, 1 error, 2 panic), then the\n        /// success or the error.\n        /// </summary>\n        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Explicit, Size = {})]\n        internal struct {name}\n        {{\n            [global::System.Runtime.InteropServices.FieldOffset(0)]\n            internal byte Status;\n{ok_field}{err_field}        }}",
            layout.layout.size
        );
        Ok((name, text))
    }
}

impl Family for ResultFam<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(format!("{}.{}", cx.s.native_class, self.layout(cx)?.0))
    }

    fn param(&self, _cx: &Cx, _name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        Err(return_only())
    }

    fn field(&self, _cx: &Cx) -> Result<FieldShape, Problem> {
        Err(return_only())
    }

    fn data(&self, _cx: &Cx) -> Result<DataCodec, Problem> {
        Err(return_only())
    }

    /// `T` (`void` for `()`): the status is checked after the panic check, the error thrown.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ok = self.ok_spec(cx)?;
        let raw = self.storage(cx)?;
        Ok(ReturnSpec {
            public: ok.public,
            local: Some(raw.clone()),
            raw,
            hidden: None,
            conv: Conversion::default(),
            result: ok.result.map(|r| r.replace("__ret", "__ret.Ok")),
            checks: vec![self.err.check(cx, "__ret.Status", "&__ret.Error")],
            throws: vec![self.err.throws(cx)],
        })
    }

    /// `ResultU32MyError`, `ResultUnitMyError`: one per success and error type, so that the
    /// trampolines of two closures returning different `Result`s get different names.
    fn tag(&self, cx: &Cx) -> String {
        let unit = matches!(self.ty, TypeRef::Result(r) if r.ok.is_unit());
        let ok = if unit {
            "Unit".to_string()
        } else {
            self.ok.tag(cx)
        };
        format!("Result{ok}{}", self.err.tag(cx))
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        self.ok.collect_codecs(cx, out)?;
        self.err.collect_codecs(cx, out)?;
        let (name, text) = self.layout(cx)?;
        out.entry(name).or_insert(text);
        Ok(())
    }

    fn collect_public(
        &self,
        cx: &Cx,
        returned: bool,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        self.ok.collect_public(cx, returned, out)?;
        self.err.collect_public(cx, out)
    }
}
