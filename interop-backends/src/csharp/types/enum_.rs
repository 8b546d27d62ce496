//! C-like enums: a C# `enum` with the same underlying integer; methods of an `#[ffi] impl` on the enum
//! become extension methods in `<Enum>Extensions`.

use interop_core::model::{
    ConstValue, EnumDef as ModelEnum, Function, Primitive, TypeDef, Variant,
};

use super::{ArrayElement, Conversion, Cx, Definition, Family, ReceiverSpec};
use crate::BackendError;
use crate::csharp::items;
use crate::csharp::literals;
use crate::csharp::names::{self, Locals, pascal};
use crate::csharp::problems::{Problem, Problems};

/// An enum value.
pub struct Enum<'a> {
    pub def: &'a TypeDef,
    pub storage: Primitive,
    pub variants: &'a [Variant],
}

/// The declaration of an enum.
pub struct EnumDef<'a> {
    pub def: &'a TypeDef,
    pub e: &'a ModelEnum,
}

/// The underlying type of a C# enum stored as `storage`.
pub fn underlying(def: &TypeDef, storage: Primitive) -> Result<&'static str, Problem> {
    Ok(match storage {
        Primitive::U8 => "byte",
        Primitive::U16 => "ushort",
        Primitive::U32 => "uint",
        Primitive::U64 => "ulong",
        Primitive::I8 => "sbyte",
        Primitive::I16 => "short",
        Primitive::I32 => "int",
        Primitive::I64 => "long",
        other => {
            return Err(Problem::new(format!(
                "enum `{}` is stored as `{}`, which a C# enum cannot express",
                def.name,
                other.rust_name()
            ))
            .fix("use a fixed-width #[repr(..)] such as #[repr(u32)]"));
        }
    })
}

/// The name of the class holding an enum's methods.
pub fn extensions_class(cx: &Cx, def: &TypeDef) -> String {
    format!("{}Extensions", cx.type_name(def))
}

/// Mark a receiver declaration as the `this` of an extension method.
fn extension(mut conv: Conversion) -> ReceiverSpec {
    if let Some(decl) = conv.decls.first_mut() {
        *decl = format!("this {decl}");
    }
    ReceiverSpec {
        instance: false,
        conv,
    }
}

impl Family for Enum<'_> {
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

    fn receiver(&self, cx: &Cx, locals: &mut Locals) -> Result<ReceiverSpec, Problem> {
        Ok(extension(self.param(cx, "self", locals)?.conv))
    }

    /// `&self` is an extension method on a copy; `&mut self` a static method taking `ref` (C# 7.2 on
    /// Mono has no `ref this`).
    fn receiver_by_reference(
        &self,
        _cx: &Cx,
        mutable: bool,
        locals: &mut Locals,
        pointer: &dyn Fn(&mut Locals) -> Result<Conversion, Problem>,
    ) -> Result<ReceiverSpec, Problem> {
        let pointer = pointer(locals)?;
        Ok(if mutable {
            ReceiverSpec {
                instance: false,
                conv: pointer,
            }
        } else {
            extension(pointer)
        })
    }

    fn constant(&self, cx: &Cx, value: ConstValue) -> Result<(String, String), Problem> {
        let ConstValue::Int(v) = value else {
            return Err(Problem::new("the value does not match the constant's type"));
        };
        let tname = cx.type_name(self.def);
        let literal = match self.variants.iter().find(|x| x.value == v) {
            Some(variant) => format!(
                "{tname}.{}",
                names::member(&tname, pascal(&variant.name, cx.s.naming))
            ),
            None => format!("({tname})({})", literals::int_literal(v, self.storage)),
        };
        Ok((tname, literal))
    }
}

impl Definition for EnumDef<'_> {
    fn top_level_names(&self, cx: &Cx, methods: &[&Function]) -> Vec<(String, String)> {
        let mut out = vec![(cx.type_name(self.def), format!("type `{}`", self.def.id))];
        if !methods.is_empty() {
            out.push((
                extensions_class(cx, self.def),
                format!("the methods class of `{}`", self.def.id),
            ));
        }
        out
    }

    fn render(
        &self,
        cx: &Cx,
        sink: &mut Problems,
        methods: &[&Function],
    ) -> Result<Vec<String>, BackendError> {
        let mut blocks = Vec::new();
        blocks.extend(items::enum_::render(cx, sink, self.def, self.e)?);
        if !methods.is_empty() {
            blocks.extend(items::class::extensions(cx, sink, self.def, methods)?);
        }
        Ok(blocks)
    }
}
