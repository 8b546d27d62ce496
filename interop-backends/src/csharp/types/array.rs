//! Fixed-size arrays `[T; N]` (nested too), in struct fields only, flattened row-major, with
//! bounds-checked `Get<Field>(i, j)` / `Set<Field>(i, j, value)` accessors.
//!
//! Primitive elements live in a public C# `fixed` buffer of the element's stored type (the accessors
//! convert `bool` ↔ `byte`). C# allows only primitives in `fixed` buffers, so other elements (records,
//! enums, pointers, handles) live in a private `fixed` buffer of an unsigned integer as wide as the
//! element's alignment — which gives the field the offset and size the C layout gives the array — and
//! the accessors read and write them through a pointer cast.

use interop_core::model::{PointerKind, TypeRef};

use super::{ArrayElement, Conversion, Cx, Fam, Family, FieldShape};
use crate::common::capability::{Construct, Position};
use crate::csharp::names::Locals;
use crate::csharp::problems::Problem;
use crate::csharp::templates::FixedView;

/// An array of `element`, dimensions outermost first.
pub struct Array<'a> {
    pub element: Fam<'a>,
    pub element_ty: &'a TypeRef,
    pub dims: Vec<u64>,
}

/// Arrays by value are only fields (`#[ffi]` refuses them as parameters and return types), so a raw or
/// stored array type is asked for only behind a pointer.
fn only_in_fields() -> Problem {
    Problem::new("fixed-size arrays are only supported as struct fields")
        .fix("point to the first element (`*const T`) instead")
        .construct(Construct::FixedArray, Position::Pointee)
}

/// The unsigned integer as wide as `align`.
fn carrier(align: u64) -> Option<&'static str> {
    Some(match align {
        1 => "byte",
        2 => "ushort",
        4 => "uint",
        8 => "ulong",
        _ => return None,
    })
}

impl Family for Array<'_> {
    fn storage(&self, _cx: &Cx) -> Result<String, Problem> {
        Err(only_in_fields())
    }

    fn pointee(&self, cx: &Cx) -> Result<String, Problem> {
        self.element.storage(cx)
    }

    /// `&[T; N]`, `&mut [T; N]` (and their `Option`s) are C# arrays (`T[]`, `T[,]` …) of exactly that
    /// shape, pinned for the call; the callee reads and writes the array's own elements. Elements
    /// whose C# type differs from the stored one (`usize`) stay pointers, `bool` excepted (a `bool[]`
    /// holds one byte per element, 0 or 1).
    fn pointer_param(
        &self,
        cx: &Cx,
        name: &str,
        kind: PointerKind,
        _mutable: bool,
        locals: &mut Locals,
    ) -> Result<Option<Conversion>, Problem> {
        if kind == PointerKind::Raw {
            return Ok(None);
        }
        let nullable = kind != PointerKind::Reference;
        let public = self.element.public(cx)?;
        let storage = self.element.storage(cx)?;
        if self.element.converts() && public != "bool" {
            return Ok(None);
        }
        let managed = self.managed(cx)?;
        let local = locals.fresh(name);
        let shape = self
            .dims
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(" x ");
        let mut c = Conversion {
            decls: vec![format!("{managed} {name}")],
            ..Conversion::default()
        };
        if !nullable {
            c.setup.push(format!(
                "if ({name} == null) throw new global::System.ArgumentNullException(nameof({name}));"
            ));
        }
        c.setup.push(format!(
            "if ({name} != null && ({})) throw new global::System.ArgumentException(\"must be a {shape} array\", nameof({name}));",
            self.wrong_shape(name)
        ));
        let cast = if public == storage {
            String::new()
        } else {
            format!("({storage}*)")
        };
        if self.dims.len() == 1 {
            // `fixed` on a null array gives NULL.
            c.fixed.push(format!("{public}* {local} = {name}"));
            c.args.push(format!("{cast}{local}"));
        } else {
            // `&a[0, 0]`: `fixed` on a multi-dimensional array itself points at its bounds on .NET.
            let zeros = vec!["0"; self.dims.len()].join(", ");
            let ones = vec!["1"; self.dims.len()].join(", ");
            if nullable {
                c.fixed.push(format!(
                    "{public}* {local} = &({name} ?? new {public}[{ones}])[{zeros}]"
                ));
                c.args
                    .push(format!("{name} == null ? null : {cast}{local}"));
            } else {
                c.fixed
                    .push(format!("{public}* {local} = &{name}[{zeros}]"));
                c.args.push(format!("{cast}{local}"));
            }
        }
        Ok(Some(c))
    }

    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        let kind = self.element.array_element()?;
        let len: u64 = self.dims.iter().product();
        if len == 0 || len > i32::MAX as u64 {
            return Err(Problem::new(format!("array length {len} is not supported")));
        }
        let index_names = (0..self.dims.len())
            .map(|i| format!("i{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let index_params = (0..self.dims.len())
            .map(|i| format!("int i{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let bounds_check = self
            .dims
            .iter()
            .enumerate()
            .map(|(i, d)| format!("(uint)i{i} >= {d}u"))
            .collect::<Vec<_>>()
            .join(" || ");
        // Row-major: `i0 * 3 + i1`; `(i0 * 3 + i1) * 4 + i2` for three dimensions.
        let mut flat_index = "i0".to_string();
        for (i, d) in self.dims.iter().enumerate().skip(1) {
            if i > 1 {
                flat_index = format!("({flat_index})");
            }
            flat_index = format!("{flat_index} * {d} + i{i}");
        }
        let element = self.element.storage(cx)?;
        let (storage, buffer_len, slot, public_buffer) = match kind {
            ArrayElement::Fixed => (element.clone(), len, format!("__p[{flat_index}]"), true),
            ArrayElement::Reinterpreted => {
                let layout = cx
                    .inv
                    .layout_of(self.element_ty)
                    .map_err(|e| Problem::new(e.to_string()))?;
                let carrier = carrier(layout.align).ok_or_else(|| {
                    Problem::new(format!(
                        "arrays of elements aligned to {} bytes are not supported",
                        layout.align
                    ))
                })?;
                (
                    carrier.to_string(),
                    len * layout.size / layout.align,
                    format!("(({element}*)__p)[{flat_index}]"),
                    false,
                )
            }
        };
        Ok(FieldShape::Fixed(Box::new(FixedView {
            get: self.element.load(&slot),
            set: self.element.store("value"),
            public: self.element.public(cx)?,
            storage,
            len: buffer_len,
            slot,
            public_buffer,
            buffer: String::new(),
            index_params,
            index_names,
            bounds_check,
            flat_index,
            getter: String::new(),
            setter: String::new(),
        })))
    }
}

impl Array<'_> {
    /// The C# array type of a reference to this array: `byte[]`, `short[,]`.
    fn managed(&self, cx: &Cx) -> Result<String, Problem> {
        Ok(format!(
            "{}[{}]",
            self.element.public(cx)?,
            ",".repeat(self.dims.len() - 1)
        ))
    }

    /// `name.Length != 4`, `name.GetLength(0) != 2 || name.GetLength(1) != 2`.
    fn wrong_shape(&self, name: &str) -> String {
        match self.dims.as_slice() {
            [len] => format!("{name}.Length != {len}"),
            dims => dims
                .iter()
                .enumerate()
                .map(|(i, d)| format!("{name}.GetLength({i}) != {d}"))
                .collect::<Vec<_>>()
                .join(" || "),
        }
    }
}
