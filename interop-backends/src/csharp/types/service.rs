//! Services (`#[ffi(service)]`): a `sealed class : IDisposable` owning a `SafeHandle` (its nested
//! `NativeHandle`) whose `ReleaseHandle` calls the type's `_free` (see [`crate::csharp::items::service`]
//! and docs/adr/0024-services-in-csharp.md).
//!
//! In the raw layer a borrowed or moved service is the `NativeHandle` itself: P/Invoke adds a
//! reference to it for the call, so a `Dispose` on another thread frees the object only after the
//! call returned. A returned service is an `IntPtr` the public layer wraps in a new object. A service
//! taken by value (a consuming `self`, a by-value argument) is spent after the call: the bindings
//! dispose its object, which frees the cell the value moved out of.

use interop_core::abi::ServicePass;
use interop_core::model::{Function, FunctionKind, TypeDef};

use super::{Conversion, Cx, Definition, Family, INTPTR, ParamSpec, ReceiverSpec, ReturnSpec};
use crate::BackendError;
use crate::csharp::items;
use crate::csharp::names::Locals;
use crate::csharp::problems::{Problem, Problems};

/// The nested `SafeHandle` class of every service class.
pub const NATIVE_HANDLE: &str = "NativeHandle";
/// The internal property that returns the live handle or throws `ObjectDisposedException`.
pub const LIVE: &str = "__Live";

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
            ServicePass::Owned => vec![format!("{object}.Dispose();")],
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

    /// The nested `SafeHandle` (parameters); returns are `IntPtr` (see [`Family::ret`]).
    fn raw(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(format!("{}.{NATIVE_HANDLE}", cx.type_name(self.def)))
    }

    fn public(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(cx.type_name(self.def))
    }

    /// `null` is refused with `ArgumentNullException`; a disposed or spent object with
    /// `ObjectDisposedException`; a by-value argument is spent after the call.
    fn param(&self, cx: &Cx, name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        Ok(ParamSpec {
            raw: self.raw(cx)?,
            conv: Conversion {
                decls: vec![format!("{} {name}", self.public(cx)?)],
                setup: vec![format!(
                    "if ((object){name} == null) throw new global::System.ArgumentNullException(\"{name}\");"
                )],
                args: vec![format!("{name}.{LIVE}")],
                after: self.spend(name),
                ..Conversion::default()
            },
        })
    }

    /// A new object owning the returned handle (the panic check runs before: never NULL here).
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ty = self.public(cx)?;
        Ok(ReturnSpec::direct(
            ty.clone(),
            INTPTR.into(),
            format!("{ty}.__FromNative(__ret)"),
        ))
    }

    fn receiver(&self, _cx: &Cx, _locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        Ok(ReceiverSpec {
            instance: true,
            conv: Conversion {
                args: vec![LIVE.into()],
                after: self.spend("this"),
                ..Conversion::default()
            },
        })
    }

    /// The `_free` import takes the raw pointer: `ReleaseHandle` calls it when the handle is already
    /// closed (P/Invoke would refuse to marshal it).
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
