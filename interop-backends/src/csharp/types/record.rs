//! `#[repr(C)]` / packed records (C# `[StructLayout(Sequential)]` structs, `Pack = 1` when packed) and
//! `#[repr(transparent)]` records (a struct that crosses as its one field).

use interop_core::model::{Function, StructDef, StructLayout, TypeDef, TypeRef};

use super::{
    ArrayElement, Conversion, Cx, Definition, Fam, Family, ParamSpec, ReceiverSpec, ReturnSpec,
};
use crate::BackendError;
use crate::csharp::items;
use crate::csharp::names::Locals;
use crate::csharp::problems::{Problem, Problems};

/// A record by value.
pub struct Record<'a> {
    pub def: &'a TypeDef,
    pub ty: &'a TypeRef,
}

/// A transparent record: the C ABI sees only `inner`.
pub struct Transparent<'a> {
    pub def: &'a TypeDef,
    pub ty: &'a TypeRef,
    pub inner: Fam<'a>,
}

/// The declaration of a struct.
pub struct RecordDef<'a> {
    pub def: &'a TypeDef,
    pub s: &'a StructDef,
}

/// True when the C ABI passes and returns a `ty` in memory (a struct with misaligned fields on x86-64
/// System V), which P/Invoke does not do by itself.
fn in_memory(cx: &Cx, ty: &TypeRef) -> Result<bool, Problem> {
    Ok(cx.sysv_x64
        && cx
            .inv
            .has_misaligned_fields(ty)
            .map_err(|e| Problem::new(e.to_string()))?)
}

/// A value returned in memory: the C ABI's hidden pointer, passed first, to a local of type `name`.
fn returned_in_memory(name: String) -> ReturnSpec {
    ReturnSpec {
        public: name.clone(),
        raw: "void".into(),
        hidden: Some(format!("{name}*")),
        local: None,
        conv: Conversion {
            setup: vec![format!("{name} __ret = default({name});")],
            args: vec!["&__ret".into()],
            ..Conversion::default()
        },
        result: Some("__ret".into()),
        checks: Vec::new(),
        throws: Vec::new(),
    }
}

/// `&self` / `&mut self` of a struct: `this`, pinned.
fn receiver_by_reference(cx: &Cx, def: &TypeDef, locals: &mut Locals) -> ReceiverSpec {
    let local = locals.fresh("self");
    ReceiverSpec {
        instance: true,
        conv: Conversion {
            fixed: vec![format!("{}* {local} = &this", cx.type_name(def))],
            args: vec![local],
            ..Conversion::default()
        },
    }
}

impl Family for Record<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(cx.type_name(self.def))
    }

    fn data(&self, cx: &Cx) -> Result<super::DataCodec, Problem> {
        let ty = self.storage(cx)?;
        Ok(super::DataCodec::plain(
            ty.clone(),
            ty,
            "{v}".into(),
            "(*{p})".into(),
        ))
    }

    fn span_element(&self, cx: &Cx) -> Result<Option<String>, Problem> {
        self.storage(cx).map(Some)
    }

    fn tag(&self, cx: &Cx) -> String {
        cx.type_name(self.def)
    }

    fn array_element(&self) -> Result<ArrayElement, Problem> {
        Ok(ArrayElement::Reinterpreted)
    }

    fn by_reference(&self) -> bool {
        true
    }

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ty = self.storage(cx)?;
        if in_memory(cx, self.ty)? {
            return Ok(returned_in_memory(ty));
        }
        Ok(ReturnSpec::direct(ty.clone(), ty, "__ret".into()))
    }

    fn receiver(&self, _cx: &Cx, _locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        Ok(ReceiverSpec {
            instance: true,
            conv: Conversion {
                args: vec!["this".into()],
                ..Conversion::default()
            },
        })
    }

    fn receiver_by_reference(
        &self,
        cx: &Cx,
        _mutable: bool,
        locals: &mut Locals,
        _pointer: &dyn Fn(&mut Locals) -> Result<Conversion, Problem>,
    ) -> Result<ReceiverSpec, Problem> {
        Ok(receiver_by_reference(cx, self.def, locals))
    }
}

impl Family for Transparent<'_> {
    fn storage(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(cx.type_name(self.def))
    }

    fn data(&self, cx: &Cx) -> Result<super::DataCodec, Problem> {
        let ty = self.storage(cx)?;
        Ok(super::DataCodec::plain(
            ty.clone(),
            ty,
            "{v}".into(),
            "(*{p})".into(),
        ))
    }

    fn span_element(&self, cx: &Cx) -> Result<Option<String>, Problem> {
        self.storage(cx).map(Some)
    }

    fn tag(&self, cx: &Cx) -> String {
        cx.type_name(self.def)
    }

    fn array_element(&self) -> Result<ArrayElement, Problem> {
        Ok(ArrayElement::Reinterpreted)
    }

    fn raw(&self, cx: &Cx) -> Result<String, Problem> {
        self.inner.raw(cx)
    }

    fn by_reference(&self) -> bool {
        true
    }

    fn param(&self, cx: &Cx, name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        let raw = self.raw(cx)?;
        Ok(ParamSpec {
            conv: Conversion {
                decls: vec![format!("{} {name}", self.storage(cx)?)],
                args: vec![format!("*({raw}*)&{name}")],
                ..Conversion::default()
            },
            raw,
        })
    }

    fn ret(&self, cx: &Cx) -> Result<ReturnSpec, Problem> {
        let ty = self.storage(cx)?;
        if in_memory(cx, self.ty)? {
            return Ok(returned_in_memory(ty));
        }
        let result = format!("*({ty}*)&__ret");
        Ok(ReturnSpec::direct(ty, self.raw(cx)?, result))
    }

    fn receiver(&self, cx: &Cx, locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        let local = locals.fresh("self");
        Ok(ReceiverSpec {
            instance: true,
            conv: Conversion {
                setup: vec![format!("{} {local} = this;", self.storage(cx)?)],
                args: vec![format!("*({}*)&{local}", self.raw(cx)?)],
                ..Conversion::default()
            },
        })
    }

    fn receiver_by_reference(
        &self,
        cx: &Cx,
        _mutable: bool,
        locals: &mut Locals,
        _pointer: &dyn Fn(&mut Locals) -> Result<Conversion, Problem>,
    ) -> Result<ReceiverSpec, Problem> {
        Ok(receiver_by_reference(cx, self.def, locals))
    }
}

impl Definition for RecordDef<'_> {
    fn marshalled_type(&self, cx: &Cx) -> Option<String> {
        Some(cx.type_name(self.def))
    }

    fn top_level_names(&self, cx: &Cx, _methods: &[&Function]) -> Vec<(String, String)> {
        vec![(cx.type_name(self.def), format!("type `{}`", self.def.id))]
    }

    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        let packed = self.s.layout == StructLayout::Packed;
        Ok(
            items::record::render(cx, sink, self.def, &self.s.fields, packed, methods)?
                .into_iter()
                .collect(),
        )
    }
}
