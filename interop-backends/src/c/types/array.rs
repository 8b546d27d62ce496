//! Fixed-size arrays: `T f[M][N]`, only as struct fields and behind pointers (C cannot pass or return
//! an array by value).

use super::{Family, Position, TypeError};

/// `[[T; N]; M]`: the element's family and the dimensions, outermost first.
pub struct Array<'a> {
    pub element: Box<dyn Family<'a> + 'a>,
    pub dims: Vec<u64>,
}

impl<'a> Family<'a> for Array<'a> {
    fn declare(&self, const_: bool, declarator: &str, pos: Position) -> Result<String, TypeError> {
        if pos != Position::Field && pos != Position::Pointee {
            return Err(TypeError::Unsupported(
                "C cannot pass or return arrays by value; wrap the array in a struct".into(),
            ));
        }
        if self.dims.contains(&0) {
            return Err(TypeError::Unsupported("C has no zero-length arrays".into()));
        }
        let mut inner = declarator.to_string();
        for len in &self.dims {
            inner.push_str(&format!("[{len}]"));
        }
        self.element.declare(const_, &inner, Position::Field)
    }

    fn records_behind_pointer(&self, behind: bool, out: &mut Vec<&'a str>) {
        self.element.records_behind_pointer(behind, out);
    }

    fn binds_tighter_than_pointer(&self) -> bool {
        true
    }
}
