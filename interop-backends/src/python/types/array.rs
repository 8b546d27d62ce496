//! Fixed-size arrays `[T; N]` (struct fields and pointees): ctypes arrays.

use super::{Family, FieldAccess, FieldType, runtime};

/// `[T; N]`, `[[T; N]; M]` …: the element's family and the dimensions, outermost first.
pub struct Array<'a> {
    element: Box<dyn Family + 'a>,
    dims: Vec<u64>,
}

impl<'a> Array<'a> {
    pub fn new(element: Box<dyn Family + 'a>, dims: &[u64]) -> Self {
        Array {
            element,
            dims: dims.to_vec(),
        }
    }
}

impl Family for Array<'_> {
    /// `ctypes.c_float * 3 * 2` for `[[f32; 3]; 2]` (ctypes builds arrays from the inside out).
    fn ctype(&self) -> String {
        let mut out = self.element.ctype();
        for d in self.dims.iter().rev() {
            out = format!("{out} * {d}");
        }
        out
    }

    fn ctype_annotation(&self) -> String {
        let mut out = self.element.ctype_annotation();
        for _ in &self.dims {
            out = format!("ctypes.Array[{out}]");
        }
        out
    }

    fn param(&self) -> String {
        self.ctype_annotation()
    }

    fn raw_return(&self) -> String {
        self.ctype_annotation()
    }

    /// Reading gives the ctypes array (a view: `s.grid[1][0] = 5` writes into the struct); writing
    /// takes any sequence of exactly the right length (nested for arrays of arrays), else ValueError.
    fn field(&self) -> FieldType {
        let annotation = self.ctype_annotation();
        let mut accepted = self.element.field().init;
        for _ in &self.dims {
            accepted = format!("typing.Sequence[{accepted}]");
        }
        FieldType {
            init: format!("Union[{annotation}, {accepted}]"),
            annotation,
            default: "...",
            plain: true,
            access: Some(FieldAccess {
                read: None,
                write: Some(format!("{}({})", runtime::ARRAY_OF, self.ctype())),
                helpers: vec![runtime::ARRAY_OF.to_string()],
            }),
        }
    }
}
