//! Services (`#[ffi(service)]`): a `sealed class : IDisposable` owning the native handle and a
//! plain closed flag (see [`crate::csharp::items::service`] and
//! docs/adr/0040-csharp-services-without-a-guard-word.md).
//!
//! In the raw layer a service is an `IntPtr`. A call reads the object's flag and gets the handle
//! (`__Handle()`: `ObjectDisposedException` once it is disposed or consumed), passes it to the raw
//! import, and ends with `GC.KeepAlive` of the object, so the finalizer (which frees the handle)
//! cannot run during the call. `Dispose` calls the type's `_dispose`, which waits for the calls in
//! progress in the library's lock and drops the value; a call that raced past the flag finds the
//! cell closed (the library's "closed" error, `ObjectDisposedException`). A returned service is an
//! `IntPtr` the public layer wraps in a new object. A service taken by value (a consuming `self`, a
//! by-value argument) is spent after the call: the bindings mark its object consumed.

use interop_core::abi::ServicePass;
use interop_core::model::{Function, FunctionKind, TypeDef};

use super::{Conversion, Cx, Definition, Family, INTPTR, ParamSpec, ReceiverSpec, ReturnSpec};
use crate::BackendError;
use crate::csharp::items;
use crate::csharp::names::Locals;
use crate::csharp::problems::{Problem, Problems};

/// The internal method that checks the closed flag and returns the handle, or throws
/// `ObjectDisposedException`.
pub const HANDLE: &str = "__Handle";

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
            ServicePass::Owned => vec![format!("{object}.__Consumed();")],
            // The object stays reachable until the call returned (its finalizer frees the handle).
            ServicePass::Shared | ServicePass::Exclusive => {
                vec![format!("global::System.GC.KeepAlive({object});")]
            }
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
    /// `ObjectDisposedException` (when its handle is read, inside the call's `try`); a by-value
    /// argument is spent after the call.
    fn param(&self, cx: &Cx, name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let mut conv = handle_of(name);
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

    fn receiver(&self, _cx: &Cx, _locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        let mut conv = handle_of("this");
        conv.after = self.spend("this");
        Ok(ReceiverSpec {
            instance: true,
            conv,
        })
    }

    /// The `_free` import takes the raw pointer (the finalizer calls it).
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

/// The handle of `object` as the call's argument: read when the arguments are evaluated, inside
/// the method's `try` when it has one (so that a refused object still runs the cleanup of the
/// arguments before it).
fn handle_of(object: &str) -> Conversion {
    Conversion {
        args: vec![format!("{object}.{HANDLE}()")],
        ..Conversion::default()
    }
}

impl ServiceDef<'_> {
    /// The destructor (`_free`) and the dispose (`_dispose`) among the type's methods, and the
    /// others.
    pub fn split<'f>(
        methods: &[&'f Function],
    ) -> (
        Option<&'f Function>,
        Option<&'f Function>,
        Vec<&'f Function>,
    ) {
        let find = |kind| methods.iter().copied().find(|f| f.kind == kind);
        let rest = methods
            .iter()
            .copied()
            .filter(|f| !matches!(f.kind, FunctionKind::Destructor | FunctionKind::Dispose))
            .collect();
        (
            find(FunctionKind::Destructor),
            find(FunctionKind::Dispose),
            rest,
        )
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
