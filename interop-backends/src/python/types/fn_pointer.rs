//! Plain `extern "C" fn` pointers.

use interop_core::model::FnPointerType;

use super::{Codec, Family, FieldType, Lifting, Lowering, WHERE, runtime};

/// A plain `extern "C" fn`: a ctypes `CFUNCTYPE` object (its prototype `_FnPtrU32ToU32` in
/// `_types.py`); a Python callable is wrapped in one for the call.
pub struct FnPointer<'a> {
    pub f: &'a FnPointerType,
    /// `_c_fnptr_U32ToU32`.
    pub proto: String,
    pub annotation: String,
    pub proto_expr: String,
}

impl Family for FnPointer<'_> {
    fn ctype(&self) -> String {
        "ctypes.c_void_p".into()
    }

    fn param(&self) -> String {
        if self.f.nullable {
            format!("Optional[{}]", self.annotation)
        } else {
            self.annotation.clone()
        }
    }

    fn raw_param(&self) -> String {
        "Optional[int]".into()
    }

    fn raw_return(&self) -> String {
        "Optional[int]".into()
    }

    fn returns(&self) -> String {
        format!("Optional[{}]", self.annotation)
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: "Optional[int]".into(),
            init: "Optional[int]".into(),
            default: "None",
            plain: false,
            access: None,
        }
    }

    /// A Python callable becomes a `CFUNCTYPE` object kept alive for the call (a library that keeps
    /// the pointer needs the caller to keep it: pass a `CFUNCTYPE` object you keep).
    fn lower(&self, value: &str) -> Lowering {
        let local = format!("_f_{value}");
        Lowering {
            setup: vec![format!(
                "{local} = _fn_pointer_in({}, {value}, {WHERE}, {})",
                self.proto,
                if self.f.nullable { "True" } else { "False" }
            )],
            arg: format!("ctypes.cast({local}, ctypes.c_void_p).value"),
            cleanup: Vec::new(),
            imports: vec![
                runtime::CALLBACKS.to_string(),
                "_fn_pointer_in".to_string(),
                self.proto.clone(),
            ],
        }
    }

    fn lift(&self) -> Lifting {
        Lifting {
            expr: Some(format!(
                "{}({raw}) if {raw} else None",
                self.proto,
                raw = super::RAW
            )),
            imports: vec![runtime::CALLBACKS.to_string(), self.proto.clone()],
        }
    }

    fn codecs(&self) -> Vec<Codec> {
        vec![Codec::new(&self.proto, &self.proto_expr)]
    }
}
