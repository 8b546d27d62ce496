//! Structs holding closures (ADR 30): a sealed C# class with delegate-typed properties (the named
//! delegate, else `Func<…>` / `Action<…>`; `null` for an absent `Option`), crossing as its mirror
//! struct in the raw layer (`<Class>Native.__Handlers`: each closure the `{call, context, drop}` of a
//! kept closure parameter). Passing the object hands each delegate to Rust: the mirror gets a
//! closure slot per delegate (ADR 38) and the shared `drop`, so a delegate lives exactly as long as
//! Rust keeps its closure. Every check and conversion that may throw runs before the first slot is
//! taken.
//! Parameters only: the capability table refuses the other positions.

use std::collections::BTreeMap;

use askama::Template;
use interop_core::model::{CallbackOwnership, Function, StructDef, TypeDef, TypeKind, TypeRef};

use super::callback::Sig;
use super::owned_record::{mirror_fields, properties};
use super::{Conversion, Cx, Definition, Family, ParamSpec, ReturnSpec};
use crate::BackendError;
use crate::csharp::docs::doc_comment;
use crate::csharp::items::{IND_MEMBER, IND_TYPE, class};
use crate::csharp::names::{self, Locals, Scope, camel};
use crate::csharp::problems::{Problem, Problems};

/// True for a struct with a closure field (at any depth).
pub fn holds_closures(cx: &Cx, def: &TypeDef) -> bool {
    crate::common::closures::record_holds_closure(cx.inv, &def.id)
}

/// A struct holding closures, by value.
pub struct ClosureRecord<'a> {
    pub def: &'a TypeDef,
}

/// The declaration of such a struct: its class (its mirror and helper are in the raw layer).
pub struct ClosureRecordDef<'a> {
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

/// One field as C# sees it.
enum FieldForm {
    /// A closure: its delegate type, trampoline class and whether `null` stands for `None`.
    Closure {
        delegate: String,
        trampoline: String,
        nullable: bool,
    },
    /// Any other value: as inside other data.
    Data(super::DataCodec),
}

impl FieldForm {
    fn public(&self) -> &str {
        match self {
            FieldForm::Closure { delegate, .. } => delegate,
            FieldForm::Data(d) => &d.public,
        }
    }
}

fn field_form(cx: &Cx, ty: &TypeRef) -> Result<FieldForm, Problem> {
    match ty {
        TypeRef::Callback(c) if c.ownership != CallbackOwnership::Borrowed => {
            let sig = Sig::of_callback(cx, c);
            Ok(FieldForm::Closure {
                delegate: sig.delegate(cx)?,
                trampoline: format!("{}.{}", cx.s.native_class, sig.trampoline(cx)?),
                nullable: c.nullable,
            })
        }
        _ if crate::common::closures::holds_closure(cx.inv, ty) => Err(Problem::new(
            "a struct of closures inside another struct is not supported yet (ADR 30): put the \
             closures in the outer struct",
        )),
        _ => super::family(cx, ty)?.data(cx).map(FieldForm::Data),
    }
}

fn in_field(f: &interop_core::model::Field, p: Problem) -> Problem {
    Problem::new(format!("field `{}`: {}", f.rust_name, p.message))
}

impl ClosureRecord<'_> {
    fn mirror(&self, cx: &Cx) -> String {
        format!(
            "{}.{}",
            cx.s.native_class,
            super::mirror_ident(&cx.type_name(self.def))
        )
    }

    /// True when a data field converts through the arena (a string or a slice).
    fn arena(&self, cx: &Cx) -> Result<bool, Problem> {
        let s = struct_def(self.def)?;
        for f in &s.fields {
            if let FieldForm::Data(d) = field_form(cx, &f.ty).map_err(|p| in_field(f, p))?
                && d.lower.contains("{a}")
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The mirror struct and the lower helper of the raw layer.
    fn helpers(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<String, Problem> {
        let s = struct_def(self.def)?;
        let name = cx.type_name(self.def);
        let mirror = super::mirror_ident(&name);
        let props = properties(cx, self.def, s);
        let fields = mirror_fields(s);
        let arena = self.arena(cx)?;
        let mut layout = String::new();
        let mut checks = Vec::new();
        let mut data = Vec::new();
        let mut closures = Vec::new();
        for (i, ((f, prop), field)) in s.fields.iter().zip(&props).zip(&fields).enumerate() {
            super::family(cx, &f.ty)
                .and_then(|fam| fam.collect_codecs(cx, out))
                .map_err(|p| in_field(f, p))?;
            match field_form(cx, &f.ty).map_err(|p| in_field(f, p))? {
                FieldForm::Closure {
                    delegate,
                    trampoline,
                    nullable,
                } => {
                    layout.push_str(&format!("            internal __Callback {field};\n"));
                    let local = format!("field{i}");
                    checks.push(format!("            {delegate} {local} = value.{prop};"));
                    if !nullable {
                        checks.push(format!(
                            "            if ({local} == null) throw new global::System.ArgumentNullException(name + \".{}\");",
                            names::bare(prop)
                        ));
                    }
                    let make = format!(
                        "new __Callback({trampoline}.Pointer, __ClosureAlloc({local}), __DropPointer)"
                    );
                    closures.push(if nullable {
                        format!(
                            "            result.{field} = {local} == null ? default(__Callback) : {make};"
                        )
                    } else {
                        format!("            result.{field} = {make};")
                    });
                }
                FieldForm::Data(d) => {
                    layout.push_str(&format!("            internal {} {field};\n", d.abi));
                    data.push(format!(
                        "            result.{field} = {};",
                        d.lower(
                            &format!("value.{prop}"),
                            "arena",
                            &format!("name + \".{}\"", names::bare(prop))
                        )
                    ));
                }
            }
        }
        let arena_param = if arena { ", __Arena arena" } else { "" };
        Ok(format!(
            r#"        /// <summary>
        /// The C layout of <see cref="{name}"/>: each closure a <c>{{call, context, drop}}</c>.
        /// </summary>
        [global::System.Runtime.InteropServices.StructLayout(global::System.Runtime.InteropServices.LayoutKind.Sequential)]
        internal struct {mirror}
        {{
{layout}        }}

        /// <summary>
        /// Converts <paramref name="value"/> for a call that hands its closures to Rust: a closure slot
        /// per delegate, freed by the closure's <c>drop</c> when Rust drops it (also when the call fails).
        /// The slots are taken last, after every check and conversion that may throw.
        /// </summary>
        internal static {mirror} __Lower_{name}({name} value{arena_param}, string name)
        {{
            if (ReferenceEquals(value, null))
            {{
                throw new global::System.ArgumentNullException(name);
            }}
{checks}
            {mirror} result = default({mirror});
{data}{closures}
            return result;
        }}"#,
            checks = checks.join("\n"),
            data = data.iter().map(|l| format!("{l}\n")).collect::<String>(),
            closures = closures.join("\n"),
        ))
    }
}

impl Family for ClosureRecord<'_> {
    fn reference_type(&self) -> bool {
        true
    }

    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(self.mirror(cx))
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(cx.type_name(self.def))
    }

    /// Lowered just before the call, after the other parameters' conversions that may throw: the
    /// handles it makes belong to Rust from then on.
    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let n = &cx.s.native_class;
        let class = cx.type_name(self.def);
        let local = locals.fresh(name);
        let mut conv = Conversion {
            decls: vec![format!("{class} {name}")],
            args: vec![local.clone()],
            ..Conversion::default()
        };
        if self.arena(cx)? {
            let arena = locals.fresh(&format!("{name}Arena"));
            conv.setup
                .push(format!("{n}.__Arena {arena} = new {n}.__Arena();"));
            conv.pinned.push(format!(
                "{} {local} = {n}.__Lower_{class}({name}, {arena}, nameof({name}));",
                self.mirror(cx)
            ));
            conv.cleanup.push(format!("{arena}.Dispose();"));
        } else {
            conv.pinned.push(format!(
                "{} {local} = {n}.__Lower_{class}({name}, nameof({name}));",
                self.mirror(cx)
            ));
        }
        Ok(ParamSpec {
            raw: self.mirror(cx),
            conv,
        })
    }

    fn ret(&self, _cx: &Cx) -> Result<ReturnSpec, Problem> {
        Err(Problem::new(
            "a struct of closures is a parameter only (ADR 30): Rust would hand out its own \
             closures inside data",
        ))
    }

    fn tag(&self, cx: &Cx) -> String {
        cx.type_name(self.def)
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        let key = format!("__{}", cx.type_name(self.def));
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
        _returned: bool,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        for f in &struct_def(self.def)?.fields {
            super::family(cx, &f.ty)?.collect_public(cx, false, out)?;
        }
        Ok(())
    }
}

#[derive(Template)]
#[template(path = "csharp/items/closure_class.cs", escape = "none")]
struct ClassTemplate {
    doc: String,
    access: &'static str,
    name: String,
    fields: Vec<PropertyView>,
    ctor_params: String,
    assigns: Vec<(String, String)>,
    methods: Vec<String>,
}

struct PropertyView {
    doc: String,
    name: String,
    ty: String,
}

impl Definition for ClosureRecordDef<'_> {
    fn marshalled_type(&self, cx: &Cx) -> Option<String> {
        Some(ClosureRecord { def: self.def }.mirror(cx))
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
        let mut scope = Scope::class(&name, &[]);
        let props = properties(cx, self.def, self.s);
        let mut ok = true;
        let mut fields = Vec::new();
        let mut params = Vec::new();
        let mut assigns = Vec::new();
        for (f, prop) in self.s.fields.iter().zip(&props) {
            let what = format!("field `{}` of `{}`", f.rust_name, self.def.id);
            ok &= sink.take(item, scope.claim(prop, &what)).is_some();
            let Some(form) = sink.take(item, field_form(cx, &f.ty).map_err(|p| in_field(f, p)))
            else {
                ok = false;
                continue;
            };
            let param = names::escape(&camel(&f.name, cx.s.naming));
            params.push(format!("{} {param}", form.public()));
            assigns.push((prop.clone(), param));
            let fallback = match &form {
                FieldForm::Closure { nullable: true, .. } => format!(
                    "The Rust field `{}` (a closure; `null` for none).",
                    f.rust_name
                ),
                FieldForm::Closure { .. } => format!(
                    "The Rust field `{}` (a closure; required: a call throws `ArgumentNullException` when it is `null`).",
                    f.rust_name
                ),
                FieldForm::Data(_) => format!("The Rust field `{}`.", f.rust_name),
            };
            fields.push(PropertyView {
                doc: doc_comment(&f.docs, &fallback, IND_MEMBER),
                name: prop.clone(),
                ty: form.public().to_string(),
            });
        }
        let mut scratch = BTreeMap::new();
        if let Err(p) = (ClosureRecord { def: self.def }).collect_codecs(cx, &mut scratch) {
            sink.push(item, p);
            ok = false;
        }
        let field_names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        let methods = class::methods(cx, sink, &mut scope, methods, true, &field_names)?;
        if !ok {
            return Ok(Vec::new());
        }
        let mut doc = doc_comment(
            &self.def.docs,
            &format!("The Rust struct `{}`.", self.def.rust_name),
            IND_TYPE,
        );
        doc.push_str(&format!(
            "{IND_TYPE}/// <remarks>\n{IND_TYPE}/// Passing it hands each delegate to the library, which keeps it alive for as long as it keeps\n{IND_TYPE}/// the closure (until the call returns, or until a service keeping it is reset or disposed); it may\n{IND_TYPE}/// call it from its own threads. The object itself can be reused.\n{IND_TYPE}/// </remarks>\n"
        ));
        Ok(vec![
            ClassTemplate {
                doc,
                access: cx.s.access,
                name,
                fields,
                ctor_params: params.join(", "),
                assigns,
                methods,
            }
            .render()?,
        ])
    }
}
