//! C# literals of constants (never with digit separators: mcs miscompiles them).

use interop_core::model::{ConstValue, Primitive};

/// A C# integer literal of the given primitive type (never with digit separators).
pub fn int_literal(value: i128, ty: Primitive) -> String {
    match ty {
        Primitive::I64 | Primitive::Isize if value == i128::from(i64::MIN) => {
            "long.MinValue".into()
        }
        Primitive::I32 if value == i128::from(i32::MIN) => "int.MinValue".into(),
        Primitive::U64 | Primitive::Usize => format!("{value}UL"),
        Primitive::I64 | Primitive::Isize => format!("{value}L"),
        _ => value.to_string(),
    }
}

/// A C# float literal that reads back as exactly `v` (`0.5f`, `float.NaN`, …).
pub fn f32_literal(v: f32) -> String {
    if v.is_nan() {
        "float.NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "float.PositiveInfinity".into()
        } else {
            "float.NegativeInfinity".into()
        }
    } else {
        format!("{v:?}f")
    }
}

/// A C# double literal that reads back as exactly `v` (`3.14159d`, `double.NaN`, …).
pub fn f64_literal(v: f64) -> String {
    if v.is_nan() {
        "double.NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 {
            "double.PositiveInfinity".into()
        } else {
            "double.NegativeInfinity".into()
        }
    } else {
        format!("{v:?}d")
    }
}

/// The literal of a constant of primitive type `ty`; `None` when value and type do not match.
pub fn const_literal(value: ConstValue, ty: Primitive) -> Option<String> {
    match (value, ty) {
        (ConstValue::Bool(b), Primitive::Bool) => Some(b.to_string()),
        (ConstValue::Int(i), p) if p.is_integer() => Some(int_literal(i, p)),
        (ConstValue::F32Bits(b), Primitive::F32) => Some(f32_literal(f32::from_bits(b))),
        (ConstValue::F64Bits(b), Primitive::F64) => Some(f64_literal(f64::from_bits(b))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(
            int_literal(u64::MAX.into(), Primitive::U64),
            "18446744073709551615UL"
        );
        assert_eq!(
            int_literal(i64::MIN.into(), Primitive::I64),
            "long.MinValue"
        );
        assert_eq!(int_literal(-42, Primitive::I32), "-42");
        assert_eq!(int_literal(1 << 40, Primitive::U64), "1099511627776UL");
        assert_eq!(f64_literal(2.71), "2.71d");
        assert_eq!(f32_literal(0.5), "0.5f");
        assert_eq!(f64_literal(1e300), "1e300d");
        assert_eq!(f32_literal(f32::NAN), "float.NaN");
    }
}
