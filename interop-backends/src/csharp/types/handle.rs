//! Opaque types behind a pointer: a `readonly struct` wrapping the native pointer (`Handle`), with the
//! type's methods; it crosses the raw layer as `IntPtr`.

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

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ty = self.storage(cx)?;
        let result = format!("new {ty}(__ret)");
        Ok(ReturnSpec::direct(ty, INTPTR.into(), result))
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
