//! A record: a `[StructLayout(Sequential)]` struct (`Pack = 1` when packed) with its fields as the
//! families declare them (plain, converted through a backing field, fixed buffers with accessors), a
//! constructor from every field, and its methods.

use askama::Template;
use interop_core::model::{Field, Function, TypeDef};

use super::{IND_MEMBER, IND_TYPE, class};
use crate::BackendError;
use crate::csharp::Naming;
use crate::csharp::docs::doc_comment;
use crate::csharp::names::{Scope, bare, camel, pascal};
use crate::csharp::problems::{Problem, Problems};
use crate::csharp::templates::{BackingView, CtorView, FieldView, StructTemplate};
use crate::csharp::types::{Cx, FieldShape, family};

/// The private field behind the public member of Rust field `name` (`_flag`; `__flag` in rust naming).
fn backing_name(cx: &Cx, name: &str) -> String {
    match cx.s.naming {
        Naming::Idiomatic => format!("_{}", bare(&camel(name, cx.s.naming))),
        Naming::Rust => format!("__{name}"),
    }
}

/// The struct declaration (nothing when it has problems, recorded in `sink`).
pub fn render(
    cx: &Cx,
    sink: &mut Problems,
    def: &TypeDef,
    fields: &[Field],
    packed: bool,
    methods: &[&Function],
) -> Result<Option<String>, BackendError> {
    let item = def.id.as_str();
    let name = cx.type_name(def);
    let mut ok = true;
    if def.size == 0 {
        sink.push(
            item,
            Problem::new(format!(
                "struct `{}` has size 0, which C# cannot express",
                def.name
            ))
            .fix("give it a field, or make it #[ffi(opaque)]"),
        );
        ok = false;
    }
    let mut scope = Scope::class(&name, &[]);
    let mut views = Vec::new();
    let mut ctor_params = Vec::new();
    let mut assigns = Vec::new();
    let mut has_array = false;
    for f in fields {
        let fname = scope.member(pascal(&f.name, cx.s.naming));
        let what = format!("field `{}` of `{}`", f.rust_name, def.id);
        ok &= sink.take(item, scope.claim(&fname, &what)).is_some();
        let shape = family(cx, &f.ty)
            .and_then(|fam| fam.field(cx))
            .map_err(|p| Problem {
                message: format!("field `{}`: {}", f.rust_name, p.message),
                ..p
            });
        let Some(shape) = sink.take(item, shape) else {
            ok = false;
            continue;
        };
        let mut view = FieldView {
            doc: doc_comment(
                &f.docs,
                &format!("The Rust field `{}`.", f.rust_name),
                IND_MEMBER,
            ),
            name: fname.clone(),
            ty: String::new(),
            backing: None,
            fixed: None,
        };
        match shape {
            FieldShape::Plain { ty } => view.ty = ty,
            FieldShape::Converted {
                public,
                storage,
                get,
                set,
            } => {
                let backing = backing_name(cx, &f.name);
                ok &= sink.take(item, scope.claim(&backing, &what)).is_some();
                view.ty = public;
                view.backing = Some(BackingView {
                    storage,
                    get: get.replace("{}", &backing),
                    set,
                    name: backing,
                });
            }
            FieldShape::Fixed(mut fixed) => {
                has_array = true;
                fixed.buffer = if fixed.public_buffer {
                    fname.clone()
                } else {
                    let buffer = backing_name(cx, &f.name);
                    ok &= sink.take(item, scope.claim(&buffer, &what)).is_some();
                    buffer
                };
                fixed.getter = format!("Get{}", bare(&fname));
                fixed.setter = format!("Set{}", bare(&fname));
                ok &= sink.take(item, scope.claim(&fixed.getter, &what)).is_some();
                ok &= sink.take(item, scope.claim(&fixed.setter, &what)).is_some();
                view.ty = fixed.public.clone();
                view.fixed = Some(*fixed);
            }
        }
        if !has_array {
            let p = camel(&f.name, cx.s.naming);
            ctor_params.push(format!("{} {p}", view.ty));
            assigns.push((format!("this.{fname}"), p));
        }
        views.push(view);
    }
    let field_names: Vec<String> = views.iter().map(|v| v.name.clone()).collect();
    let methods = class::methods(cx, sink, &mut scope, methods, true, &field_names)?;
    if !ok {
        return Ok(None);
    }
    let ctor = if has_array || fields.is_empty() {
        None
    } else {
        Some(CtorView {
            doc: doc_comment(
                &[format!("Creates a `{name}` from the values of its fields.")],
                "",
                IND_MEMBER,
            ),
            params: ctor_params.join(", "),
            assigns,
        })
    };
    Ok(Some(
        StructTemplate {
            doc: doc_comment(
                &def.docs,
                &format!("The Rust struct `{}`.", def.rust_name),
                IND_TYPE,
            ),
            access: cx.s.access,
            name,
            packed,
            fields: views,
            ctor,
            methods,
        }
        .render()?,
    ))
}
