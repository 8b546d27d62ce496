//! One public method: the conversions of its receiver, parameters and return value around the call of
//! the raw import, and the panic check.

use askama::Template;
use interop_core::model::{Function, FunctionKind, Param};

use super::IND_MEMBER;
use crate::BackendError;
use crate::csharp::docs::doc_comment;
use crate::csharp::names::{self, Locals, Scope, camel};
use crate::csharp::problems::{Problem, Problems};
use crate::csharp::templates::MethodTemplate;
use crate::csharp::types::call::{Arg, Call, lower};
use crate::csharp::types::{Conversion, Cx, ParamSpec, ReturnSpec, family};

/// A rendered method and what its class needs to know of it.
pub struct Method {
    pub text: String,
    /// True when the public signature declares parameters.
    pub has_params: bool,
    /// The parameter declarations (an overload differs in them).
    pub decls: Vec<String>,
    /// The exceptions its documentation lists (`cref`, when).
    pub throws: Vec<(String, String)>,
}

/// The name of the raw import of `f`.
pub fn raw_name(f: &Function) -> String {
    names::escape(&f.symbol)
}

/// The parameter conversion of `p`, problems naming the parameter.
fn param_spec(
    cx: &Cx,
    p: &Param,
    public_name: &str,
    locals: &mut Locals,
) -> Result<ParamSpec, Problem> {
    family(cx, &p.ty)
        .and_then(|fam| fam.param(cx, public_name, locals))
        .map_err(|e| in_part(&format!("parameter `{}`", p.name), e))
}

/// The return conversion of `f`, problems naming the return type.
fn return_spec(cx: &Cx, f: &Function) -> Result<ReturnSpec, Problem> {
    family(cx, &f.returns)
        .and_then(|fam| fam.ret(cx))
        .map_err(|e| in_part("return type", e))
}

fn in_part(part: &str, p: Problem) -> Problem {
    Problem {
        message: format!("{part}: {}", p.message),
        ..p
    }
}

pub fn doc(cx: &Cx, f: &Function, throws: &[(String, String)]) -> String {
    let mut docs = f.docs.clone();
    if docs.is_empty() {
        docs.push(format!("Calls `{}`.", f.symbol));
    }
    let mut out = doc_comment(&docs, "", IND_MEMBER);
    if f.kind == FunctionKind::Destructor {
        out.push_str(&format!(
            "{IND_MEMBER}/// <exception cref=\"System.ObjectDisposedException\">The handle was already \
             destroyed.</exception>\n"
        ));
    }
    for (cref, when) in throws {
        out.push_str(&format!(
            "{IND_MEMBER}/// <exception cref=\"{cref}\">{when}</exception>\n"
        ));
    }
    out.push_str(&format!(
        "{IND_MEMBER}/// <exception cref=\"{}\">The Rust function panicked.</exception>\n",
        cx.s.exception
    ));
    out
}

/// A function's call, lowered: what both its method and its raw import are made of.
pub struct Built {
    pub call: Call,
    pub ret: ReturnSpec,
    /// False for an instance method (the receiver is `this`).
    pub is_static: bool,
}

/// Lower the call of `f`; `on_type`: it is rendered inside its owner type (so its receiver, if any,
/// is `this` or the extended value). `None` when it has problems (recorded in `sink`).
pub fn build(
    cx: &Cx,
    sink: &mut Problems,
    f: &Function,
    method_name: &str,
    on_type: bool,
) -> Result<Option<Built>, BackendError> {
    let item = f.rust_path.as_str();
    let has_receiver = on_type && f.receiver.is_some();
    let (receiver, params) = match (has_receiver, f.params.split_first()) {
        (true, Some((first, rest))) => (Some(first), rest),
        (true, None) => {
            return Err(BackendError::Other(format!(
                "invalid inventory: method `{}` has a receiver but no parameters",
                f.name
            )));
        }
        (false, _) => (None, f.params.as_slice()),
    };

    let public_names: Vec<String> = params.iter().map(|p| camel(&p.name, cx.s.naming)).collect();
    let mut scope = Scope::parameters(method_name);
    let mut ok = true;
    for (p, public) in params.iter().zip(&public_names) {
        ok &= sink
            .take(
                item,
                scope.claim(public, &format!("parameter `{}`", p.name)),
            )
            .is_some();
    }
    let mut locals = Locals::new(public_names.iter().map(String::as_str));

    let ret = sink.take(item, return_spec(cx, f));
    let mut args = Vec::new();
    let mut is_static = true;
    if let Some(receiver) = receiver {
        let spec = family(cx, &receiver.ty)
            .and_then(|fam| Ok((fam.raw(cx)?, fam.receiver(cx, &mut locals)?)))
            .map_err(|e| in_part("receiver", e));
        match sink.take(item, spec) {
            Some((raw, spec)) => {
                is_static = !spec.instance;
                args.push(Arg {
                    ty: &receiver.ty,
                    raw,
                    raw_name: names::escape(&receiver.name),
                    conv: spec.conv,
                });
            }
            None => ok = false,
        }
    }
    for (i, (p, public)) in params.iter().zip(&public_names).enumerate() {
        let destructor = i == 0 && f.kind == FunctionKind::Destructor;
        let own = destructor
            .then(|| family(cx, &p.ty).ok()?.destructor_param(cx, public))
            .flatten();
        let has_own = own.is_some();
        let mut spec = match own {
            Some(own) => Ok(own),
            None => param_spec(cx, p, public, &mut locals),
        };
        if destructor
            && !has_own
            && let Ok(spec) = &mut spec
        {
            let destroying = family(cx, &p.ty)
                .and_then(|fam| fam.destroying(cx, public))
                .map_err(|e| in_part(&format!("parameter `{}`", p.name), e));
            match sink.take(item, destroying) {
                Some(statements) => spec.conv.setup.extend(statements),
                None => ok = false,
            }
        }
        match sink.take(item, spec) {
            Some(spec) => args.push(Arg {
                ty: &p.ty,
                raw: spec.raw,
                raw_name: names::escape(&p.name),
                conv: spec.conv,
            }),
            None => ok = false,
        }
    }
    let Some(ret) = ret.filter(|_| ok) else {
        return Ok(None);
    };
    let lowered = lower(cx, &f.returns, &ret, args, &mut locals);
    Ok(sink.take(item, lowered).map(|call| Built {
        call,
        ret,
        is_static,
    }))
}

/// Render `f` as the method `name`, and, when it takes slices of C-compatible elements (a
/// `ReadOnlySpan<T>` / `Span<T>` parameter), its overload taking arrays (`T[]`), which avoids the span
/// on runtimes where it costs (Mono), and, when it takes a `&T` to a C-compatible struct (by value in
/// C#), its overload taking `ref T`, which avoids the copy per call. `None` when it has problems
/// (recorded in `sink`). `function` is what a C# caller calls (`OrderBook.Submit`), for the messages
/// of refused arguments.
pub fn render(
    cx: &Cx,
    sink: &mut Problems,
    f: &Function,
    name: &str,
    on_type: bool,
    function: &str,
) -> Result<Option<Method>, BackendError> {
    let Some(mut method) = render_one(cx, sink, f, name, on_type, function)? else {
        return Ok(None);
    };
    let arrays = cx.with_arrays();
    // Problems are the same as the first rendering's: reported once.
    if let Some(overload) = render_one(
        &arrays,
        &mut Problems::default(),
        f,
        name,
        on_type,
        function,
    )? && overload.decls != method.decls
    {
        method.text = format!("{}\n\n{}", method.text, overload.text);
    }
    let refs = cx.with_refs();
    if let Some(overload) = render_one(&refs, &mut Problems::default(), f, name, on_type, function)?
        && overload.decls != method.decls
    {
        method.text = format!("{}\n\n{}", method.text, overload.text);
    }
    Ok(Some(method))
}

fn render_one(
    cx: &Cx,
    sink: &mut Problems,
    f: &Function,
    name: &str,
    on_type: bool,
    function: &str,
) -> Result<Option<Method>, BackendError> {
    let Some(Built {
        call,
        ret,
        is_static,
    }) = build(cx, sink, f, name, on_type)?
    else {
        return Ok(None);
    };
    let Conversion {
        decls,
        setup,
        fixed,
        pinned,
        args,
        after,
        cleanup,
        helpers: _,
    } = call.conv;
    let signature = format!(
        "public {}{} {name}({})",
        if is_static { "static " } else { "" },
        ret.public,
        decls.join(", ")
    );
    let call = format!("{}.{}({})", cx.s.native_class, raw_name(f), args.join(", "));
    let throws = ret.throws.clone();
    let text = MethodTemplate {
        doc: doc(cx, f, &throws),
        signature,
        setup,
        fixed,
        pinned,
        raw_return: ret.local,
        call,
        after,
        cleanup,
        checks: ret.checks,
        result: ret.result,
        native: &cx.s.native_class,
        function,
    }
    .render()?;
    Ok(Some(Method {
        text,
        has_params: !decls.is_empty(),
        decls,
        throws,
    }))
}
