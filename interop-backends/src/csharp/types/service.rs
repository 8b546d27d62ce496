//! Services (`#[ffi(service)]`): a `sealed class : IDisposable` owning the native handle and a
//! guard word (calls in progress, closed) whose last user calls the type's `_free` (see
//! [`crate::csharp::items::service`] and docs/adr/0024-services-in-csharp.md, addendum of ADR 32).
//!
//! In the raw layer a service is an `IntPtr`. A call *enters* the object's guard (inside the
//! method's `try`: `ObjectDisposedException` once it is disposed or consumed) to get the handle and
//! *leaves* it in the `finally`, so a `Dispose` on another thread frees the object only after the
//! call returned — what P/Invoke's `SafeHandle` marshalling (`DangerousAddRef`/`Release`) did, at
//! a fraction of its cost. A returned service is an `IntPtr` the public layer wraps in a new object.
//! A service taken by value (a consuming `self`, a by-value argument) is spent after the call: the
//! bindings dispose its object, and the guard frees the cell the value moved out of when the call
//! leaves.

use interop_core::abi::ServicePass;
use interop_core::model::{Function, FunctionKind, TypeDef};

use super::{Conversion, Cx, Definition, Family, INTPTR, ParamSpec, ReceiverSpec, ReturnSpec};
use crate::BackendError;
use crate::csharp::items;
use crate::csharp::names::Locals;
use crate::csharp::problems::{Problem, Problems};

/// The internal method that counts a call in and returns the handle, or throws
/// `ObjectDisposedException`.
pub const ENTER: &str = "__Enter";
/// The internal method that counts a call out (and frees a disposed object after its last call).
pub const LEAVE: &str = "__Leave";

/// A service in a signature: borrowed (`&T`, `&mut T`) or owned (`T`).
pub struct Service<'a> {
    pub def: &'a TypeDef,
    pub pass: ServicePass,
}

/// The declaration of a service's class.
pub struct ServiceDef<'a> {
    pub def: &'a TypeDef,
}

impl Service<'_> {
    /// After a call that took the value (`T` by value): the object is spent.
    fn spend(&self, object: &str) -> Vec<String> {
        match self.pass {
            ServicePass::Owned => vec![format!("{object}.__Close();")],
            ServicePass::Shared | ServicePass::Exclusive => Vec::new(),
        }
    }
}

impl Family for Service<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Err(Problem::new(format!(
            "service `{}` cannot be stored in other data (it is owned by one object)",
            cx.type_name(self.def)
        ))
        .fix("pass it as a parameter or return it"))
    }

    /// The handle, as an `IntPtr` (parameters and returns).
    fn raw(&self, _cx: &Cx) -> Result<String, Problem> {
        Ok(INTPTR.into())
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(cx.type_name(self.def))
    }

    /// `null` is refused with `ArgumentNullException`; a disposed or spent object with
    /// `ObjectDisposedException` (when the call enters its guard); a by-value argument is spent after
    /// the call.
    fn param(&self, cx: &Cx, name: &str, locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let handle = locals.fresh(&format!("h_{name}"));
        let mut conv = guarded(name, &handle);
        conv.decls = vec![format!("{} {name}", self.public(cx)?)];
        conv.setup.insert(
            0,
            format!(
                "if ((object){name} == null) throw new global::System.ArgumentNullException(\"{name}\");"
            ),
        );
        conv.after = self.spend(name);
        Ok(ParamSpec {
            raw: self.raw(cx)?,
            conv,
        })
    }

    /// A new object owning the returned handle (the panic check runs before: never NULL here). The
    /// factory is named through the namespace: a method named like the type it returns
    /// (`Snapshot Snapshot()`) hides the type inside its class.
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ty = self.public(cx)?;
        let namespace = &cx.s.namespace;
        Ok(ReturnSpec::direct(
            ty.clone(),
            INTPTR.into(),
            format!("global::{namespace}.{ty}.__FromNative(__ret)"),
        ))
    }

    fn receiver(&self, _cx: &Cx, locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        let handle = locals.fresh("h_self");
        let mut conv = guarded("this", &handle);
        conv.after = self.spend("this");
        Ok(ReceiverSpec {
            instance: true,
            conv,
        })
    }

    /// The `_free` import takes the raw pointer (the guard's last user calls it).
    fn destructor_param(&self, _cx: &Cx, name: &str) -> Option<ParamSpec> {
        Some(ParamSpec {
            raw: INTPTR.into(),
            conv: Conversion {
                decls: vec![format!("{INTPTR} {name}")],
                args: vec![name.to_string()],
                ..Conversion::default()
            },
        })
    }
}

/// The guard of `object` around the call: entered inside the method's `try` (so that one service
/// argument refused after another entered still leaves the first), left in its `finally` only if
/// entered; `handle` is the local holding the handle (never `IntPtr.Zero` once entered: the
/// library never returns NULL for a service).
fn guarded(object: &str, handle: &str) -> Conversion {
    Conversion {
        setup: vec![format!("{INTPTR} {handle} = {INTPTR}.Zero;")],
        pinned: vec![format!("{handle} = {object}.{ENTER}();")],
        args: vec![handle.to_string()],
        cleanup: vec![format!(
            "if ({handle} != {INTPTR}.Zero) {object}.{LEAVE}();"
        )],
        ..Conversion::default()
    }
}

impl ServiceDef<'_> {
    /// The destructor (`_free`) among the type's methods, and the others.
    pub fn split<'f>(methods: &[&'f Function]) -> (Option<&'f Function>, Vec<&'f Function>) {
        let free = methods
            .iter()
            .copied()
            .find(|f| f.kind == FunctionKind::Destructor);
        let rest = methods
            .iter()
            .copied()
            .filter(|f| f.kind != FunctionKind::Destructor)
            .collect();
        (free, rest)
    }
}

impl Definition for ServiceDef<'_> {
    fn top_level_names(&self, cx: &Cx, _methods: &[&Function]) -> Vec<(String, String)> {
        vec![(cx.type_name(self.def), format!("service `{}`", self.def.id))]
    }

    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        Ok(vec![items::service::render(cx, sink, self.def, methods)?])
    }
}
