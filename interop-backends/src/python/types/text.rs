//! Text: `&str` and `String` are `str` (UTF-8 encoded into a view for the call, copied out of a
//! returned buffer, which is freed); `&CStr` is `str` or `bytes` in, `str` out.

use super::{Codec, Family, FieldType, Lifting, Lowering, WHERE};

/// `&str` (`owned: false`) or `String` (`owned: true`).
pub struct Text {
    pub owned: bool,
}

impl Family for Text {
    /// Inside data: a view (`&str`) or an owned buffer (`String`).
    fn ctype(&self) -> String {
        if self.owned { "_Buffer" } else { "_View" }.to_string()
    }

    /// An argument is always a view of UTF-8 (the library copies a `String`).
    fn arg_ctype(&self) -> String {
        "_ViewIn".to_string()
    }

    fn param(&self) -> String {
        "str".to_string()
    }

    fn raw_param(&self) -> String {
        "_ViewIn".to_string()
    }

    fn raw_return(&self) -> String {
        self.ctype()
    }

    fn returns(&self) -> String {
        "str".to_string()
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: "str".to_string(),
            init: "str".to_string(),
            default: "\"\"",
            plain: false,
            access: None,
        }
    }

    /// Encoded (a lone surrogate raises ValueError naming the parameter); the view keeps the bytes.
    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_a_{value}");
        Lowering {
            setup: vec![format!("{local} = _str_in({value}, {WHERE})")],
            arg: local,
            cleanup: Vec::new(),
            imports: vec!["_str_in".to_string()],
        }
    }

    /// A returned `String`: decoded (one copy), then freed.
    fn lift(&self) -> Lifting {
        Lifting::call("_take_str".to_string())
    }

    /// A borrowed `&str` argument of a closure: decoded (a copy; Rust's memory is not freed).
    fn callback_lift(&self) -> Option<String> {
        (!self.owned).then(|| "_c_str.lift(v)".to_string())
    }

    /// The compiled path borrows a `str`'s UTF-8 and leaves the rest to `_str_in` (its errors).
    fn native_param_class(&self) -> Option<String> {
        Some(format!("({}._str_in,)", super::runtime::TYPES_MODULE))
    }

    fn codec(&self) -> Option<Codec> {
        Some(if self.owned {
            Codec::new("_c_string", "_StringCodec()")
        } else {
            Codec::new("_c_str", "_StrCodec()")
        })
    }
}

/// `&CStr`: a NUL-terminated `const char *`.
pub struct CStr {
    /// `Option<&CStr>` (a parameter only): `None` is a NULL pointer.
    pub nullable: bool,
}

impl Family for CStr {
    fn ctype(&self) -> String {
        "ctypes.c_void_p".to_string()
    }

    fn arg_ctype(&self) -> String {
        "ctypes.c_char_p".to_string()
    }

    fn param(&self) -> String {
        if self.nullable {
            "Optional[Union[str, bytes]]".to_string()
        } else {
            "Union[str, bytes]".to_string()
        }
    }

    fn raw_param(&self) -> String {
        if self.nullable {
            "Optional[bytes]".to_string()
        } else {
            "bytes".to_string()
        }
    }

    fn raw_return(&self) -> String {
        "Optional[int]".to_string()
    }

    fn returns(&self) -> String {
        "str".to_string()
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: "str".to_string(),
            init: "Union[str, bytes]".to_string(),
            default: "\"\"",
            plain: false,
            access: None,
        }
    }

    /// Encoded and checked for NUL (ValueError naming the parameter); `None` is NULL when nullable.
    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_a_{value}");
        let encoded = format!("_c_str_in({value}, {WHERE})");
        Lowering {
            setup: vec![if self.nullable {
                format!("{local} = None if {value} is None else {encoded}")
            } else {
                format!("{local} = {encoded}")
            }],
            arg: local,
            cleanup: Vec::new(),
            imports: vec!["_c_str_in".to_string()],
        }
    }

    /// A returned `&'static CStr`: decoded, never freed.
    fn lift(&self) -> Lifting {
        Lifting::call("_c_str_out".to_string())
    }

    /// The compiled path passes a `str`'s UTF-8 form or a `bytes`' buffer (both NUL-terminated)
    /// and leaves the rest (a NUL inside, a lone surrogate, another type) to `_c_str_in`.
    fn native_param_class(&self) -> Option<String> {
        Some(format!("({}._c_str_in,)", super::runtime::TYPES_MODULE))
    }

    fn codec(&self) -> Option<Codec> {
        Some(Codec::new("_c_cstr", "_CStrCodec()"))
    }
}
