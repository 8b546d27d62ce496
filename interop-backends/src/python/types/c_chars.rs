//! `*const c_char` and `*mut c_char`: C strings and the character buffers a function writes.
//!
//! - `*const c_char` parameter: a C string: `bytes`, or `str` (encoded as UTF-8), neither holding
//!   a NUL (`ValueError`: the C side would see a shorter string); a ctypes `char` array holding a
//!   NUL (a buffer a function filled); a `ctypes.POINTER(ctypes.c_char)` (a pointer the library
//!   returned); `None` (NULL).
//! - `*mut c_char` parameter: a writable buffer, borrowed for the call: a ctypes `char` array
//!   (`ctypes.create_string_buffer(n)`), a `bytearray` or any other writable contiguous buffer,
//!   a `ctypes.POINTER(ctypes.c_char)`, or `None`. `bytes` and `str` are immutable: `TypeError`.
//! - `*const c_char` result: `Optional[bytes]`, a copy of the string up to its NUL (`None` for
//!   NULL), taken right after the call. A `const char *` stays the library's (as in C: `strerror`,
//!   version strings); a string the caller must free is returned as `*mut c_char`.
//! - `*mut c_char` result: the pointer itself (`ctypes._Pointer[ctypes.c_char]`, falsy for NULL):
//!   whether the caller must give it back to a function of the library is not in the model, so
//!   nothing is copied or freed behind the caller's back (`ctypes.string_at(p)` reads it).
//!
//! The compiled call path does not convert these (yet): their functions stay on the ctypes path.

use super::{Copied, Family, FieldType, Lowering, WHERE};
use crate::python::types::runtime;

/// A pointer to `c_char`.
pub struct CChars {
    pub mutable: bool,
}

/// The ctypes pointer type of a `*mut c_char`.
const CHAR_POINTER: &str = "ctypes.POINTER(ctypes.c_char)";
/// Its annotation.
const CHAR_POINTER_ANNOTATION: &str = "ctypes._Pointer[ctypes.c_char]";

impl Family for CChars {
    /// `ctypes.c_char_p` for a C string (ctypes reads a result as `bytes` or `None`), `POINTER(c_char)`
    /// for a buffer (a result stays a pointer).
    fn ctype(&self) -> String {
        if self.mutable {
            CHAR_POINTER
        } else {
            "ctypes.c_char_p"
        }
        .to_string()
    }

    fn ctype_annotation(&self) -> String {
        if self.mutable {
            CHAR_POINTER_ANNOTATION
        } else {
            "Optional[bytes]"
        }
        .to_string()
    }

    fn param(&self) -> String {
        if self.mutable {
            format!(
                "Union[bytearray, memoryview, ctypes.Array[ctypes.c_char], {CHAR_POINTER_ANNOTATION}, None]"
            )
        } else {
            format!(
                "Union[bytes, str, ctypes.Array[ctypes.c_char], {CHAR_POINTER_ANNOTATION}, None]"
            )
        }
    }

    /// What the ctypes function object itself takes (`str` only through the public function).
    fn raw_param(&self) -> String {
        if self.mutable {
            format!("Union[ctypes.Array[ctypes.c_char], {CHAR_POINTER_ANNOTATION}, None]")
        } else {
            format!("Union[bytes, ctypes.Array[ctypes.c_char], {CHAR_POINTER_ANNOTATION}, None]")
        }
    }

    fn raw_return(&self) -> String {
        self.ctype_annotation()
    }

    fn expected(&self) -> String {
        if self.mutable {
            "a writable buffer (bytearray, ctypes.create_string_buffer(…)), a ctypes char pointer or None"
        } else {
            "bytes, str, a ctypes char array or pointer, or None"
        }
        .to_string()
    }

    fn lower(&self, value: &str) -> Lowering {
        let helper = if self.mutable {
            runtime::C_BUFFER_IN
        } else {
            runtime::C_STRING_IN
        };
        Lowering {
            setup: Vec::new(),
            arg: format!("{helper}({value}, \"{}\", {WHERE})", self.expected()),
            cleanup: Vec::new(),
            imports: vec![helper.to_string()],
        }
    }

    /// The target of a returned `&*const c_char`: ctypes reads it as `bytes` or `None`.
    fn copy_from(&self, pointer: &str) -> Copied {
        if self.mutable {
            return Copied {
                annotation: CHAR_POINTER_ANNOTATION.to_string(),
                expr: format!("{}({pointer})", runtime::COPY),
                imports: vec![runtime::COPY.to_string()],
            };
        }
        Copied {
            annotation: "Optional[bytes]".to_string(),
            expr: format!("{pointer}[0]"),
            imports: Vec::new(),
        }
    }

    /// As ctypes reads the field: `bytes` (a copy) or `None` for a C string, the pointer for a
    /// buffer. Written from `bytes` (ctypes keeps the object alive with the struct) or a pointer.
    fn field(&self) -> FieldType {
        let annotation = self.ctype_annotation();
        FieldType {
            init: if self.mutable {
                format!("Optional[{annotation}]")
            } else {
                annotation.clone()
            },
            annotation,
            default: "None",
            plain: self.mutable,
            access: None,
        }
    }
}
