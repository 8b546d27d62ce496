//! Static classes: the main class (free functions and constants of the crate's top level), one per
//! `#[ffi(module = "…")]`, and the extension-method class of an enum with an `#[ffi] impl`.

use askama::Template;
use interop_core::model::{Constant, Function, Receiver, TypeDef};

use super::{IND_TYPE, constant, method, module_class};
use crate::BackendError;
use crate::csharp::docs::doc_comment;
use crate::csharp::names::{self, Scope, bare, pascal};
use crate::csharp::problems::Problems;
use crate::csharp::templates::ClassTemplate;
use crate::csharp::types::Cx;
use crate::csharp::types::enum_::extensions_class;

/// The main class's event for exceptions thrown by callbacks on threads Rust started.
const UNHANDLED_CALLBACK: &str = r#"        /// <summary>
        /// Raised with an exception a callback threw on a thread the library started, where no call of
        /// these bindings waits to rethrow it (an exception thrown during a call is rethrown by that call).
        /// Handlers run on that thread. Without a handler the exception is written to standard error.
        /// </summary>
        public static event global::System.EventHandler<global::System.UnhandledExceptionEventArgs> UnhandledCallbackException;

        internal static void __OnUnhandledCallbackException(global::System.Exception e)
        {
            global::System.EventHandler<global::System.UnhandledExceptionEventArgs> handler = UnhandledCallbackException;
            if (handler == null)
            {
                global::System.Console.Error.WriteLine("Unhandled exception in a callback on a thread the library started: " + e);
                return;
            }
            handler(null, new global::System.UnhandledExceptionEventArgs(e, false));
        }"#;

/// True for `fn x(&self) -> T`: a getter.
fn is_getter(f: &Function) -> bool {
    f.receiver == Some(Receiver::Ref) && f.params.len() == 1 && !f.returns.is_unit()
}

/// Render `fns` as members of `scope` (each claims its name; problems go to `sink`). A getter named
/// like one of `fields` (`pub width` and `fn width(&self)`, the Rust accessor idiom) is named
/// `GetWidth` (`get_width` with `naming = "rust"`): the field keeps the name.
pub fn methods(
    cx: &Cx,
    sink: &mut Problems,
    scope: &mut Scope,
    fns: &[&Function],
    on_type: bool,
    fields: &[String],
) -> Result<Vec<String>, BackendError> {
    let mut out = Vec::new();
    for f in fns {
        let mut name = scope.member(pascal(&f.name, cx.s.naming));
        if is_getter(f) && fields.iter().any(|field| bare(field) == bare(&name)) {
            name = scope.member(names::getter(&f.name, cx.s.naming));
        }
        let function = format!("{}.{}", scope.owner().unwrap_or_default(), bare(&name));
        let rendered = method::render(cx, sink, f, &name, on_type, &function)?;
        let has_params = rendered
            .as_ref()
            .map_or(!f.params.is_empty(), |m| m.has_params);
        let claimed = scope.claim_method(&name, &format!("method `{}`", f.rust_path), has_params);
        if sink.take(&f.rust_path, claimed).is_some()
            && let Some(m) = rendered
        {
            out.push(m.text);
        }
    }
    Ok(out)
}

/// The static class of `module` (`None`: the main class).
pub fn module(
    cx: &Cx,
    sink: &mut Problems,
    module: Option<&str>,
    fns: &[&Function],
    consts: &[&Constant],
) -> Result<String, BackendError> {
    let (name, doc) = match module {
        None => (
            cx.s.class.clone(),
            format!(
                "Free functions and constants of the Rust library `{}`.",
                cx.s.library
            ),
        ),
        Some(m) => (
            module_class(cx, m),
            format!("Functions and constants of the Rust module `{m}`."),
        ),
    };
    let mut scope = Scope::class(&name, &[]);
    if module.is_none() && cx.callbacks {
        let _ = scope.claim(
            "UnhandledCallbackException",
            "the event of exceptions thrown by callbacks",
        );
    }
    let methods = methods(cx, sink, &mut scope, fns, false, &[])?;
    let mut constants = Vec::new();
    for c in consts {
        // A constant whose PascalCase name is taken by a function (`MIN_I64` and `min_i64` are both
        // `MinI64`) keeps its Rust name.
        let mut cname = scope.member(pascal(&c.name, cx.s.naming));
        if scope.contains(bare(&cname)) {
            cname = scope.member(names::escape(&c.name));
        }
        let claimed = scope.claim(&cname, &format!("constant `{}`", c.rust_path));
        if sink.take(&c.rust_path, claimed).is_none() {
            continue;
        }
        if let Some(view) = sink.take(&c.rust_path, constant::view(cx, c, cname)) {
            constants.push(view);
        }
    }
    let members = if module.is_none() && cx.callbacks {
        vec![UNHANDLED_CALLBACK.to_string()]
    } else {
        Vec::new()
    };
    Ok(ClassTemplate {
        doc: doc_comment(&[doc], "", IND_TYPE),
        access: cx.s.access,
        name,
        constants,
        methods,
        members,
    }
    .render()?)
}

/// The class of extension methods of enum `def`.
pub fn extensions(
    cx: &Cx,
    sink: &mut Problems,
    def: &TypeDef,
    fns: &[&Function],
) -> Result<Vec<String>, BackendError> {
    let name = extensions_class(cx, def);
    let mut scope = Scope::class(&name, &[]);
    let methods = methods(cx, sink, &mut scope, fns, true, &[])?;
    Ok(vec![
        ClassTemplate {
            doc: doc_comment(
                &[format!(
                    "Methods of the enum <see cref=\"{}\"/>.",
                    cx.type_name(def)
                )],
                "",
                IND_TYPE,
            )
            .replace("&lt;see cref=", "<see cref=")
            .replace("\"/&gt;", "\"/>"),
            access: cx.s.access,
            name,
            constants: Vec::new(),
            methods,
            members: Vec::new(),
        }
        .render()?,
    ])
}
