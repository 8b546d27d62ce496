//! Closures and function pointers.
//!
//! A closure parameter is a delegate: the named callback type's own (`#[ffi] pub type OnEvent = dyn
//! Fn(u32) + Send + Sync;` is `public delegate void OnEvent(uint arg0)`), else `Func<…>` /
//! `Action<…>`. It crosses as `{call, context, drop}`: `context` is the delegate's slot in the
//! raw layer's closure table (ADR 38), `call` the signature's trampoline (a static method made once,
//! `[MonoPInvokeCallback]`, which catches every exception; on CoreCLR its `[UnmanagedCallersOnly]`
//! twin, ADR 39; on Mono with preemptive suspend, for a delegate of a static method seen before and a signature crossing
//! unconverted, `PointerFor`'s direct entry into that method, ADR 65), `drop` frees the slot. A borrowed
//! closure's slot lives for the call (freed in `finally`, no `drop`); a kept one's until Rust drops it. A returned Rust closure is a
//! disposable class (`Invoke`, `ToDelegate`, a `SafeHandle` as finalizer); an `extern "C" fn` is an
//! `[UnmanagedFunctionPointer]` delegate (`FnPtrU32ToU32`) the caller keeps alive while Rust may call it.
//! The per-signature code is rendered by [`crate::csharp::items::callbacks`].

use std::collections::BTreeMap;

use interop_core::model::{
    CallbackDef, CallbackOwnership, CallbackType, FnPointerType, Function, TypeDef, TypeRef,
};

use super::{Conversion, Cx, Definition, Family, ParamSpec, ReturnSpec, family};
use crate::BackendError;
use crate::csharp::items::callbacks as render;
use crate::csharp::items::returned_closure as returned;
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;
use crate::csharp::problems::Problems;

/// The runtime of the direct entries (ADR 65), in the raw layer when a trampoline has `PointerFor`.
const DIRECT_ENTRIES: &str = include_str!("../../../templates/csharp/items/direct_entries.cs");

/// A callback signature as C# spells it.
pub struct Sig<'a> {
    pub params: &'a [TypeRef],
    pub returns: &'a TypeRef,
    /// The named callback type, if any.
    pub named: Option<&'a TypeDef>,
}

impl<'a> Sig<'a> {
    pub fn of_callback(cx: &Cx<'a>, c: &'a CallbackType) -> Self {
        Sig {
            params: &c.params,
            returns: &c.returns,
            named: c.name.as_deref().and_then(|id| cx.inv.type_def(id)),
        }
    }

    /// The part of generated names standing for the signature: the named type's name, or the tags
    /// of the parameters and return type (`U32ToU32`).
    pub fn key(&self, cx: &Cx) -> Result<String, Problem> {
        if let Some(def) = self.named {
            return Ok(cx.type_name(def));
        }
        tags(cx, self.params, self.returns)
    }

    /// The public delegate type (`OnEvent`, `global::System.Func<uint, uint>`).
    pub fn delegate(&self, cx: &Cx) -> Result<String, Problem> {
        if let Some(def) = self.named {
            return Ok(cx.type_name(def));
        }
        let mut types = Vec::new();
        for p in render::param_publics(cx, self.params)? {
            types.push(p);
        }
        Ok(match render::delegate_return(cx, self.returns)? {
            None if types.is_empty() => "global::System.Action".into(),
            None => format!("global::System.Action<{}>", types.join(", ")),
            Some(ret) => {
                types.push(ret);
                format!("global::System.Func<{}>", types.join(", "))
            }
        })
    }

    /// The trampoline class in the raw layer (`__CbOnEvent`).
    pub fn trampoline(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(format!("__Cb{}", self.key(cx)?))
    }
}

/// `U32U64ToBool`: the tags of the parameters, then `To` and the return type's.
pub fn tags(cx: &Cx, params: &[TypeRef], returns: &TypeRef) -> Result<String, Problem> {
    let mut name = String::new();
    for p in params {
        name.push_str(&family(cx, p)?.tag(cx));
    }
    if !returns.is_unit() {
        name.push_str("To");
        name.push_str(&family(cx, returns)?.tag(cx));
    }
    if name.is_empty() {
        name.push_str("Unit");
    }
    Ok(name)
}

/// A closure (`&dyn Fn`, `Box<dyn Fn>`, `Option` of those, a returned `Box<dyn Fn>`).
pub struct Callback<'a> {
    pub c: &'a CallbackType,
}

/// `{native}.__Callback`.
fn abi(cx: &Cx) -> String {
    format!("{}.__Callback", cx.s.native_class)
}

impl Family for Callback<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(abi(cx))
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        Sig::of_callback(cx, self.c).delegate(cx)
    }

    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let n = &cx.s.native_class;
        let sig = Sig::of_callback(cx, self.c);
        let tramp = format!("{n}.{}", sig.trampoline(cx)?);
        let ptr = "global::System.IntPtr";
        let mut conv = Conversion {
            decls: vec![format!("{} {name}", sig.delegate(cx)?)],
            ..Conversion::default()
        };
        if !self.c.nullable {
            conv.setup.push(format!(
                "if ({name} == null) throw new global::System.ArgumentNullException(nameof({name}));"
            ));
        }
        let slot = locals.fresh(&format!("{name}Slot"));
        // A signature crossing unconverted asks for the delegate's own entry (ADR 65).
        let pointer = if render::direct_entry(cx, &sig)? {
            format!("{tramp}.PointerFor({name})")
        } else {
            format!("{tramp}.Pointer")
        };
        let value = format!("new {}({pointer}, {slot}, ", abi(cx));
        match self.c.ownership {
            // Held for the call only: freed after it, whatever happens (Rust gets no `drop`).
            CallbackOwnership::Borrowed => {
                conv.setup.push(format!("{ptr} {slot} = {ptr}.Zero;"));
                conv.pinned.push(format!(
                    "if ({name} != null) {slot} = {n}.__ClosureAlloc({name});"
                ));
                conv.cleanup.push(format!(
                    "if ({slot} != {ptr}.Zero) {n}.__ClosureFree({slot});"
                ));
                conv.args.push(format!(
                    "{name} == null ? default({}) : {value}{ptr}.Zero)",
                    abi(cx)
                ));
            }
            // Kept: Rust calls `drop` (exactly once), which frees the slot. Taken just before the
            // call, after every conversion that may throw.
            _ => {
                conv.pinned.push(format!(
                    "{ptr} {slot} = {name} == null ? {ptr}.Zero : {n}.__ClosureAlloc({name});"
                ));
                conv.args.push(format!(
                    "{name} == null ? default({}) : {value}{n}.__DropPointer)",
                    abi(cx)
                ));
            }
        }
        Ok(ParamSpec { raw: abi(cx), conv })
    }

    /// A returned Rust closure: a disposable class over it.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let sig = Sig::of_callback(cx, self.c);
        returned::returned_problem(cx, &sig)?;
        let class = returned::closure_class(cx, &sig)?;
        Ok(ReturnSpec::direct(
            class.clone(),
            abi(cx),
            format!("new {class}(__ret)"),
        ))
    }

    fn tag(&self, cx: &Cx) -> String {
        Sig::of_callback(cx, self.c)
            .key(cx)
            .map_or_else(|_| "Callback".into(), |k| format!("Callback{k}"))
    }

    fn collect_codecs(&self, cx: &Cx, out: &mut BTreeMap<String, String>) -> Result<(), Problem> {
        let sig = Sig::of_callback(cx, self.c);
        let key = format!("~callback {}", sig.trampoline(cx)?);
        if let std::collections::btree_map::Entry::Vacant(e) = out.entry(key) {
            e.insert(render::trampoline(cx, &sig)?);
            if render::direct_entry(cx, &sig)? {
                out.entry("~callback~direct".to_string())
                    .or_insert_with(|| DIRECT_ENTRIES.trim_end().to_string());
            }
            render::collect_param_codecs(cx, sig.params, out)?;
            crate::csharp::items::callback_returns::collect_returns(cx, sig.returns, out)?;
        }
        Ok(())
    }

    fn collect_public(
        &self,
        cx: &Cx,
        returned: bool,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        let sig = Sig::of_callback(cx, self.c);
        render::collect_result_public(cx, sig.returns, out)?;
        if returned {
            let class = returned::closure_class(cx, &sig)?;
            let text = returned::closure(cx, &sig)?;
            out.entry(class).or_insert(text);
        }
        Ok(())
    }
}

/// A plain `extern "C" fn`: an `[UnmanagedFunctionPointer]` delegate per signature.
pub struct FnPointer<'a> {
    pub f: &'a FnPointerType,
}

impl FnPointer<'_> {
    /// `FnPtrU32ToU32`.
    pub fn name(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(format!(
            "FnPtr{}",
            tags(cx, &self.f.params, &self.f.returns)?
        ))
    }
}

impl Family for FnPointer<'_> {
    fn storage(&self, _cx: &Cx) -> Result<String, Problem> {
        Ok(super::INTPTR.into())
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        self.name(cx)
    }

    /// The delegate's function pointer; the delegate is kept alive for the call (a library that keeps
    /// the pointer needs the caller to keep the delegate: documented on the delegate type).
    fn param(&self, cx: &Cx, name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let marshal = "global::System.Runtime.InteropServices.Marshal";
        let mut conv = Conversion {
            decls: vec![format!("{} {name}", self.name(cx)?)],
            args: vec![format!(
                "{name} == null ? global::System.IntPtr.Zero : {marshal}.GetFunctionPointerForDelegate({name})"
            )],
            after: vec![format!("global::System.GC.KeepAlive({name});")],
            ..Conversion::default()
        };
        if !self.f.nullable {
            conv.setup.push(format!(
                "if ({name} == null) throw new global::System.ArgumentNullException(nameof({name}));"
            ));
        }
        Ok(ParamSpec {
            raw: super::INTPTR.into(),
            conv,
        })
    }

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let name = self.name(cx)?;
        Ok(ReturnSpec::direct(
            name.clone(),
            super::INTPTR.into(),
            format!(
                "__ret == global::System.IntPtr.Zero ? null : ({name})global::System.Runtime.InteropServices.Marshal.GetDelegateForFunctionPointer(__ret, typeof({name}))"
            ),
        ))
    }

    fn tag(&self, cx: &Cx) -> String {
        self.name(cx).unwrap_or_else(|_| "FnPtr".into())
    }

    fn collect_public(
        &self,
        cx: &Cx,
        _returned: bool,
        out: &mut BTreeMap<String, String>,
    ) -> Result<(), Problem> {
        let name = self.name(cx)?;
        if let std::collections::btree_map::Entry::Vacant(e) = out.entry(name.clone()) {
            e.insert(render::fn_pointer(cx, &name, self.f)?);
        }
        Ok(())
    }
}

/// A named callback type: its public delegate.
pub struct CallbackDefn<'a> {
    pub def: &'a TypeDef,
    pub c: &'a CallbackDef,
}

impl Definition for CallbackDefn<'_> {
    fn top_level_names(&self, cx: &Cx, _methods: &[&Function]) -> Vec<(String, String)> {
        vec![(
            cx.type_name(self.def),
            format!("callback type `{}`", self.def.id),
        )]
    }

    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        _methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        Ok(sink
            .take(&self.def.id, render::named_delegate(cx, self.def, self.c))
            .into_iter()
            .collect())
    }
}
