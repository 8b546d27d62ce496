//! Primitives (`bool`, integers, floats), `()` and `c_void`.
//!
//! Public types are the natural C# ones; `bool` crosses as one byte (`byte`, 0 or 1), `usize`/`isize`
//! as `UIntPtr`/`IntPtr` and appear as `ulong`/`long`.

use interop_core::model::{ConstValue, PointerKind, Primitive};

use super::{
    ArrayElement, Conversion, Cx, Family, FieldShape, Helper, INTPTR, ParamSpec, ReturnSpec,
    UINTPTR,
};
use crate::csharp::literals;
use crate::csharp::names::{Locals, bare};
use crate::csharp::problems::Problem;

/// A primitive by value.
pub struct Prim(pub Primitive);

/// `()`: a return type only.
pub struct Unit;

/// `c_void`: a pointer target only (`void*`).
pub struct Void;

/// The C# type a primitive is stored and passed as.
fn storage(p: Primitive) -> Result<&'static str, Problem> {
    Ok(match p {
        Primitive::Bool | Primitive::U8 => "byte",
        Primitive::U16 => "ushort",
        Primitive::U32 => "uint",
        Primitive::U64 => "ulong",
        Primitive::Usize => UINTPTR,
        Primitive::I8 => "sbyte",
        Primitive::I16 => "short",
        Primitive::I32 => "int",
        // ADR 57: the .NET comparer convention (negative, zero, positive).
        Primitive::Ordering => "int",
        Primitive::I64 => "long",
        Primitive::Isize => INTPTR,
        Primitive::F32 => "float",
        Primitive::F64 => "double",
        Primitive::CVoid => "void",
        // A C `char` (signed or not depending on the target): one byte, behind pointers only.
        Primitive::CChar => "byte",
        Primitive::Unit => return Err(unit_only_returned()),
        other => {
            return Err(Problem::new(format!(
                "`{}` is not supported",
                other.rust_name()
            )));
        }
    })
}

/// The public C# type of a primitive.
pub fn public(p: Primitive) -> Result<&'static str, Problem> {
    Ok(match p {
        Primitive::Bool => "bool",
        Primitive::Usize => "ulong",
        Primitive::Isize => "long",
        other => storage(other)?,
    })
}

fn unit_only_returned() -> Problem {
    Problem::new("`()` is only allowed as a return type")
}

impl Family for Prim {
    fn storage(&self, _cx: &Cx) -> Result<String, Problem> {
        storage(self.0).map(str::to_string)
    }

    fn data(&self, cx: &Cx) -> Result<super::DataCodec, Problem> {
        Ok(super::DataCodec::plain(
            self.public(cx)?,
            self.storage(cx)?,
            self.store("{v}"),
            self.load("(*{p})"),
        ))
    }

    /// `bool` is one byte, 0 or 1, in a `bool[]` too; `usize`/`isize` are `ulong`/`long` in memory
    /// on 64-bit targets.
    fn span_element(&self, cx: &Cx) -> Result<Option<String>, Problem> {
        Ok(match self.0 {
            Primitive::Usize | Primitive::Isize if cx.inv.target.pointer_size != 8 => None,
            _ => Some(self.public(cx)?),
        })
    }

    fn tag(&self, _cx: &Cx) -> String {
        let mut name = self.0.rust_name().to_string();
        name[..1].make_ascii_uppercase();
        name
    }

    fn public(&self, _cx: &Cx) -> Result<String, Problem> {
        public(self.0).map(str::to_string)
    }

    fn store(&self, expr: &str) -> String {
        match self.0 {
            Primitive::Bool => format!("({expr} ? (byte)1 : (byte)0)"),
            Primitive::Usize => format!("({UINTPTR})({expr})"),
            Primitive::Isize => format!("({INTPTR})({expr})"),
            _ => expr.to_string(),
        }
    }

    fn load(&self, expr: &str) -> String {
        match self.0 {
            Primitive::Bool => format!("{expr} != 0"),
            Primitive::Usize => format!("(ulong){expr}"),
            Primitive::Isize => format!("(long){expr}"),
            _ => expr.to_string(),
        }
    }

    fn converts(&self) -> bool {
        matches!(
            self.0,
            Primitive::Bool | Primitive::Usize | Primitive::Isize
        )
    }

    fn by_reference(&self) -> bool {
        self.0 != Primitive::CChar
    }

    /// `*const c_char` (a C string): a `string`, passed as a NUL-terminated UTF-8 copy pinned for the
    /// call (`null` passes NULL; a string holding NUL is an `ArgumentException`). `*mut c_char` (a
    /// buffer the callee writes) stays `byte*`.
    fn pointer_param(
        &self,
        cx: &Cx,
        name: &str,
        kind: PointerKind,
        mutable: bool,
        locals: &mut Locals,
    ) -> Result<Option<Conversion>, Problem> {
        if self.0 != Primitive::CChar || kind != PointerKind::Raw || mutable {
            return Ok(None);
        }
        let bytes = locals.fresh(&format!("{}_utf8", bare(name)));
        let pinned = locals.fresh(name);
        Ok(Some(Conversion {
            decls: vec![format!("string {name}")],
            setup: vec![format!(
                "byte[] {bytes} = {}.Utf8z({name}, nameof({name}));",
                cx.s.native_class
            )],
            fixed: vec![format!("byte* {pinned} = {bytes}")],
            args: vec![pinned],
            helpers: [Helper::Utf8z].into(),
            ..Conversion::default()
        }))
    }

    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        if !self.converts() {
            return Ok(FieldShape::Plain {
                ty: self.storage(cx)?,
            });
        }
        Ok(FieldShape::Converted {
            public: self.public(cx)?,
            storage: self.storage(cx)?,
            get: self.load("{}"),
            set: self.store("value"),
        })
    }

    fn constant(&self, _cx: &Cx, value: ConstValue) -> Result<(String, String), Problem> {
        let literal = literals::const_literal(value, self.0)
            .ok_or_else(|| Problem::new("the value does not match the constant's type"))?;
        Ok((public(self.0)?.to_string(), literal))
    }

    fn array_element(&self) -> Result<ArrayElement, Problem> {
        if matches!(self.0, Primitive::Usize | Primitive::Isize) {
            // `UIntPtr` cannot be in a fixed buffer, and its width differs between the runtimes one
            // NuGet package serves.
            return Err(Problem::new(format!(
                "arrays of `{}` are not supported",
                self.0.rust_name()
            ))
            .fix("use `u64` / `i64` elements"));
        }
        Ok(ArrayElement::Fixed)
    }
}

impl Family for Unit {
    fn storage(&self, _cx: &Cx) -> Result<String, Problem> {
        Err(unit_only_returned())
    }

    fn param(&self, _cx: &Cx, _name: &str, _locals: &mut Locals) -> Result<ParamSpec, Problem> {
        Err(unit_only_returned())
    }

    fn ret(&self, _cx: &Cx) -> Result<ReturnSpec, Problem> {
        Ok(ReturnSpec::void())
    }

    fn field(&self, _cx: &Cx) -> Result<FieldShape, Problem> {
        Err(Problem::new("a field of type `()` has no size"))
    }
}

impl Family for Void {
    fn storage(&self, _cx: &Cx) -> Result<String, Problem> {
        Ok("void".into())
    }

    fn raw(&self, _cx: &Cx) -> Result<String, Problem> {
        Err(Problem::new("`c_void` is only allowed behind a pointer"))
    }

    fn field(&self, _cx: &Cx) -> Result<FieldShape, Problem> {
        Err(Problem::new("a field of type `c_void` has no size"))
    }
}
