//! Enums whose variants carry data: an abstract C# class with one sealed nested class per variant
//! (`Shape.Circle`, usable in `switch` type patterns), value equality (`Equals`, `GetHashCode`,
//! `==`, `!=`) and `ToString`. The value crosses as its mirror struct in the raw layer
//! (`<Native>.__Shape`: the tag at offset 0, every variant's fields at their offsets in the union,
//! explicit layout), converted like a record that owns data: an argument is lowered into unmanaged
//! memory freed after the call, a returned one lifted into a new object, then what the library
//! allocated is freed (also when lifting throws).

use std::collections::BTreeMap;

use interop_core::model::{DataEnumDef, DataVariant, PointerKind, TypeDef, TypeRef};

use super::{Conversion, Cx, DataCodec, Family, FieldShape, ParamSpec, ReceiverSpec, ReturnSpec};
use crate::csharp::names::{self, Locals, Scope, pascal};
use crate::csharp::problems::Problem;

mod definition;

pub use definition::DataEnumDefinition;

/// A data enum by value (or behind a reference, converted both ways).
pub struct DataEnum<'a> {
    pub def: &'a TypeDef,
    pub data: &'a DataEnumDef,
}

/// The C# names of a data enum: its class, the nested class of each variant and the property of
/// each field (`Value` for a tuple variant's only field, `Item1`, `Item2` … for several).
struct Names {
    class: String,
    variants: Vec<String>,
    properties: Vec<Vec<String>>,
}

fn names(cx: &Cx, def: &TypeDef, e: &DataEnumDef) -> Names {
    let class = cx.type_name(def);
    let variants = e
        .variants
        .iter()
        .map(|v| names::member(&class, pascal(&v.name, cx.s.naming)))
        .collect::<Vec<_>>();
    let properties = e
        .variants
        .iter()
        .zip(&variants)
        .map(|(v, vclass)| {
            let scope = Scope::class(vclass, &[]);
            v.fields
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let raw = match (v.tuple, v.fields.len()) {
                        (true, 1) => "Value".to_string(),
                        (true, _) => format!("Item{}", i + 1),
                        (false, _) => pascal(&f.name, cx.s.naming),
                    };
                    scope.member(raw)
                })
                .collect()
        })
        .collect();
    Names {
        class,
        variants,
        properties,
    }
}

/// One variant as the raw layer writes it: its tag, its C# class (`Token.Word`) and, per field,
/// the field, its C# property and the mirror field holding it.
pub struct VariantMembers<'a> {
    pub value: i128,
    pub class: String,
    pub fields: Vec<(&'a interop_core::model::Field, String, String)>,
}

/// The variants of data enum `def` (for the slot writers of closures, ADR 63).
pub fn variant_members<'a>(cx: &Cx, def: &TypeDef, e: &'a DataEnumDef) -> Vec<VariantMembers<'a>> {
    let n = names(cx, def, e);
    e.variants
        .iter()
        .zip(n.variants)
        .zip(n.properties)
        .map(|((v, vclass), props)| VariantMembers {
            value: v.value,
            class: format!("{}.{vclass}", n.class),
            fields: v
                .fields
                .iter()
                .zip(props)
                .map(|(f, prop)| (f, prop, mirror_field(v, f)))
                .collect(),
        })
        .collect()
}

/// The field of the mirror holding field `f` of variant `v` (`Circle_0`, `Rect_min`).
fn mirror_field(v: &DataVariant, f: &interop_core::model::Field) -> String {
    format!("{}_{}", v.rust_name, f.rust_name.trim_start_matches('_'))
}

impl DataEnum<'_> {
    fn class(&self, cx: &Cx) -> String {
        cx.type_name(self.def)
    }

    fn mirror(&self, cx: &Cx) -> String {
        format!(
            "{}.{}",
            cx.s.native_class,
            super::mirror_ident(&self.class(cx))
        )
    }

    fn owns(&self, cx: &Cx) -> bool {
        cx.inv
            .owns_data(&TypeRef::named(self.def.id.clone()))
            .unwrap_or(false)
    }

    /// The mirror struct and the lower / lift / load / free / take helpers of the raw layer.
    fn helpers(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<String, Problem> {
        let e = self.data;
        let n = names(cx, self.def, e);
        let name = &n.class;
        let mirror = super::mirror_ident(name);
        let tag = super::primitive::Prim(e.tag).storage(cx)?;
        let mut layout = vec![format!(
            "            [global::System.Runtime.InteropServices.FieldOffset(0)]\n            internal {tag} tag;"
        )];
        let mut lower = Vec::new();
        let mut lift = Vec::new();
        let mut free = Vec::new();
        for ((v, vclass), props) in e.variants.iter().zip(&n.variants).zip(&n.properties) {
            let local = format!("__v{}", v.value);
            let mut lowers = vec![format!("                result.tag = {};", v.value)];
            let mut lifts = Vec::new();
            let mut frees = Vec::new();
            for (f, prop) in v.fields.iter().zip(props) {
                let what = |p: Problem| {
                    Problem::new(format!(
                        "field `{}.{}`: {}",
                        v.rust_name, f.rust_name, p.message
                    ))
                };
                let fam = super::family(cx, &f.ty).map_err(what)?;
                fam.collect_codecs(cx, out)?;
                let d = fam.data(cx).map_err(what)?;
                let field = mirror_field(v, f);
                layout.push(format!(
                    "            [global::System.Runtime.InteropServices.FieldOffset({})]\n            internal {} {field};",
                    e.body_offset + f.offset,
                    d.abi
                ));
                lowers.push(format!(
                    "                result.{field} = {};",
                    d.lower(&format!("{local}.{prop}"), "arena", "name")
                ));
                lifts.push(d.lift(&format!("(&value->{field})")));
                if let Some(fr) = d.free(&format!("(&value->{field})")) {
                    frees.push(format!("                    {fr}"));
                }
            }
            lower.push(format!(
                "            {name}.{vclass} {local} = value as {name}.{vclass};\n            if (!ReferenceEquals({local}, null))\n            {{\n{}\n                return result;\n            }}",
                lowers.join("\n")
            ));
            lift.push(format!(
                "                case {}:\n                    return new {name}.{vclass}({});",
                v.value,
                lifts.join(", ")
            ));
            if !frees.is_empty() {
                free.push(format!(
                    "                case {}:\n{}\n                    break;",
                    v.value,
                    frees.join("\n")
                ));
            }
        }
        let free_method = if free.is_empty() {
            String::new()
        } else {
            format!(
                "\n\n        internal static void __Free_{name}({mirror}* value)\n        {{\n            switch (value->tag)\n            {{\n{}\n            }}\n        }}",
                free.join("\n")
            )
        };
        let take = if free.is_empty() {
            format!("            return __Lift_{name}(&value);")
        } else {
            format!(
                "            try\n            {{\n                return __Lift_{name}(&value);\n            }}\n            finally\n            {{\n                __Free_{name}(&value);\n            }}"
            )
        };
        Ok(format!(
            "        /// <summary>\n        /// The C layout of <see cref=\"{name}\"/>: the tag, then the variants' fields in a union.\n        /// </summary>\n        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Explicit, Size = {size})]\n        internal struct {mirror}\n        {{\n{layout}\n        }}\n\n        internal static {mirror} __Lower_{name}({name} value, __Arena arena, string name)\n        {{\n            if (ReferenceEquals(value, null))\n            {{\n                throw new global::System.ArgumentNullException(name);\n            }}\n            {mirror} result = default({mirror});\n{lower}\n            throw new global::System.ArgumentException(\"not a variant of {name}\", name);\n        }}\n\n        internal static {name} __Lift_{name}({mirror}* value)\n        {{\n            switch (value->tag)\n            {{\n{lift}\n                default:\n                    throw new global::System.InvalidOperationException(\"the library returned an invalid {name} tag\");\n            }}\n        }}\n\n        internal static {name} __Load_{name}({mirror} value)\n        {{\n            return __Lift_{name}(&value);\n        }}{free_method}\n\n        internal static {name} __Take_{name}({mirror} value)\n        {{\n{take}\n        }}",
            size = self.def.size,
            layout = layout.join("\n"),
            lower = lower.join("\n"),
            lift = lift.join("\n"),
        ))
    }

    /// A lowered copy of `name` in a local of the raw layer (`null` stays a NULL pointer when
    /// `nullable`), its address the argument; `mutable` writes the callee's changes back.
    fn reference_param(
        &self,
        cx: &Cx,
        name: &str,
        nullable: bool,
        mutable: bool,
        locals: &mut Locals,
    ) -> Conversion {
        let nat = &cx.s.native_class;
        let class = self.class(cx);
        let mirror = self.mirror(cx);
        let arena = locals.fresh(&format!("{name}Arena"));
        let local = locals.fresh(name);
        let ptr = locals.fresh(&format!("{name}Ptr"));
        let lower = format!("{nat}.__Lower_{class}({name}, {arena}, nameof({name}))");
        // Declared before the `try` (the write-back after the call reads them), filled inside it.
        let setup = vec![
            format!("{nat}.__Arena {arena} = new {nat}.__Arena();"),
            format!("{mirror} {local} = default({mirror});"),
            format!("{mirror}* {ptr} = null;"),
        ];
        let pinned = if nullable {
            vec![
                format!("if (!ReferenceEquals({name}, null))"),
                "{".to_string(),
                format!("    {local} = {lower};"),
                format!("    {ptr} = &{local};"),
                "}".to_string(),
            ]
        } else {
            vec![format!("{local} = {lower};"), format!("{ptr} = &{local};")]
        };
        let after = if mutable {
            let back = format!("{name} = {nat}.__Lift_{class}({ptr});");
            if nullable {
                vec![
                    format!("if ({ptr} != null)"),
                    "{".into(),
                    format!("    {back}"),
                    "}".into(),
                ]
            } else {
                vec![back]
            }
        } else {
            Vec::new()
        };
        let decl = if mutable {
            format!("ref {class} {name}")
        } else {
            format!("{class} {name}")
        };
        Conversion {
            decls: vec![decl],
            setup,
            pinned,
            args: vec![ptr],
            after,
            cleanup: vec![format!("{arena}.Dispose();")],
            ..Conversion::default()
        }
    }
}

impl Family for DataEnum<'_> {
    fn reference_type(&self) -> bool {
        true
    }

    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(self.mirror(cx))
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(self.class(cx))
    }

    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let nat = &cx.s.native_class;
        let class = self.class(cx);
        let arena = locals.fresh(&format!("{name}Arena"));
        let local = locals.fresh(name);
        Ok(ParamSpec {
            raw: self.mirror(cx),
            conv: Conversion {
                decls: vec![format!("{class} {name}")],
                setup: vec![format!("{nat}.__Arena {arena} = new {nat}.__Arena();")],
                pinned: vec![format!(
                    "{} {local} = {nat}.__Lower_{class}({name}, {arena}, nameof({name}));",
                    self.mirror(cx)
                )],
                args: vec![local],
                cleanup: vec![format!("{arena}.Dispose();")],
                ..Conversion::default()
            },
        })
    }

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let class = self.class(cx);
        Ok(ReturnSpec::direct(
            class.clone(),
            self.mirror(cx),
            format!("{}.__Take_{class}(__ret)", cx.s.native_class),
        ))
    }

    /// A field of a C-compatible record (the enum's payloads are C-compatible too): the mirror,
    /// behind a property of the class.
    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        let nat = &cx.s.native_class;
        let class = self.class(cx);
        Ok(FieldShape::Converted {
            public: class.clone(),
            storage: self.mirror(cx),
            get: format!("{nat}.__Load_{class}({{}})"),
            set: format!("{nat}.__Lower_{class}(value, null, \"value\")"),
        })
    }

    fn pointer_param(
        &self,
        cx: &Cx,
        name: &str,
        kind: PointerKind,
        mutable: bool,
        locals: &mut Locals,
    ) -> Result<Option<Conversion>, Problem> {
        match kind {
            PointerKind::Reference => {
                Ok(Some(self.reference_param(cx, name, false, mutable, locals)))
            }
            PointerKind::NullableReference => {
                Ok(Some(self.reference_param(cx, name, true, mutable, locals)))
            }
            _ => Err(Problem::new(format!(
                "a raw pointer to the enum with data `{}` has no C# form; take `&{0}` or `&mut {0}`",
                self.def.name
            ))),
        }
    }

    fn receiver(&self, _cx: &Cx, _locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        Err(Problem::new(
            "methods on an enum with data are not supported in C# yet; use a free function",
        ))
    }

    fn data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        let nat = &cx.s.native_class;
        let class = self.class(cx);
        Ok(DataCodec {
            public: class.clone(),
            abi: self.mirror(cx),
            lower: format!("{nat}.__Lower_{class}({{v}}, {{a}}, {{n}})"),
            lift: format!("{nat}.__Lift_{class}({{p}})"),
            free: self
                .owns(cx)
                .then(|| format!("{nat}.__Free_{class}({{p}});")),
        })
    }

    fn tag(&self, cx: &Cx) -> String {
        self.class(cx)
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        let key = format!("__{}", self.class(cx));
        if out.contains_key(&key) {
            return Ok(());
        }
        // Reserved first: a variant holding a vector of this enum ends the recursion here.
        out.insert(key.clone(), String::new());
        let text = self.helpers(cx, out)?;
        out.insert(key, text);
        Ok(())
    }
}
