//! Tuples `(A, B, …)` by value (ADR 21, ADR 29): a `System.ValueTuple` in the public API
//! (`(float, float)` to a C# 7 reader, deconstructable: `var (r, phi) = Lib.Polar(x, y);`). The
//! generated code spells it `global::System.ValueTuple<float, float>`: mcs (Mono 6.8) does not parse
//! tuple type syntax in declaration statements (`(float, float) p = …;`, `new (int, int)[n]`) and
//! stops on tuple literals of more than 7 elements (an 8-tuple is `ValueTuple<T1…T7,
//! ValueTuple<T8>>`, built with `new`). The ABI struct
//! (`TupleF32F32 {_0, _1}` in C) is internal: `<Native>.__TupleF32f32` in the raw layer, with one
//! field per element in its ABI form inside data, converted by helpers of the raw layer:
//! `__Lower_<T>` (each element lowered, into an arena when an element allocates), `__Lift_<T>`,
//! `__Load_<T>` (by value), `__Free_<T>` (what a returned tuple owns) and `__Take_<T>` (a returned
//! tuple: copied, then freed, also when copying throws).

use std::collections::BTreeMap;

use interop_core::model::{Function, StructDef, TypeDef, TypeRef};

use super::helper_converted::HelperConverted;
use super::{Cx, DataCodec, Definition, Family, FieldShape, ParamSpec, ReturnSpec};
use crate::BackendError;
use crate::csharp::names::Locals;
use crate::csharp::problems::{Problem, Problems};

/// A tuple by value.
pub struct Tuple<'a> {
    pub def: &'a TypeDef,
    pub s: &'a StructDef,
}

/// The declaration of a tuple: nothing public (its mirror and helpers are in the raw layer).
pub struct TupleDef<'a> {
    pub def: &'a TypeDef,
    pub s: &'a StructDef,
}

/// The C# spelling of the tuple of `types` (`global::System.ValueTuple<float, float>`; from the 8th
/// element on, nested in `Rest`).
pub fn value_tuple(types: &[String]) -> String {
    if types.len() > 7 {
        let rest = value_tuple(&types[7..]);
        return format!(
            "global::System.ValueTuple<{}, {rest}>",
            types[..7].join(", ")
        );
    }
    format!("global::System.ValueTuple<{}>", types.join(", "))
}

/// A new tuple of `types` from `values`.
fn construct(types: &[String], values: &[String]) -> String {
    if types.len() > 7 {
        let rest = construct(&types[7..], &values[7..]);
        return format!(
            "new {}({}, {rest})",
            value_tuple(types),
            values[..7].join(", ")
        );
    }
    format!("new {}({})", value_tuple(types), values.join(", "))
}

/// The member holding element `i` (`Item1`, …, `Item7`, `Rest.Item1`).
fn item(i: usize) -> String {
    if i >= 7 {
        return format!("Rest.{}", item(i - 7));
    }
    format!("Item{}", i + 1)
}

impl Tuple<'_> {
    fn name(&self, cx: &Cx) -> String {
        cx.type_name(self.def)
    }

    fn mirror(&self, cx: &Cx) -> String {
        format!("{}.__{}", cx.s.native_class, self.name(cx))
    }

    fn helper(&self, cx: &Cx, what: &str) -> String {
        format!("{}.__{what}_{}", cx.s.native_class, self.name(cx))
    }

    /// The parameter, return and field shapes (a field only when no element allocates: the ABI
    /// struct behind a property of the tuple type).
    fn converted<'c>(&self, cx: &'c Cx) -> Result<HelperConverted<'c>, Problem> {
        Ok(HelperConverted {
            public: self.public(cx)?,
            native_class: &cx.s.native_class,
            tag: self.name(cx),
            needs_arena: self.needs_arena(cx),
        })
    }

    /// True when an element allocates when lowered or holds a view (the conversion needs an arena).
    fn needs_arena(&self, cx: &Cx) -> bool {
        let ty = TypeRef::named(self.def.id.clone());
        cx.inv.owns_data(&ty).unwrap_or(true) || cx.inv.holds_views(&ty).unwrap_or(true)
    }

    /// The data codec of each element.
    fn elements<'c>(&'c self, cx: &Cx<'c>) -> Result<Vec<(super::Fam<'c>, DataCodec)>, Problem> {
        self.s
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let fam = super::family(cx, &f.ty)?;
                let d = fam
                    .data(cx)
                    .map_err(|p| Problem::new(format!("tuple element {i}: {}", p.message)))?;
                Ok((fam, d))
            })
            .collect()
    }

    /// The struct and the helpers of the raw layer.
    fn helpers(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<String, Problem> {
        let name = self.name(cx);
        let public = self.public(cx)?;
        let mut layout = String::new();
        let mut lower = Vec::new();
        let mut lift = Vec::new();
        let mut free = Vec::new();
        let mut types = Vec::new();
        for (i, (fam, d)) in self.elements(cx)?.into_iter().enumerate() {
            types.push(d.public.clone());
            fam.collect_codecs(cx, out)?;
            layout.push_str(&format!("            internal {} _{i};\n", d.abi));
            lower.push(format!(
                "            result._{i} = {};",
                d.lower(&format!("value.{}", item(i)), "arena", "name")
            ));
            lift.push(d.lift(&format!("(&value->_{i})")));
            if let Some(f) = d.free(&format!("(&value->_{i})")) {
                free.push(format!("            {f}"));
            }
        }
        let take = if free.is_empty() {
            format!("            return __Lift_{name}(&value);")
        } else {
            format!(
                "            try\n            {{\n                return __Lift_{name}(&value);\n            }}\n            finally\n            {{\n                __Free_{name}(&value);\n            }}"
            )
        };
        let free_method = if free.is_empty() {
            String::new()
        } else {
            format!(
                "\n\n        internal static void __Free_{name}(__{name}* value)\n        {{\n{}\n        }}",
                free.join("\n")
            )
        };
        Ok(format!(
            "        /// <summary>\n        /// The C layout of the tuple <c>{rust}</c>: each element in its ABI form.\n        /// </summary>\n        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]\n        internal struct __{name}\n        {{\n{layout}        }}\n\n        internal static __{name} __Lower_{name}({public} value, __Arena arena, string name)\n        {{\n            __{name} result = default(__{name});\n{}\n            return result;\n        }}\n\n        internal static {public} __Lift_{name}(__{name}* value)\n        {{\n            return {};\n        }}\n\n        internal static {public} __Load_{name}(__{name} value)\n        {{\n            return __Lift_{name}(&value);\n        }}{free_method}\n\n        internal static {public} __Take_{name}(__{name} value)\n        {{\n{take}\n        }}",
            lower.join("\n"),
            construct(&types, &lift),
            rust = crate::csharp::docs::xml_escape(&self.def.rust_name),
        ))
    }
}

impl Family for Tuple<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(self.mirror(cx))
    }

    /// `global::System.ValueTuple<float, float>`, i.e. `(float, float)`.
    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        let elements = self
            .elements(cx)?
            .into_iter()
            .map(|(_, d)| d.public)
            .collect::<Vec<_>>();
        Ok(value_tuple(&elements))
    }

    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        Ok(self.converted(cx)?.param(name, locals))
    }

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        Ok(self.converted(cx)?.ret())
    }

    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        self.converted(cx)?
            .field("a tuple of data that allocates is a field of a struct that owns data")
    }

    fn data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        let free = self.elements(cx)?.iter().any(|(_, d)| d.free.is_some());
        Ok(DataCodec {
            public: self.public(cx)?,
            abi: self.mirror(cx),
            lower: format!("{}({{v}}, {{a}}, {{n}})", self.helper(cx, "Lower")),
            lift: format!("{}({{p}})", self.helper(cx, "Lift")),
            free: free.then(|| format!("{}({{p}});", self.helper(cx, "Free"))),
        })
    }

    fn tag(&self, cx: &Cx) -> String {
        self.name(cx)
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        let key = format!("__{}", self.name(cx));
        if out.contains_key(&key) {
            return Ok(());
        }
        out.insert(key.clone(), String::new());
        let text = self.helpers(cx, out)?;
        out.insert(key, text);
        Ok(())
    }

    fn collect_public(
        &self,
        cx: &Cx,
        returned: bool,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        for (fam, _) in self.elements(cx)? {
            fam.collect_public(cx, returned, out)?;
        }
        Ok(())
    }
}

impl Definition for TupleDef<'_> {
    fn marshalled_type(&self, cx: &Cx) -> Option<String> {
        Some(
            Tuple {
                def: self.def,
                s: self.s,
            }
            .mirror(cx),
        )
    }

    /// The ABI struct lives in the raw class: no namespace-level name.
    fn top_level_names(&self, _cx: &Cx, _methods: &[&Function]) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Nothing public; an element C# cannot express is reported here, once.
    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        let fam = Tuple {
            def: self.def,
            s: self.s,
        };
        let mut scratch = BTreeMap::new();
        if let Err(p) = fam.collect_codecs(cx, &mut scratch) {
            sink.push(self.def.id.as_str(), p);
        }
        if !methods.is_empty() {
            sink.push(self.def.id.as_str(), Problem::new("a tuple has no methods"));
        }
        Ok(Vec::new())
    }
}
