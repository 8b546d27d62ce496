//! `Option<T>` by value (ADR 12): `T?` (`Nullable<T>`) for value types (numbers, `bool`, C-like
//! enums, C-compatible structs), `null` for reference types (`string`, arrays, classes of structs that
//! own data and of enums with data). It crosses as `<Native>.__Option_<T>` (`{byte IsSome; T Value}`,
//! the value in its ABI form inside data) in every position, converted by helpers of the raw layer:
//! `__Lower_Option_<T>` (a `null` is `IsSome = 0`), `__Lift_Option_<T>` (an `IsSome` other than 0 or
//! 1 throws), `__Free_Option_<T>` (what a returned value owns) and `__Take_Option_<T>` (a returned
//! value: copied, then freed, also when copying throws).
//!
//! `Option<Option<T>>` has no C# spelling (`null` cannot stand for both `None` and `Some(None)`): it
//! is refused with the item named (see [`refuse_nested`]).

use std::collections::BTreeMap;

use interop_core::abi::AbiShape;
use interop_core::model::TypeRef;

use super::helper_converted::HelperConverted;
use super::{Cx, DataCodec, Fam, Family, FieldShape, ParamSpec, ReturnSpec};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;

/// An option of a value of `inner`'s family.
pub struct Opt<'a> {
    pub inner: Fam<'a>,
    pub inner_ty: &'a TypeRef,
}

/// The problem of an `Option<Option<T>>` (`ty` is the outer option).
pub fn refuse_nested(cx: &Cx, ty: &TypeRef, inner: &TypeRef) -> Result<(), Problem> {
    if matches!(cx.inv.shape_of(inner), Ok(AbiShape::Option { .. })) {
        return Err(Problem::new(format!(
            "`{}` has no C# spelling: `null` cannot stand for both `None` and `Some(None)`",
            cx.inv.rust_spelling(ty)
        ))
        .fix(
            "use one `Option` level, or an #[ffi] enum with data that names the cases \
             (`enum Lookup { Missing, Empty, Found(String) }`)",
        ));
    }
    Ok(())
}

impl Opt<'_> {
    fn tag_of(&self, cx: &Cx) -> String {
        format!("Option_{}", self.inner.tag(cx))
    }

    fn abi(&self, cx: &Cx) -> String {
        format!("{}.__{}", cx.s.native_class, self.tag_of(cx))
    }

    /// True when lowering the value allocates (strings, vectors, structs that own data): the
    /// conversion needs an arena.
    fn needs_arena(&self, cx: &Cx) -> bool {
        cx.inv.owns_data(self.inner_ty).unwrap_or(true)
            || cx.inv.holds_views(self.inner_ty).unwrap_or(true)
    }

    fn helper(&self, cx: &Cx, what: &str) -> String {
        format!("{}.__{what}_{}", cx.s.native_class, self.tag_of(cx))
    }

    /// The parameter, return and field shapes: `null` passes `None`; a value is lowered (into an
    /// arena freed after the call when it allocates).
    fn converted<'c>(&self, cx: &'c Cx) -> Result<HelperConverted<'c>, Problem> {
        Ok(HelperConverted {
            public: self.public(cx)?,
            native_class: &cx.s.native_class,
            tag: self.tag_of(cx),
            needs_arena: self.needs_arena(cx),
        })
    }

    /// The struct and the helpers of the raw layer.
    fn helpers(&self, cx: &Cx) -> Result<String, Problem> {
        let tag = self.tag_of(cx);
        let d = self.inner.data(cx)?;
        let public = self.public(cx)?;
        let abi = &d.abi;
        let (present, value) = if self.inner.reference_type() {
            ("!ReferenceEquals(value, null)", "value")
        } else {
            ("value.HasValue", "value.GetValueOrDefault()")
        };
        let lower = d.lower(value, "arena", "name");
        let lift = d.lift("(&value->Value)");
        let mut out = format!(
            "        /// <summary>\n        /// The C layout of an option: <c>{{uint8_t is_some; T value}}</c>.\n        /// </summary>\n        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]\n        internal struct __{tag}\n        {{\n            internal byte IsSome;\n            internal {abi} Value;\n        }}\n\n        internal static __{tag} __Lower_{tag}({public} value, __Arena arena, string name)\n        {{\n            __{tag} result = default(__{tag});\n            if ({present})\n            {{\n                result.IsSome = 1;\n                result.Value = {lower};\n            }}\n            return result;\n        }}\n\n        internal static {public} __Lift_{tag}(__{tag}* value)\n        {{\n            if (value->IsSome == 0)\n            {{\n                return null;\n            }}\n            if (value->IsSome != 1)\n            {{\n                throw new global::System.InvalidOperationException(\"the library returned an option whose tag is \" + value->IsSome);\n            }}\n            return {lift};\n        }}\n\n        internal static {public} __Load_{tag}(__{tag} value)\n        {{\n            return __Lift_{tag}(&value);\n        }}"
        );
        match d.free("(&value->Value)") {
            Some(free) => out.push_str(&format!(
                "\n\n        internal static void __Free_{tag}(__{tag}* value)\n        {{\n            if (value->IsSome == 1)\n            {{\n                {free}\n            }}\n            value->IsSome = 0;\n        }}\n\n        internal static {public} __Take_{tag}(__{tag} value)\n        {{\n            try\n            {{\n                return __Lift_{tag}(&value);\n            }}\n            finally\n            {{\n                __Free_{tag}(&value);\n            }}\n        }}"
            )),
            None => out.push_str(&format!(
                "\n\n        internal static {public} __Take_{tag}(__{tag} value)\n        {{\n            return __Lift_{tag}(&value);\n        }}"
            )),
        }
        Ok(out)
    }
}

impl Family for Opt<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(self.abi(cx))
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        let inner = self.inner.data(cx)?.public;
        Ok(if self.inner.reference_type() {
            inner
        } else {
            format!("{inner}?")
        })
    }

    fn reference_type(&self) -> bool {
        self.inner.reference_type()
    }

    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        Ok(self.converted(cx)?.param(name, locals))
    }

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        Ok(self.converted(cx)?.ret())
    }

    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        self.converted(cx)?
            .field("an option of data that allocates is a field of a struct that owns data")
    }

    fn data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        let free = self.inner.data(cx)?.free.is_some();
        Ok(DataCodec {
            public: self.public(cx)?,
            abi: self.abi(cx),
            lower: format!("{}({{v}}, {{a}}, {{n}})", self.helper(cx, "Lower")),
            lift: format!("{}({{p}})", self.helper(cx, "Lift")),
            free: free.then(|| format!("{}({{p}});", self.helper(cx, "Free"))),
        })
    }

    fn tag(&self, cx: &Cx) -> String {
        self.tag_of(cx)
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        self.inner.collect_codecs(cx, out)?;
        let key = format!("__{}", self.tag_of(cx));
        if let std::collections::btree_map::Entry::Vacant(entry) = out.entry(key) {
            entry.insert(self.helpers(cx)?);
        }
        Ok(())
    }

    fn collect_public(
        &self,
        cx: &Cx,
        returned: bool,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        self.inner.collect_public(cx, returned, out)
    }
}
