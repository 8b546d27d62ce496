//! Opaque types behind a pointer: a `readonly struct` wrapping the native pointer (`Handle`), with the
//! type's methods; it crosses the raw layer as `IntPtr`.
//!
//! For a type with a destructor (`#[ffi(destructor)]`), the raw layer remembers the pointers the
//! destructor freed: destroying one again throws `ObjectDisposedException` (copies of the struct
//! share the pointer, so the record is process-wide, keyed by the pointer). A pointer a function
//! returns again (the allocator reuses addresses) is live again.

use interop_core::model::{Function, TypeDef};

use super::{
    ArrayElement, Conversion, Cx, Definition, Family, INTPTR, ParamSpec, ReceiverSpec, ReturnSpec,
};
use crate::BackendError;
use crate::csharp::items;
use crate::csharp::names::Locals;
use crate::csharp::problems::{Problem, Problems};

/// A pointer to an opaque type.
pub struct Handle<'a> {
    pub def: &'a TypeDef,
}

/// The declaration of an opaque type's handle struct.
pub struct HandleDef<'a> {
    pub def: &'a TypeDef,
}

impl Family for Handle<'_> {
    /// In memory (a field, a pointer's target) the handle struct itself: one `IntPtr`, same layout.
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(cx.type_name(self.def))
    }

    fn array_element(&self) -> Result<ArrayElement, Problem> {
        Ok(ArrayElement::Reinterpreted)
    }

    fn raw(&self, _cx: &Cx) -> Result<String, Problem> {
        Ok(INTPTR.into())
    }

    fn param(&self, cx: &Cx, name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        Ok(ParamSpec {
            raw: self.raw(cx)?,
            conv: Conversion {
                decls: vec![format!("{} {name}", self.storage(cx)?)],
                args: vec![format!("{name}.Handle")],
                ..Conversion::default()
            },
        })
    }

    /// A handle of a type with a destructor is no longer "destroyed" once a function returns it (the
    /// allocator reuses addresses).
    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ty = self.storage(cx)?;
        let result = if cx.has_destructor(&self.def.id) {
            format!("new {ty}({}.Returned(__ret))", cx.s.native_class)
        } else {
            format!("new {ty}(__ret)")
        };
        Ok(ReturnSpec::direct(ty, INTPTR.into(), result))
    }

    /// The destructor refuses a handle it destroyed before (and was not returned again since):
    /// `ObjectDisposedException` instead of a double free.
    fn destroying(&self, cx: &Cx, name: &str) -> Result<Vec<String>, Problem> {
        Ok(vec![format!(
            "{}.Destroying({name}.Handle, \"{}\");",
            cx.s.native_class,
            cx.type_name(self.def)
        )])
    }

    fn receiver(&self, _cx: &Cx, _locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        Ok(ReceiverSpec {
            instance: true,
            conv: Conversion {
                args: vec!["Handle".into()],
                ..Conversion::default()
            },
        })
    }
}

impl Definition for HandleDef<'_> {
    fn top_level_names(&self, cx: &Cx, _methods: &[&Function]) -> Vec<(String, String)> {
        vec![(cx.type_name(self.def), format!("type `{}`", self.def.id))]
    }

    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        Ok(vec![items::handle::render(cx, sink, self.def, methods)?])
    }
}
