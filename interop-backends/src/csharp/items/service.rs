//! The class of a service: a `sealed class : IDisposable` owning its guarded handle, a C# constructor
//! for a Rust `new`, static factory methods for the other constructors, and the methods (see
//! [`crate::csharp::types::service`]).

use askama::Template;
use interop_core::model::{Function, TypeDef, TypeRef};

use super::{IND_MEMBER, IND_TYPE, class, method};
use crate::BackendError;
use crate::common::service_close::is_lifecycle_close;
use crate::csharp::docs::doc_comment;
use crate::csharp::names::{SERVICE_MEMBERS, Scope, bare, pascal};
use crate::csharp::problems::{Problem, Problems};
use crate::csharp::templates::ServiceTemplate;
use crate::csharp::types::Cx;
use crate::csharp::types::service::ServiceDef;

/// The lifecycle every service class documents (its `<remarks>`).
const LIFECYCLE: &[&str] = &[
    "Owns a Rust object: dispose it (<c>using</c>) to run its <c>Drop</c>; a finalizer does it if you forget.",
    "<c>Dispose</c> waits for the calls in progress on other threads; the finalizer frees the handle.",
    "Methods may be called from any thread; calls that change the object run one at a time. After",
    "<see cref=\"System.IDisposable.Dispose\"/>, or a method or argument that takes the object by value,",
    "every call throws <see cref=\"System.ObjectDisposedException\"/>. A call that uses one object",
    "twice, or needs a second object another thread is using, throws",
    "<see cref=\"System.InvalidOperationException\"/>.",
];

/// The private static method a C# constructor calls.
const NEW_HELPER: &str = "__New";

pub fn render(
    cx: &Cx,
    sink: &mut Problems,
    def: &TypeDef,
    methods: &[&Function],
) -> Result<String, BackendError> {
    let name = cx.type_name(def);
    let (free, dispose, rest) = ServiceDef::split(methods);
    let (Some(free), Some(dispose)) = (free, dispose) else {
        sink.push(
            &def.id,
            Problem::new(format!(
                "invalid inventory: service `{}` has no destructor (`_free`) or no `_dispose` (a \
                 library built before ADR 40: rebuild it with this interop-core)",
                def.id
            )),
        );
        return Ok(String::new());
    };
    let this = TypeRef::named(def.id.clone());
    // `new` returning `Self` or `Result<Self, E>`: a C# constructor (a fallible one throws the
    // error's exception before any object exists, as `FileStream`'s does).
    let returns_this = |r: &TypeRef| match r {
        TypeRef::Result(res) => *res.ok == this,
        r => *r == this,
    };
    let is_new = |f: &Function| f.name == "new" && f.receiver.is_none() && returns_this(&f.returns);
    let mut scope = Scope::class(&name, SERVICE_MEMBERS);
    let mut ctors = Vec::new();
    for f in rest.iter().filter(|f| is_new(f)) {
        if let Some(m) = method::render(
            cx,
            sink,
            f,
            NEW_HELPER,
            true,
            &format!("new {}", bare(&name)),
        )? {
            ctors.push(constructor(cx, f, &name, &m));
        }
    }
    let closes = |f: &Function| is_lifecycle_close(f, def);
    let others: Vec<&Function> = rest
        .iter()
        .copied()
        .filter(|f| !is_new(f) && !closes(f))
        .collect();
    let mut methods = Vec::new();
    let mut close = None;
    if let Some(f) = rest.iter().copied().find(|f| closes(f)) {
        let public = scope.member(pascal(&f.name, cx.s.naming));
        let claimed = scope.claim_method(&public, &format!("method `{}`", f.rust_path), false);
        if sink.take(&f.rust_path, claimed).is_some()
            && let Some(m) = method::render(
                cx,
                sink,
                f,
                RUST_CLOSE,
                true,
                &format!("{}.{}", bare(&name), bare(&public)),
            )?
        {
            methods.push(close_method(cx, f, &public, &m)?);
            close = Some(public);
        }
    }
    methods.extend(class::methods(cx, sink, &mut scope, &others, true, &[])?);
    Ok(ServiceTemplate {
        doc: format!(
            "{}{IND_TYPE}/// <remarks>\n{}{IND_TYPE}/// </remarks>\n",
            doc_comment(
                &def.docs,
                &format!("The Rust service `{}`.", def.rust_name),
                IND_TYPE,
            ),
            LIFECYCLE
                .iter()
                .enumerate()
                .map(|(i, l)| match (i, &close) {
                    // ADR 34: `Dispose()` runs the Rust `close(self)` first.
                    (0, Some(c)) => format!(
                        "{IND_TYPE}/// Owns a Rust object: <c>{c}()</c> or dispose it (<c>using</c>) to run its Rust \
                         <c>close</c>, then its <c>Drop</c>; a finalizer only runs the <c>Drop</c> if you forget.\n"
                    ),
                    _ => format!("{IND_TYPE}/// {l}\n"),
                })
                .collect::<String>()
        ),
        access: cx.s.access,
        name,
        native: &cx.s.native_class,
        free_symbol: free.symbol.clone(),
        free_import: method::raw_name(free),
        dispose_symbol: dispose.symbol.clone(),
        dispose_import: method::raw_name(dispose),
        exception: &cx.s.exception,
        ctors,
        methods,
        close,
    }
    .render()?)
}

/// The private method running the Rust `close(self)` behind the public `Close()`.
const RUST_CLOSE: &str = "__RustClose";

/// The lifecycle `Close()` of a consuming Rust `close(self)` (ADR 34): the rendered consuming
/// method becomes the private `__RustClose`, and `Close()` calls it once: later calls (and
/// `Dispose()` after it) do nothing and return the default value.
fn close_method(
    cx: &Cx,
    f: &Function,
    public: &str,
    m: &method::Method,
) -> Result<String, BackendError> {
    let head = format!(" {RUST_CLOSE}(");
    let mut ret = None;
    let private: Vec<String> = m
        .text
        .lines()
        .map(|line| match line.trim_start().strip_prefix("public ") {
            Some(rest) if line.contains(&head) => {
                ret = rest.split(&head).next().map(str::to_string);
                line.replacen("public ", "private ", 1)
            }
            _ => line.to_string(),
        })
        .collect();
    let ret = ret.ok_or_else(|| {
        BackendError::Other(format!(
            "internal error: no signature in the C# method of `{}`",
            f.rust_path
        ))
    })?;
    let (done, call) = if ret == "void" {
        ("return;".to_string(), format!("{RUST_CLOSE}();"))
    } else {
        (
            format!("return default({ret});"),
            format!("return {RUST_CLOSE}();"),
        )
    };
    let i = IND_MEMBER;
    let remarks = [
        "Closes the object: the Rust <c>close(self)</c> runs, then the object is closed even if it",
        "threw (the Rust value was consumed). Closing again, or after <see cref=\"System.IDisposable.Dispose\"/>",
        "or a method that consumed the object, does nothing. <c>Dispose()</c> calls it (as",
        "<c>Stream</c>'s <c>Close</c> and <c>Dispose</c> are the same); the finalizer only frees.",
    ];
    let remarks: String = remarks.iter().map(|l| format!("{i}/// {l}\n")).collect();
    Ok(format!(
        "{doc}{i}/// <remarks>\n{remarks}{i}/// </remarks>\n\
         {i}public {ret} {public}()\n{i}{{\n\
         {i}    if (IsDisposed)\n{i}    {{\n{i}        {done}\n{i}    }}\n\
         {i}    try\n{i}    {{\n{i}        {call}\n{i}    }}\n\
         {i}    catch (global::System.ObjectDisposedException) when (IsDisposed)\n{i}    {{\n\
         {i}        // A Close or Dispose on another thread got there first.\n\
         {i}        {done}\n{i}    }}\n{i}}}\n\n{text}",
        doc = method::doc(cx, f, &m.throws),
        text = private.join("\n"),
    ))
}

/// The C# constructor of a Rust `new`: it takes the handle of the object the private static
/// `__New` (the rendered `new`) returns, so a failing call throws before any object exists.
fn constructor(cx: &Cx, f: &Function, name: &str, m: &method::Method) -> String {
    let helper = m.text.replace(
        &format!("public static {name} {NEW_HELPER}("),
        &format!("private static {name} {NEW_HELPER}("),
    );
    let args: Vec<String> = m.decls.iter().map(|d| forward(d)).collect();
    format!(
        "{doc}{IND_MEMBER}public {name}({decls}) : this({NEW_HELPER}({args}).__TakeNative())\n\
         {IND_MEMBER}{{\n{IND_MEMBER}}}\n\n{helper}",
        doc = method::doc(cx, f, &m.throws),
        decls = m.decls.join(", "),
        args = args.join(", "),
    )
}

/// The argument forwarding a parameter declaration (`ref Vec2 v` → `ref v`).
fn forward(decl: &str) -> String {
    let name = decl.rsplit(' ').next().unwrap_or(decl);
    match decl.split(' ').next() {
        Some(m @ ("ref" | "out" | "in")) => format!("{m} {name}"),
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::forward;

    #[test]
    fn forwards_parameters_with_their_modifier() {
        assert_eq!(forward("string label"), "label");
        assert_eq!(forward("ref Vec2 v"), "ref v");
        assert_eq!(forward("global::System.ReadOnlySpan<byte> value"), "value");
    }
}
