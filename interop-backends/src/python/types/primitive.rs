//! Numbers, `bool` and `()`: ctypes' own simple types, Python's `int`, `float`, `bool` and `None`.

use interop_core::model::{ConstValue, Primitive as P};

use super::{Copied, Family, FieldType, Lowering, WHERE, runtime};
use crate::BackendError;

/// A number or `bool` by value.
#[derive(Debug, Clone, Copy)]
pub struct Primitive {
    /// The Rust primitive (its name names the codec: `_c_u32`).
    rust: P,
    ctype: &'static str,
    python: &'static str,
    /// The default of a field in the typed `__init__`.
    zero: &'static str,
    /// Bits of `usize` / `isize` on the target (`inv.target.pointer_size`).
    pointer_bits: u32,
}

impl Primitive {
    pub fn new(p: P) -> Result<Self, BackendError> {
        let (ctype, python, zero) = match p {
            P::Bool => ("ctypes.c_bool", "bool", "False"),
            P::U8 => ("ctypes.c_uint8", "int", "0"),
            P::U16 => ("ctypes.c_uint16", "int", "0"),
            P::U32 => ("ctypes.c_uint32", "int", "0"),
            P::U64 => ("ctypes.c_uint64", "int", "0"),
            P::Usize => ("ctypes.c_size_t", "int", "0"),
            P::I8 => ("ctypes.c_int8", "int", "0"),
            P::I16 => ("ctypes.c_int16", "int", "0"),
            P::I32 => ("ctypes.c_int32", "int", "0"),
            // ADR 57: negative, zero or positive.
            P::Ordering => ("ctypes.c_int32", "int", "0"),
            P::I64 => ("ctypes.c_int64", "int", "0"),
            P::Isize => ("ctypes.c_ssize_t", "int", "0"),
            P::F32 => ("ctypes.c_float", "float", "0.0"),
            P::F64 => ("ctypes.c_double", "float", "0.0"),
            other => {
                return Err(BackendError::Unsupported(format!(
                    "`{}` cannot cross by value",
                    other.rust_name()
                )));
            }
        };
        Ok(Primitive {
            rust: p,
            ctype,
            python,
            zero,
            pointer_bits: 64,
        })
    }

    /// The same primitive on a target with `pointer_size`-byte pointers (the width of `usize`).
    pub fn on_target(mut self, pointer_size: u64) -> Self {
        self.pointer_bits = 8 * pointer_size as u32;
        self
    }

    /// `(lo, hi)` of an integer primitive.
    pub fn range(&self) -> Option<(i128, i128)> {
        let (bits, signed) = match self.rust {
            P::U8 => (8, false),
            P::U16 => (16, false),
            P::U32 => (32, false),
            P::U64 => (64, false),
            P::Usize => (self.pointer_bits, false),
            P::I8 => (8, true),
            P::I16 => (16, true),
            P::I32 => (32, true),
            P::I64 => (64, true),
            P::Isize => (self.pointer_bits, true),
            _ => return None,
        };
        Some(if signed {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        })
    }

    /// The check of an integer argument `value` of this primitive (also an enum's storage):
    /// `int` (or `__index__`) in range; `expected` names the type in the `TypeError`.
    pub fn int_check(&self, value: &str, expected: &str) -> Option<Lowering> {
        let (lo, hi) = self.range()?;
        let ty = self.rust.rust_name();
        Some(Lowering::checked(
            value,
            &[format!(
                "{value} = {}({value}, {lo}, {hi}, \"{ty}\", \"{expected}\", {WHERE})",
                runtime::INT
            )],
            &[runtime::INT],
        ))
    }

    /// The kind of number for the `array` module: `u`nsigned, `i` signed, `f`loat (`None` for
    /// `bool`).
    pub fn number_kind(&self) -> Option<&'static str> {
        match self.rust {
            P::Bool => None,
            P::F32 | P::F64 => Some("f"),
            P::U8 | P::U16 | P::U32 | P::U64 | P::Usize => Some("u"),
            _ => Some("i"),
        }
    }

    /// The codec of this primitive (`_c_u32`).
    pub fn codec_name(&self) -> String {
        format!("_c_{}", self.rust.rust_name())
    }

    /// Its definition (`_Number(ctypes.c_uint32, "u")`).
    pub fn codec_expr(&self) -> String {
        match self.number_kind() {
            None => "_Bool()".to_string(),
            Some(kind) => {
                let class = if self.rust == P::U8 {
                    "_Bytes"
                } else {
                    "_Number"
                };
                format!("{class}({}, \"{kind}\")", self.ctype)
            }
        }
    }

    /// The ctypes type (also the storage of an enum).
    pub fn ctype(self) -> &'static str {
        self.ctype
    }
}

impl Family for Primitive {
    fn ctype(&self) -> String {
        self.ctype.to_string()
    }

    fn codec(&self) -> Option<super::Codec> {
        Some(super::Codec::new(&self.codec_name(), &self.codec_expr()))
    }

    fn many(&self) -> String {
        match self.rust {
            P::U8 => "bytes".to_string(),
            P::Bool => "typing.List[bool]".to_string(),
            _ => format!("array.array[{}]", self.python),
        }
    }

    fn borrows_buffers(&self) -> bool {
        true
    }

    /// `bool` takes `True` and `False` only; floats anything with `__float__` or `__index__`;
    /// integers an `int` in range.
    fn lower(&self, value: &str) -> Lowering {
        match self.rust {
            P::Bool => Lowering::checked(
                value,
                &[format!("{}({value}, {WHERE})", runtime::BOOL)],
                &[runtime::BOOL],
            ),
            P::F32 | P::F64 => Lowering::checked(
                value,
                &[format!(
                    "{value} = {}({value}, \"float\", {WHERE})",
                    runtime::FLOAT
                )],
                &[runtime::FLOAT],
            ),
            P::Ordering => Lowering::checked(
                value,
                &[format!("{value} = {}({value}, {WHERE})", runtime::ORDERING)],
                &[runtime::BAD, runtime::ORDERING],
            ),
            _ => self
                .int_check(value, "int")
                .unwrap_or_else(|| Lowering::identity(value)),
        }
    }

    fn expected(&self) -> String {
        self.python.to_string()
    }

    fn param(&self) -> String {
        self.python.to_string()
    }

    fn raw_return(&self) -> String {
        self.python.to_string()
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: self.python.to_string(),
            init: self.python.to_string(),
            default: self.zero,
            plain: false,
            access: None,
        }
    }

    /// ctypes gives a plain `int`, `float` or `bool`.
    fn copy_from(&self, pointer: &str) -> Copied {
        Copied {
            annotation: self.python.to_string(),
            expr: format!("{pointer}[0]"),
            imports: Vec::new(),
        }
    }

    fn constant(&self, value: &ConstValue) -> Result<(String, String), BackendError> {
        Ok(match *value {
            ConstValue::Bool(b) => ("bool".into(), if b { "True" } else { "False" }.into()),
            ConstValue::Int(v) => ("int".into(), v.to_string()),
            ConstValue::F32Bits(b) => ("float".into(), float(f64::from(f32::from_bits(b)))),
            ConstValue::F64Bits(b) => ("float".into(), float(f64::from_bits(b))),
            _ => {
                return Err(BackendError::Unsupported(format!(
                    "a constant `{value}` the Python backend cannot write"
                )));
            }
        })
    }
}

/// `()`: nothing crosses; the function returns `None`.
#[derive(Debug, Clone, Copy)]
pub struct Unit;

impl Family for Unit {
    fn ctype(&self) -> String {
        "None".to_string()
    }

    fn param(&self) -> String {
        "None".to_string()
    }

    fn raw_return(&self) -> String {
        "None".to_string()
    }

    fn field(&self) -> FieldType {
        FieldType {
            annotation: "None".to_string(),
            init: "None".to_string(),
            default: "None",
            plain: false,
            access: None,
        }
    }
}

/// An exact f64 as a Python expression.
pub fn float(v: f64) -> String {
    if v.is_nan() {
        "float(\"nan\")".to_string()
    } else if v.is_infinite() {
        if v > 0.0 {
            "float(\"inf\")".to_string()
        } else {
            "float(\"-inf\")".to_string()
        }
    } else {
        // `{:?}` is the shortest representation that reads back to the same f64, as Python's repr.
        let s = format!("{v:?}");
        if s.contains(['.', 'e', 'E']) {
            s
        } else {
            format!("{s}.0")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_read_back_exactly() {
        assert_eq!(float(0.5), "0.5");
        assert_eq!(float(1e300), "1e300");
        assert_eq!(float(3.0), "3.0");
        assert_eq!(float(f64::NEG_INFINITY), "float(\"-inf\")");
        assert_eq!(
            float(f64::from(f32::from_bits(0x4049_0fd0))),
            "3.141590118408203"
        );
    }
}
