//! The class a returned Rust closure is wrapped in (`ClosureU32ToU32`, `OnEventClosure`): `Invoke`
//! calls the closure's `call` through the unsafe delegate of the signature's trampoline (the same
//! function pointer type as a foreign closure of that signature: ADR 42 twins), `ToDelegate` gives
//! the public delegate, a `SafeHandle` drops it (and is the finalizer).
//!
//! A closure returning owned data (ADR 56) takes a zeroed slot last (`R *ret`; a `Result<T, E>`: the
//! status, `T *ok` and `E *err`): `Invoke` converts the value as a function's returned value is
//! converted and frees the native value in a `finally`, so it is freed exactly once, also when the
//! conversion or the panic check throws.

use interop_core::model::{PointerKind, TypeRef};

use super::callback_returns::{Back, back};
use super::callbacks::{ResultRet, codecs, result_ret, rust_sig};
use crate::csharp::problems::Problem;
use crate::csharp::types::DataCodec;
use crate::csharp::types::callback::Sig;
use crate::csharp::types::{Cx, family};

const MARSHAL: &str = "global::System.Runtime.InteropServices.Marshal";

/// The class a returned Rust closure of `sig` is wrapped in (`OnEventClosure`, `ClosureU32ToU32`).
pub fn closure_class(cx: &Cx, sig: &Sig) -> Result<String, Problem> {
    Ok(match sig.named {
        Some(def) => format!("{}Closure", cx.type_name(def)),
        None => format!("Closure{}", sig.key(cx)?),
    })
}

/// The problem of a returned Rust closure of `sig` the C# bindings cannot wrap (see [`closure`]).
pub fn returned_problem(cx: &Cx, sig: &Sig) -> Result<(), Problem> {
    invoke_codecs(cx, sig.params)?;
    returned(cx, sig.returns).map(|_| ())
}

/// How `Invoke` passes one argument: its codec, and for a `&T` parameter (ADR 61) the local its
/// lowered value lives in during the call (`call` gets its address).
struct InvokeArg {
    codec: DataCodec,
    by_ref: bool,
}

/// The arguments of `Invoke`: each as inside other data, and a `&T` as `T`'s value lowered into a
/// local (a record owning data: views into the arena, freed in a `finally`), passed by address.
fn invoke_codecs(cx: &Cx, params: &[TypeRef]) -> Result<Vec<InvokeArg>, Problem> {
    params
        .iter()
        .map(|p| match p {
            TypeRef::Pointer(pt) if pt.kind == PointerKind::Reference && !pt.mutable => {
                Ok(InvokeArg {
                    codec: family(cx, &pt.target)?.data(cx)?,
                    by_ref: true,
                })
            }
            _ => Ok(InvokeArg {
                codec: codecs(cx, std::slice::from_ref(p))?.remove(0),
                by_ref: false,
            }),
        })
        .collect()
}

/// How `Invoke` gets the closure's value: the slots it passes (declarations, arguments), the call
/// (`{call}` the call expression), the statements after the panic check, and the frees of the
/// slots.
struct Returned {
    public: String,
    slots: Vec<String>,
    args: Vec<String>,
    call: String,
    after: Vec<String>,
    frees: Vec<String>,
}

/// The value of a slot named `name` of `back`: its declaration, how it is read and freed.
fn slot(
    cx: &Cx,
    back: &Back,
    ty: &TypeRef,
    name: &str,
) -> Result<(String, String, Vec<String>), Problem> {
    let raw = back.raw();
    let decl = format!("{raw} {name} = default({raw});");
    Ok(match back {
        Back::Direct(r) => (decl, (r.load)(name), Vec::new()),
        Back::Slot(_) => {
            let d = family(cx, ty)?.data(cx)?;
            let p = format!("(&{name})");
            (decl, d.lift(&p), d.free(&p).into_iter().collect())
        }
    })
}

fn returned(cx: &Cx, returns: &TypeRef) -> Result<Returned, Problem> {
    if let Some(ResultRet {
        ok,
        err,
        exception,
        error,
        ..
    }) = result_ret(cx, returns)?
    {
        let TypeRef::Result(r) = returns else {
            return Err(Problem::new("invalid inventory: not a `Result`"));
        };
        let mut out = Returned {
            public: ok.as_ref().map_or_else(|| "void".into(), Back::public),
            slots: Vec::new(),
            args: Vec::new(),
            call: "byte __status = {call};".into(),
            after: Vec::new(),
            frees: Vec::new(),
        };
        let mut result = None;
        if let Some(ok) = &ok {
            let (decl, read, frees) = slot(cx, ok, &r.ok, "__ok")?;
            out.slots.push(decl);
            out.args.push("&__ok".into());
            out.frees.extend(frees);
            result = Some(read);
        }
        // No message comes with the error: the exception's is the value's text.
        match &err {
            Back::Direct(e) if !error.is_variants() => {
                out.slots
                    .push(format!("{raw} __err = default({raw});", raw = e.raw));
                let value = (e.load)("__err");
                out.after.push(format!(
                    "if (__status == 1) throw new {exception}({value}, \"the closure returned the error \" + {value});"
                ));
            }
            // A data enum (the exception of the value's variant) or an error owning data, read from
            // its slot (and freed with the others, ADR 63).
            _ => {
                let (decl, read, frees) = slot(cx, &err, &r.err, "__err")?;
                out.slots.push(decl);
                out.frees.extend(frees);
                let public = err.public();
                let message = if error.is_text() {
                    "__error".to_string()
                } else {
                    "\"the closure returned the error \" + __error".to_string()
                };
                out.after.push(format!(
                    "if (__status == 1)\n{{\n    {public} __error = {read};\n    throw {};\n}}",
                    error.create(cx, "__error", &message)
                ));
            }
        }
        out.args.push("&__err".into());
        out.after.push(
            "if (__status != 0) throw new global::System.InvalidOperationException(\"the library returned a result whose status is \" + __status);".into(),
        );
        if let Some(read) = result {
            out.after.push(format!("return {read};"));
        }
        return Ok(out);
    }
    let Some(b) = back(cx, returns)? else {
        return Ok(Returned {
            public: "void".into(),
            slots: Vec::new(),
            args: Vec::new(),
            call: "{call};".into(),
            after: Vec::new(),
            frees: Vec::new(),
        });
    };
    Ok(match &b {
        Back::Direct(r) => Returned {
            public: r.public.clone(),
            slots: Vec::new(),
            args: Vec::new(),
            call: format!("{} __ret = {{call}};", r.raw),
            after: vec![format!("return {};", (r.load)("__ret"))],
            frees: Vec::new(),
        },
        Back::Slot(s) => {
            let (decl, read, frees) = slot(cx, &b, s.ty, "__ret")?;
            Returned {
                public: s.public.clone(),
                slots: vec![decl],
                args: vec!["&__ret".into()],
                call: "{call};".into(),
                after: vec![format!("return {read};")],
                frees,
            }
        }
    })
}

/// Indents every line of `lines` by `n` spaces, one per line.
fn block(lines: &[String], n: usize) -> String {
    lines
        .iter()
        .flat_map(|l| l.lines())
        .map(|l| format!("{:n$}{l}\n", ""))
        .collect()
}

/// The class of a returned Rust closure.
pub fn closure(cx: &Cx, sig: &Sig) -> Result<String, Problem> {
    let n = &cx.s.native_class;
    let access = cx.s.access;
    let class = closure_class(cx, sig)?;
    let delegate = sig.delegate(cx)?;
    let call_type = format!("{n}.{}.Call", sig.trampoline(cx)?);
    let args_in = invoke_codecs(cx, sig.params)?;
    let ret = returned(cx, sig.returns)?;
    let decls: Vec<String> = args_in
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{} arg{i}", a.codec.public))
        .collect();
    let arena = args_in.iter().any(|a| a.codec.lower.contains("{a}"));
    // A `&T` argument (ADR 61): lowered into a local before the call.
    let mut lowered = Vec::new();
    let mut args = vec!["_handle.DangerousGetHandle()".to_string()];
    for (i, a) in args_in.iter().enumerate() {
        let value = a
            .codec
            .lower(&format!("arg{i}"), "arena", &format!("\"arg{i}\""));
        if a.by_ref {
            lowered.push(format!("{} __ref{i} = {value};", a.codec.abi));
            args.push(format!("&__ref{i}"));
        } else {
            args.push(value);
        }
    }
    args.extend(ret.args.iter().cloned());
    let call = ret
        .call
        .replace("{call}", &format!("_call({})", args.join(", ")));
    let panic_check =
        format!("if (*{n}.PanicPending != 0) {n}.ThrowPendingPanic(\"{class}.Invoke\");");
    // The lowered arguments, the call, its check and the result's reading; with an arena, inside a
    // `try` whose `finally` disposes it, so an argument that throws while it is lowered (a lone
    // surrogate, a null field) or a panic does not leak what the arguments before it allocated.
    let mut inner = lowered;
    inner.push(call);
    inner.push(panic_check);
    inner.extend(ret.after.iter().cloned());
    let mut body = Vec::new();
    if arena {
        body.push(format!("{n}.__Arena arena = new {n}.__Arena();"));
        body.push("try\n{".into());
        body.push(block(&inner, 4));
        body.push("}\nfinally\n{\n    arena.Dispose();\n}".into());
    } else {
        body.extend(inner);
    }
    // The slots' native values are freed whatever happens (a zeroed slot frees nothing).
    let body = if ret.frees.is_empty() {
        format!("{}{}", block(&ret.slots, 16), block(&body, 16))
    } else {
        format!(
            "{}                try\n                {{\n{}                }}\n                finally\n                {{\n{}                }}\n",
            block(&ret.slots, 16),
            block(&body, 20),
            block(&ret.frees, 20)
        )
    };
    let public_ret = &ret.public;
    let params_doc: String = (0..args_in.len())
        .map(|i| format!("        /// <param name=\"arg{i}\">Argument {i}.</param>\n"))
        .collect();
    let throws = match result_ret(cx, sig.returns)? {
        Some(r) => format!(
            "        /// <exception cref=\"{}\">The closure returned an error (<c>Err</c>).</exception>\n",
            r.exception
        ),
        None => String::new(),
    };
    Ok(format!(
        r#"    /// <summary>
    /// A Rust closure (<c>{rust}</c>) the library returned. Call it with <see cref="Invoke"/> (or as a
    /// delegate, <see cref="ToDelegate"/>), from any thread; <see cref="Dispose"/> frees it (a finalizer
    /// does if you forget). A panic inside it throws <see cref="{exception}"/>.
    /// </summary>
    {access} sealed unsafe class {class} : global::System.IDisposable
    {{
        private readonly {n}.__ClosureHandle _handle;
        private readonly {call_type} _call;

        internal {class}({n}.__Callback abi)
        {{
            if (abi.Call == global::System.IntPtr.Zero)
            {{
                throw new global::System.InvalidOperationException("the library returned no closure");
            }}
            _call = ({call_type}){MARSHAL}.GetDelegateForFunctionPointer(abi.Call, typeof({call_type}));
            _handle = new {n}.__ClosureHandle(abi);
        }}

        /// <summary>
        /// Calls the closure.
        /// </summary>
{params_doc}        /// <exception cref="System.ObjectDisposedException">The closure was disposed.</exception>
        /// <exception cref="{exception}">The closure panicked.</exception>
{throws}        public {public_ret} Invoke({decls})
        {{
            bool added = false;
            try
            {{
                try
                {{
                    _handle.DangerousAddRef(ref added);
                }}
                catch (global::System.ObjectDisposedException)
                {{
                    throw new global::System.ObjectDisposedException("{class}", "This {class} was disposed.");
                }}
{body}            }}
            finally
            {{
                if (added)
                {{
                    _handle.DangerousRelease();
                }}
            }}
        }}

        /// <summary>
        /// The closure as a delegate (calling it calls <see cref="Invoke"/>; it keeps this object alive).
        /// </summary>
        public {delegate} ToDelegate()
        {{
            return Invoke;
        }}

        /// <summary>
        /// Frees the closure (the library drops it). Calling it again does nothing; a call in progress on
        /// another thread finishes first.
        /// </summary>
        public void Dispose()
        {{
            _handle.Dispose();
        }}
    }}
"#,
        rust = rust_sig(cx, sig.params, sig.returns),
        exception = cx.s.exception,
        decls = decls.join(", "),
    ))
}
