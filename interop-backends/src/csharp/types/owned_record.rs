//! Structs that own data (`String`, `Vec<T>` fields) or hold views (`&str`, `&[T]` fields): a sealed
//! C# class with `string` / array properties, value equality and `ToString`, crossing as its mirror
//! struct in the raw layer (`<Class>Native.__Person`, each field in its ABI form). An argument is
//! converted into unmanaged memory freed after the call; a returned one is copied into a new object,
//! then what the library allocated is freed (also when copying throws).

use std::collections::BTreeMap;

use askama::Template;
use interop_core::model::{Function, StructDef, TypeDef, TypeKind, TypeRef};

use super::{Conversion, Cx, DataCodec, Definition, Family, ParamSpec, ReceiverSpec, ReturnSpec};
use crate::BackendError;
use crate::csharp::docs::doc_comment;
use crate::csharp::items::{IND_MEMBER, IND_TYPE, class};
use crate::csharp::names::{self, Locals, Scope, camel, pascal};
use crate::csharp::problems::{Problem, Problems};

/// True for a struct that owns data or holds views (it gets a class and a mirror).
pub fn owns_or_views(cx: &Cx, def: &TypeDef) -> bool {
    let ty = TypeRef::named(def.id.clone());
    cx.inv.owns_data(&ty).unwrap_or(false) || cx.inv.holds_views(&ty).unwrap_or(false)
}

/// A struct that owns data or holds views, by value.
pub struct OwnedRecord<'a> {
    pub def: &'a TypeDef,
}

/// The declaration of such a struct: its class (its mirror and helpers are in the raw layer).
pub struct OwnedRecordDef<'a> {
    pub def: &'a TypeDef,
    pub s: &'a StructDef,
}

fn struct_def(def: &TypeDef) -> Result<&StructDef, Problem> {
    match &def.kind {
        TypeKind::Struct(s) => Ok(s),
        _ => Err(Problem::new(format!(
            "invalid inventory: `{}` is not a struct",
            def.id
        ))),
    }
}

/// The public property of each field (`Name`, `Tags`).
pub(crate) fn properties(cx: &Cx, def: &TypeDef, s: &StructDef) -> Vec<String> {
    let scope = Scope::class(&cx.type_name(def), &[]);
    s.fields
        .iter()
        .map(|f| scope.member(pascal(&f.name, cx.s.naming)))
        .collect()
}

/// The field of each field in the mirror struct (the Rust name, escaped).
pub(crate) fn mirror_fields(s: &StructDef) -> Vec<String> {
    s.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            if s.tuple {
                format!("_{i}")
            } else {
                names::escape(&f.rust_name)
            }
        })
        .collect()
}

impl OwnedRecord<'_> {
    fn mirror(&self, cx: &Cx) -> String {
        format!(
            "{}.{}",
            cx.s.native_class,
            super::mirror_ident(&cx.type_name(self.def))
        )
    }

    fn owns(&self, cx: &Cx) -> bool {
        cx.inv
            .owns_data(&TypeRef::named(self.def.id.clone()))
            .unwrap_or(false)
    }

    /// The mirror struct and the lower / lift / free / take helpers of the raw layer.
    fn helpers(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<String, Problem> {
        let s = struct_def(self.def)?;
        let name = cx.type_name(self.def);
        let mirror = super::mirror_ident(&name);
        let props = properties(cx, self.def, s);
        let fields = mirror_fields(s);
        let mut layout = String::new();
        let mut lower = Vec::new();
        let mut lift = Vec::new();
        let mut free = Vec::new();
        for ((f, prop), field) in s.fields.iter().zip(&props).zip(&fields) {
            let fam = super::family(cx, &f.ty)
                .map_err(|p| Problem::new(format!("field `{}`: {}", f.rust_name, p.message)))?;
            fam.collect_codecs(cx, out)?;
            let d = fam
                .data(cx)
                .map_err(|p| Problem::new(format!("field `{}`: {}", f.rust_name, p.message)))?;
            layout.push_str(&format!("            internal {} {field};\n", d.abi));
            let lowered = d.lower(&format!("value.{prop}"), "arena", "name");
            // A conversion that can throw names its field first (`__Inside` puts it in the path).
            if lowered.contains("__Lower") {
                lower.push(format!("                step = \".{}\";", f.rust_name));
            }
            lower.push(format!("                result.{field} = {lowered};"));
            lift.push(d.lift(&format!("(&value->{field})")));
            if let Some(f) = d.free(&format!("(&value->{field})")) {
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
                "\n\n        internal static void __Free_{name}({mirror}* value)\n        {{\n{}\n        }}",
                free.join("\n")
            )
        };
        Ok(format!(
            "        /// <summary>\n        /// The C layout of <see cref=\"{name}\"/>: each field in its ABI form.\n        /// </summary>\n        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]\n        internal struct {mirror}\n        {{\n{layout}        }}\n\n        internal static {mirror} __Lower_{name}({name} value, __Arena arena, string name)\n        {{\n            if (ReferenceEquals(value, null))\n            {{\n                throw new global::System.ArgumentNullException(name);\n            }}\n            {mirror} result = default({mirror});\n            string step = null;\n            try\n            {{\n{}\n            }}\n            catch (global::System.ArgumentException e) when (step != null)\n            {{\n                throw __Inside(e, step, name);\n            }}\n            return result;\n        }}\n\n        internal static {name} __Lift_{name}({mirror}* value)\n        {{\n            return new {name}({});\n        }}{free_method}\n\n        internal static {name} __Take_{name}({mirror} value)\n        {{\n{take}\n        }}",
            lower.join("\n"),
            lift.join(", ")
        ))
    }
}

impl Family for OwnedRecord<'_> {
    fn reference_type(&self) -> bool {
        true
    }

    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(self.mirror(cx))
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(cx.type_name(self.def))
    }

    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let n = &cx.s.native_class;
        let class = cx.type_name(self.def);
        let arena = locals.fresh(&format!("{name}Arena"));
        let local = locals.fresh(name);
        Ok(ParamSpec {
            raw: self.mirror(cx),
            conv: Conversion {
                decls: vec![format!("{class} {name}")],
                setup: vec![format!("{n}.__Arena {arena} = new {n}.__Arena();")],
                pinned: vec![format!(
                    "{} {local} = {n}.__Lower_{class}({name}, {arena}, nameof({name}));",
                    self.mirror(cx)
                )],
                args: vec![local],
                cleanup: vec![format!("{arena}.Dispose();")],
                ..Conversion::default()
            },
        })
    }

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let class = cx.type_name(self.def);
        Ok(ReturnSpec::direct(
            class.clone(),
            self.mirror(cx),
            format!("{}.__Take_{class}(__ret)", cx.s.native_class),
        ))
    }

    /// `self` by value: the object converted like an argument.
    fn receiver(&self, cx: &Cx, locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        let n = &cx.s.native_class;
        let class = cx.type_name(self.def);
        let arena = locals.fresh("selfArena");
        let local = locals.fresh("self");
        Ok(ReceiverSpec {
            instance: true,
            conv: Conversion {
                setup: vec![format!("{n}.__Arena {arena} = new {n}.__Arena();")],
                pinned: vec![format!(
                    "{} {local} = {n}.__Lower_{class}(this, {arena}, \"this\");",
                    self.mirror(cx)
                )],
                args: vec![local],
                cleanup: vec![format!("{arena}.Dispose();")],
                ..Conversion::default()
            },
        })
    }

    fn data(&self, cx: &Cx) -> Result<DataCodec, Problem> {
        let n = &cx.s.native_class;
        let class = cx.type_name(self.def);
        Ok(DataCodec {
            public: class.clone(),
            abi: self.mirror(cx),
            lower: format!("{n}.__Lower_{class}({{v}}, {{a}}, {{n}})"),
            lift: format!("{n}.__Lift_{class}({{p}})"),
            free: self.owns(cx).then(|| format!("{n}.__Free_{class}({{p}});")),
        })
    }

    fn tag(&self, cx: &Cx) -> String {
        cx.type_name(self.def)
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        let key = format!("__{}", cx.type_name(self.def));
        if out.contains_key(&key) {
            return Ok(());
        }
        // Reserved first: a field holding a vector of this struct ends the recursion here.
        out.insert(key.clone(), String::new());
        let text = self.helpers(cx, out)?;
        out.insert(key, text);
        Ok(())
    }
}

#[derive(Template)]
#[template(path = "csharp/items/owned_class.cs", escape = "none")]
struct ClassTemplate {
    doc: String,
    access: &'static str,
    name: String,
    fields: Vec<PropertyView>,
    ctor_params: String,
    assigns: Vec<(String, String)>,
    /// The parameterless constructor (strings and arrays empty) when there are fields, with its
    /// blank line: what an object initializer (`new Person { Name = "a" }`) starts from.
    defaults: String,
    equals: String,
    hashes: Vec<String>,
    show: String,
    methods: Vec<String>,
}

struct PropertyView {
    doc: String,
    name: String,
    ty: String,
    /// What the parameterless constructor sets it to ([`empty_value`]); `None`: the type's default.
    empty: Option<String>,
}

impl Definition for OwnedRecordDef<'_> {
    fn marshalled_type(&self, cx: &Cx) -> Option<String> {
        Some(OwnedRecord { def: self.def }.mirror(cx))
    }

    fn top_level_names(&self, cx: &Cx, _methods: &[&Function]) -> Vec<(String, String)> {
        vec![(cx.type_name(self.def), format!("type `{}`", self.def.id))]
    }

    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        let item = self.def.id.as_str();
        let name = cx.type_name(self.def);
        let n = &cx.s.native_class;
        let mut scope = Scope::class(&name, &[]);
        let props = properties(cx, self.def, self.s);
        let mut ok = true;
        let mut fields = Vec::new();
        let mut params = Vec::new();
        let mut assigns = Vec::new();
        for (f, prop) in self.s.fields.iter().zip(&props) {
            let what = format!("field `{}` of `{}`", f.rust_name, self.def.id);
            ok &= sink.take(item, scope.claim(prop, &what)).is_some();
            let data = super::family(cx, &f.ty)
                .and_then(|fam| fam.data(cx))
                .map_err(|p| Problem {
                    message: format!("field `{}`: {}", f.rust_name, p.message),
                    ..p
                });
            let Some(data) = sink.take(item, data) else {
                ok = false;
                continue;
            };
            let param = names::escape(&camel(&f.name, cx.s.naming));
            params.push(format!("{} {param}", data.public));
            assigns.push((prop.clone(), param));
            fields.push(PropertyView {
                doc: doc_comment(
                    &f.docs,
                    &format!("The Rust field `{}`.", f.rust_name),
                    IND_MEMBER,
                ),
                name: prop.clone(),
                // An `Option<String>` / `Option<Vec<T>>` left unset is `None` (`null`), not
                // `Some` of an empty value.
                empty: match f.ty {
                    TypeRef::Option(_) => None,
                    _ => empty_value(&data.public),
                },
                ty: data.public,
            });
        }
        // The mirror and its helpers must be well-formed too (every field has a form inside data).
        let mut scratch = BTreeMap::new();
        if let Err(p) = (OwnedRecord { def: self.def }).collect_codecs(cx, &mut scratch) {
            sink.push(item, p);
            ok = false;
        }
        let field_names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        let methods = class::methods(cx, sink, &mut scope, methods, true, &field_names)?;
        if !ok {
            return Ok(Vec::new());
        }
        let equals = if props.is_empty() {
            "true".to_string()
        } else {
            props
                .iter()
                .map(|p| format!("{n}.__Eq(this.{p}, other.{p})"))
                .collect::<Vec<_>>()
                .join(" && ")
        };
        let show = props
            .iter()
            .map(|p| format!("\"{} = \" + {n}.__Show(this.{p})", names::bare(p)))
            .collect::<Vec<_>>()
            .join(" + \", \" + ");
        let defaults = parameterless(&name, &fields);
        Ok(vec![
            ClassTemplate {
                doc: doc_comment(
                    &self.def.docs,
                    &format!("The Rust struct `{}`.", self.def.rust_name),
                    IND_TYPE,
                ),
                access: cx.s.access,
                hashes: props
                    .iter()
                    .map(|p| format!("{n}.__Hash(this.{p})"))
                    .collect(),
                name,
                fields,
                ctor_params: params.join(", "),
                defaults,
                assigns,
                equals,
                show: if show.is_empty() { "\"\"".into() } else { show },
                methods,
            }
            .render()?,
        ])
    }
}

/// The empty value a parameterless constructor gives a property of C# type `ty`: `""` for a
/// string, an empty array for an array; `None` (the type's default: zero, false, null) otherwise,
/// and for an `Option` of either (`null` is its `None`).
fn empty_value(ty: &str) -> Option<String> {
    if ty == "string" {
        return Some("\"\"".into());
    }
    ty.strip_suffix("[]")
        .map(|element| format!("global::System.Array.Empty<{element}>()"))
}

/// The parameterless constructor of a class with fields (nothing for one without: its only
/// constructor has no parameters already).
fn parameterless(name: &str, fields: &[PropertyView]) -> String {
    if fields.is_empty() {
        return String::new();
    }
    let assigns: String = fields
        .iter()
        .filter_map(|f| {
            f.empty
                .as_ref()
                .map(|v| format!("\n            this.{} = {v};", f.name))
        })
        .collect();
    format!(
        "        /// <summary>\n        /// Creates a <c>{name}</c> with empty strings and arrays and every other field at its \
         default\n        /// (zero, <c>false</c>, <c>null</c>): set the properties, e.g. with an object initializer. A\n        \
         /// <c>null</c> left in a string, array or class field is refused when the value is passed\n        \
         /// (<see cref=\"System.ArgumentNullException\"/> naming its path).\n        /// </summary>\n        \
         public {name}()\n        {{{assigns}\n        }}\n\n"
    )
}
