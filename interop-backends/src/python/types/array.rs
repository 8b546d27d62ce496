//! Fixed-size arrays `[T; N]` (struct fields and pointees): ctypes arrays.

use super::{Family, FieldType};

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

    fn field(&self) -> FieldType {
        let annotation = self.ctype_annotation();
        FieldType {
            init: annotation.clone(),
            annotation,
            default: "...",
            plain: true,
        }
    }
}
