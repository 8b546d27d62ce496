//! The per-signature code of closures: the trampoline Rust calls (in the raw layer), the class a
//! returned Rust closure is wrapped in, the delegate of a named callback type and of a plain function
//! pointer. The shared runtime (the `{call, context, drop}` struct, the handle-freeing `drop`, where a
//! callback's exception goes) is the template `templates/csharp/items/callbacks.cs`.

use interop_core::model::{CallbackDef, FnPointerType, PointerKind, TypeDef, TypeRef};

use super::callback_returns::{Back, RETURN_NAME, back, owned};
use crate::csharp::docs::{doc_comment, xml_escape};
use crate::csharp::problems::Problem;
use crate::csharp::types::callback::Sig;
use crate::csharp::types::error::ErrorType;
use crate::csharp::types::{Cx, DataCodec, family};

const UFP: &str = "[global::System.Runtime.InteropServices.UnmanagedFunctionPointer(global::System.Runtime.InteropServices.CallingConvention.Cdecl)]";
/// The native entry point of a trampoline on CoreCLR (the attribute the bindings declare: ADR 39).
const UCO: &str = "[global::System.Runtime.InteropServices.UnmanagedCallersOnly(CallConvs = new global::System.Type[] { typeof(global::System.Runtime.CompilerServices.CallConvCdecl) })]";

/// The codecs of the parameters (each crosses in its ABI form, as inside other data).
pub(super) fn codecs(cx: &Cx, params: &[TypeRef]) -> Result<Vec<DataCodec>, Problem> {
    params.iter().map(|p| family(cx, p)?.data(cx)).collect()
}

/// The codecs of the parameters of a foreign closure Rust calls: as [`codecs`], and a borrowed
/// `&T` (a never-NULL `T*` valid while the delegate runs) is lifted to a copy of `T`. Borrowed
/// `&str` / `&[T]` are copied too (`string`, `T[]`): the delegate may keep what it receives.
fn param_codecs(cx: &Cx, params: &[TypeRef]) -> Result<Vec<DataCodec>, Problem> {
    params
        .iter()
        .map(|p| match p {
            TypeRef::Pointer(pt) if pt.kind == PointerKind::Reference => {
                if pt.mutable {
                    return Err(Problem::new(
                        "a closure parameter `&mut T` has no C# delegate spelling (`Func`/`Action` \
                         cannot take `ref`); take `&T` and return the new value",
                    ));
                }
                let inner = family(cx, &pt.target)?.data(cx)?;
                Ok(DataCodec {
                    abi: format!("{}*", inner.abi),
                    lift: inner.lift.replace("{p}", "(*{p})"),
                    lower: String::new(),
                    free: None,
                    public: inner.public,
                })
            }
            // Raw pointers (`*const c_void`, `*mut T`) are `IntPtr`: a pointer type cannot be a
            // type argument of `Func`.
            TypeRef::Pointer(_) => Ok(DataCodec {
                public: INTPTR.into(),
                abi: INTPTR.into(),
                lift: "(*{p})".into(),
                lower: String::new(),
                free: None,
            }),
            _ => family(cx, p)?.data(cx),
        })
        .collect()
}

const INTPTR: &str = "global::System.IntPtr";

/// The public C# types of a closure's parameters.
pub fn param_publics(cx: &Cx, params: &[TypeRef]) -> Result<Vec<String>, Problem> {
    Ok(param_codecs(cx, params)?
        .into_iter()
        .map(|c| c.public)
        .collect())
}

/// Adds the raw-layer helpers the parameters' conversions use.
pub fn collect_param_codecs(
    cx: &Cx,
    params: &[TypeRef],
    out: &mut std::collections::BTreeMap<String, String>,
) -> Result<(), Problem> {
    for p in params {
        match p {
            TypeRef::Pointer(pt) if pt.kind == PointerKind::Reference => {
                family(cx, &pt.target)?.collect_codecs(cx, out)?;
            }
            _ => family(cx, p)?.collect_codecs(cx, out)?,
        }
    }
    Ok(())
}

/// The return value: its raw type, and how a public value is stored / a raw value loaded.
pub(super) struct Ret {
    pub(super) raw: String,
    pub(super) public: String,
    pub(super) store: Box<dyn Fn(&str) -> String>,
    pub(super) load: Box<dyn Fn(&str) -> String>,
}

pub(super) fn ret(cx: &Cx, returns: &TypeRef) -> Result<Option<Ret>, Problem> {
    if returns.is_unit() {
        return Ok(None);
    }
    // Owned data comes back through a slot (ADR 54, ADR 56, ADR 63; a closure's `Result` error
    // too): see [`Back`]; what is left here is a function pointer's return, a value only.
    if owned(cx, returns) {
        return Err(Problem::new(format!(
            "`{}` owns data: a function pointer returning it is not supported by the C# bindings",
            cx.inv.rust_spelling(returns)
        ))
        .fix("return a C-compatible value, or take a closure (`impl Fn`) instead"));
    }
    let fam = family(cx, returns)?;
    let raw = fam.storage(cx)?;
    let public = fam.public(cx)?;
    // The family is borrowed from `cx`; keep only the two conversions, as text templates.
    let (store, load) = match cx.inv.shape_of(returns) {
        // A C-compatible data enum (ADR 63): its class is lowered to the mirror (no arena: nothing
        // allocates) and a mirror loaded into a new object.
        Ok(interop_core::abi::AbiShape::DataEnum { .. }) => (
            fam.data(cx)?.lower("{}", "null", RETURN_NAME),
            format!("{}.__Load_{}({{}})", cx.s.native_class, fam.tag(cx)),
        ),
        _ => (fam.store("{}"), fam.load("{}")),
    };
    Ok(Some(Ret {
        raw,
        public,
        store: Box::new(move |e| store.replace("{}", e)),
        load: Box::new(move |e| load.replace("{}", e)),
    }))
}

/// A foreign closure's `Result<T, E>` return: the delegate returns `T` (nothing for `()`) and
/// throws `E`'s exception for `Err`; `call` writes the slot and returns the status.
pub(super) struct ResultRet<'a> {
    pub(super) ok: Option<Back<'a>>,
    /// `E`: a value (C-compatible), or written to the `err` slot in owned form (ADR 63).
    pub(super) err: Back<'a>,
    pub(super) exception: String,
    /// The member of the caught exception holding the error (`Error`; `Message` for a `String`).
    pub(super) member: &'static str,
    /// The error type, which makes the exception of a returned closure's `Err`.
    pub(super) error: ErrorType<'a>,
}

pub(super) fn result_ret<'a>(
    cx: &Cx<'a>,
    returns: &'a TypeRef,
) -> Result<Option<ResultRet<'a>>, Problem> {
    let TypeRef::Result(r) = returns else {
        return Ok(None);
    };
    let error = ErrorType::new(cx, &r.err)?;
    let exception = error.exception(cx);
    let err = back(cx, &r.err)?.ok_or_else(|| Problem::new("a `Result` whose error is `()`"))?;
    Ok(Some(ResultRet {
        ok: back(cx, &r.ok)?,
        err,
        exception,
        member: if error.is_text() { "Message" } else { "Error" },
        error,
    }))
}

/// The public return type of a delegate of a closure returning `returns` (`None`: `void`).
pub fn delegate_return(cx: &Cx, returns: &TypeRef) -> Result<Option<String>, Problem> {
    Ok(match result_ret(cx, returns)? {
        Some(r) => r.ok.map(|o| o.public()),
        None => back(cx, returns)?.map(|r| r.public()),
    })
}

/// The exception classes a closure returning `returns` may throw for `Err`.
pub fn collect_result_public(
    cx: &Cx,
    returns: &TypeRef,
    out: &mut std::collections::BTreeMap<String, String>,
) -> Result<(), Problem> {
    if let TypeRef::Result(r) = returns {
        ErrorType::new(cx, &r.err)?.collect_public(cx, out)?;
    }
    Ok(())
}

/// The Rust spelling of a signature, for docs (`Fn(u32) -> u32`).
pub(super) fn rust_sig(cx: &Cx, params: &[TypeRef], returns: &TypeRef) -> String {
    let ps: Vec<String> = params.iter().map(|p| cx.inv.rust_spelling(p)).collect();
    let mut s = format!("Fn({})", ps.join(", "));
    if !returns.is_unit() {
        s.push_str(&format!(" -> {}", cx.inv.rust_spelling(returns)));
    }
    xml_escape(&s)
}

/// True when the arguments and the result of `sig` cross unconverted (the delegate's types are the
/// raw ones, the lifts plain reads, no `Result`, no slot): `PointerFor` may then hand Rust a direct
/// entry into a static method (ADR 65).
pub fn direct_entry(cx: &Cx, sig: &Sig) -> Result<bool, Problem> {
    if result_ret(cx, sig.returns)?.is_some() {
        return Ok(false);
    }
    let p = "(&arg)";
    let args = param_codecs(cx, sig.params)?
        .iter()
        .all(|c| c.public == c.abi && c.free(p).is_none() && c.lift(p) == format!("(*{p})"));
    let result = match back(cx, sig.returns)? {
        None => true,
        Some(Back::Direct(r)) => r.raw == r.public && (r.store)("x") == "x",
        Some(Back::Slot(_)) => false,
    };
    Ok(args && result)
}

/// The trampoline class of `sig` in the raw layer: the unmanaged delegate type of `call`, the
/// static method Rust calls (it catches every exception: see the runtime), its
/// `[UnmanagedCallersOnly]` twin for CoreCLR (ADR 39) and the address of the one the runtime uses.
pub fn trampoline(cx: &Cx, sig: &Sig) -> Result<String, Problem> {
    let n = &cx.s.native_class;
    let class = sig.trampoline(cx)?;
    let delegate = sig.delegate(cx)?;
    let codecs = param_codecs(cx, sig.params)?;
    let result = result_ret(cx, sig.returns)?;
    let ret = match result {
        Some(_) => None,
        None => back(cx, sig.returns)?,
    };
    let raw_ret = match (&result, &ret) {
        (Some(_), _) => "byte".to_string(),
        (None, Some(Back::Direct(r))) => r.raw.clone(),
        (None, _) => "void".to_string(),
    };
    let mut raw_params = vec!["global::System.IntPtr context".to_string()];
    raw_params.extend(
        codecs
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{} arg{i}", c.abi)),
    );
    if let Some(r) = &result {
        if let Some(ok) = &r.ok {
            raw_params.push(format!("{}* ok", ok.raw()));
        }
        raw_params.push(format!("{}* err", r.err.raw()));
    }
    // Owned data (ADR 54): the zeroed slot Rust passes last.
    if let Some(Back::Slot(s)) = &ret {
        raw_params.push(format!("{}* ret", s.abi));
    }
    let raw_params = raw_params.join(", ");
    let mut body = Vec::new();
    body.push(format!(
        "{delegate} callback = {n}.__ClosureTable<{delegate}>.Items[(int)context];"
    ));
    let mut args = Vec::new();
    for (i, c) in codecs.iter().enumerate() {
        let p = format!("(&arg{i})");
        body.push(format!("{} value{i} = {};", c.public, c.lift(&p)));
        if let Some(free) = c.free(&p) {
            body.push(free);
        }
        args.push(format!("value{i}"));
    }
    let call = format!("callback({})", args.join(", "));
    let (on_error, last) = match (&result, &ret) {
        // `Err` is the exception of `E`: its value goes to `*err` (status 1); any other exception
        // is the callback's failure (below).
        (Some(r), _) => {
            let ok = match &r.ok {
                Some(ok) => ok.store(cx, &call, "ok")?.replace('\n', "\n    "),
                None => format!("{call};"),
            };
            let value = format!("error.{}", r.member);
            let last = if matches!(r.err, Back::Direct(_)) && !r.error.is_variants() {
                // A C-compatible value stored in the `catch` (nothing there can throw).
                format!(
                    "try\n{{\n    {ok}\n    return 0;\n}}\ncatch ({} error)\n{{\n    {}\n    return 1;\n}}",
                    r.exception,
                    r.err.write(cx, &value, "err")?,
                )
            } else {
                // A data enum or a value owning data is written after the `catch`: its writer may
                // throw (a null variant or string), and on .NET 8 an exception thrown inside a
                // `catch` of an `[UnmanagedCallersOnly]` method escaped the outer `catch` (the
                // process aborted).
                format!(
                    "{} __error;\ntry\n{{\n    {ok}\n    return 0;\n}}\ncatch ({} error)\n{{\n    __error = {value};\n}}\n{}\nreturn 1;",
                    r.err.public(),
                    r.exception,
                    r.err.write(cx, "__error", "err")?,
                )
            };
            ("return 0;".to_string(), last)
        }
        (None, Some(Back::Direct(r))) => (
            format!("return default({});", r.raw),
            format!("return {};", (r.store)(&call)),
        ),
        (None, Some(b @ Back::Slot(_))) => ("return;".to_string(), b.store(cx, &call, "ret")?),
        (None, None) => ("return;".to_string(), format!("{call};")),
    };
    body.extend(last.lines().map(str::to_string));
    let body: String = body
        .iter()
        .map(|l| format!("                    {l}\n"))
        .collect();
    // The same body twice: `Invoke` behind a delegate (Mono), `InvokeUnmanaged` the native entry
    // point on CoreCLR (ADR 39); one calling the other would add a call (a method with a `try` is
    // not inlined).
    let method = |attribute: &str, name: &str| {
        format!(
            r#"            {attribute}
            private static {raw_ret} {name}({raw_params})
            {{
                try
                {{
{body}                }}
                catch (global::System.Exception e)
                {{
                    {n}.__CallbackFailed(e);
                    {on_error}
                }}
            }}"#
        )
    };
    Ok(format!(
        r#"        /// <summary>
        /// Calls a <c>{delegate_doc}</c> for Rust (<c>{rust}</c>).
        /// </summary>
        internal static class {class}
        {{
            {UFP}
            internal delegate {raw_ret} Call({raw_params});

            private static readonly Call s_invoke = Invoke;

            /// <summary>
            /// The address Rust calls, made once: <c>InvokeUnmanaged</c> on CoreCLR, else the delegate of
            /// <c>Invoke</c> (ADR 39).
            /// </summary>
            internal static readonly global::System.IntPtr Pointer = {n}.__CallbackPointer(s_invoke, typeof({class}), "InvokeUnmanaged");
{direct}
{invoke}

{invoke_unmanaged}
        }}"#,
        delegate_doc = xml_escape(&delegate),
        rust = rust_sig(cx, sig.params, sig.returns),
        invoke = method(
            &format!("[{n}.MonoPInvokeCallback(typeof(Call))]"),
            "Invoke"
        ),
        invoke_unmanaged = method(UCO, "InvokeUnmanaged"),
        direct = if direct_entry(cx, sig)? {
            direct_pointer(n, &delegate)
        } else {
            String::new()
        },
    ))
}

/// `PointerFor` of a trampoline whose delegate may be entered directly (ADR 65): the pointer kept
/// for the last delegate seen, else the runtime's `__DirectPointer`.
fn direct_pointer(n: &str, delegate: &str) -> String {
    format!(
        r#"
            private static global::System.Delegate s_seen;
            private static {n}.__DirectEntry s_direct;

            /// <summary>
            /// The address Rust calls for <paramref name="callback"/>: <see cref="Pointer"/>, or on Mono with
            /// preemptive suspend, for a delegate of a static method seen before, a direct entry into that
            /// method (ADR 65).
            /// </summary>
            internal static global::System.IntPtr PointerFor({delegate} callback)
            {{
                if (!{n}.__DirectEntries || callback.Target != null)
                {{
                    return Pointer;
                }}
                {n}.__DirectEntry last = s_direct;
                if (last != null && ReferenceEquals(last.Callback, callback))
                {{
                    return last.Pointer;
                }}
                return {n}.__DirectPointer(callback, typeof(Call), ref s_seen, ref s_direct, Pointer);
            }}
"#
    )
}

/// The public delegate of a named callback type.
pub fn named_delegate(cx: &Cx, def: &TypeDef, c: &CallbackDef) -> Result<String, Problem> {
    let codecs = param_codecs(cx, &c.params)?;
    let public_ret = delegate_return(cx, &c.returns)?.unwrap_or_else(|| "void".into());
    let decls: Vec<String> = codecs
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} arg{i}", c.public))
        .collect();
    let mut doc = doc_comment(
        &def.docs,
        &format!("The callback type `{}`.", def.name),
        super::IND_TYPE,
    );
    for i in 0..codecs.len() {
        doc.push_str(&format!(
            "{}/// <param name=\"arg{i}\">Argument {i}.</param>\n",
            super::IND_TYPE
        ));
    }
    if let Some(r) = result_ret(cx, &c.returns)? {
        doc.push_str(&format!(
            "{}/// <exception cref=\"{}\">Thrown to return the error to Rust (<c>Err</c>); any other exception is rethrown by the call waiting for the callback (Rust receives the error type's default).</exception>\n",
            super::IND_TYPE,
            r.exception
        ));
    }
    Ok(format!(
        "{doc}    {} delegate {public_ret} {}({});\n",
        cx.s.access,
        cx.type_name(def),
        decls.join(", ")
    ))
}

/// The delegate of a plain function pointer type.
pub fn fn_pointer(cx: &Cx, name: &str, f: &FnPointerType) -> Result<String, Problem> {
    let mut decls = Vec::new();
    for (i, p) in f.params.iter().enumerate() {
        decls.push(format!("{} arg{i}", family(cx, p)?.storage(cx)?));
    }
    let raw_ret = match ret(cx, &f.returns)? {
        Some(r) => r.raw,
        None => "void".into(),
    };
    let params_doc: String = (0..decls.len())
        .map(|i| format!("    /// <param name=\"arg{i}\">Argument {i}.</param>\n"))
        .collect();
    Ok(format!(
        r#"    /// <summary>
    /// A plain C function pointer (<c>extern "C" {rust}</c>). Passing a delegate passes a pointer to it:
    /// keep the delegate alive (in a field) for as long as the library may call it.
    /// </summary>
{params_doc}    {UFP}
    {access} delegate {raw_ret} {name}({decls});
"#,
        rust = rust_sig(cx, &f.params, &f.returns).replacen("Fn(", "fn(", 1),
        access = cx.s.access,
        decls = decls.join(", "),
    ))
}
