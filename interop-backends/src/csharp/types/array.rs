//! Fixed-size arrays `[T; N]` (nested too), in struct fields only: a C# `fixed` buffer of the element's
//! stored type, flattened row-major, with bounds-checked `Get<Field>(i, j)` / `Set<Field>(i, j, value)`
//! accessors that convert elements (`bool` ↔ `byte`).

use super::{Cx, Fam, Family, FieldShape};
use crate::common::capability::{Construct, Position};
use crate::csharp::problems::Problem;
use crate::csharp::templates::FixedView;

/// An array of `element`, dimensions outermost first.
pub struct Array<'a> {
    pub element: Fam<'a>,
    pub dims: Vec<u64>,
}

/// Arrays by value are only fields (`#[ffi]` refuses them as parameters and return types), so a raw or
/// stored array type is asked for only behind a pointer.
fn only_in_fields() -> Problem {
    Problem::new("fixed-size arrays are only supported as struct fields")
        .fix("point to the first element (`*const T`) instead")
        .construct(Construct::FixedArray, Position::Pointee)
}

impl Family for Array<'_> {
    fn storage(&self, _cx: &Cx) -> Result<String, Problem> {
        Err(only_in_fields())
    }

    fn field(&self, cx: &Cx) -> Result<FieldShape, Problem> {
        self.element.array_element()?;
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
        Ok(FieldShape::Fixed(FixedView {
            storage: self.element.storage(cx)?,
            public: self.element.public(cx)?,
            len,
            get: self.element.load(&format!("__p[{flat_index}]")),
            set: self.element.store("value"),
            index_params,
            index_names,
            bounds_check,
            flat_index,
            getter: String::new(),
            setter: String::new(),
        }))
    }
}
