//! C-like enums: a typedef of the exact storage integer, variants as macros of that type (a C `enum`
//! has an implementation-defined width and, before C23, only `int` values).

use interop_core::model::{ConstValue, EnumDef, Primitive, Variant};

use super::super::literals::int_literal;
use super::{Family, Literal, Position, TypeError, named, primitive};

/// An enum by value (spelled by its typedef name).
pub struct Enum {
    pub name: String,
    pub storage: Primitive,
}

impl<'a> Family<'a> for Enum {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        Ok(named(&self.name, const_, declarator))
    }

    /// An enum-typed constant: `((Color)INT32_C(1))`.
    fn literal(&self, value: ConstValue) -> Option<Literal> {
        let ConstValue::Int(v) = value else {
            return None;
        };
        Some(Literal {
            text: format!("(({}){})", self.name, int_literal(self.storage, v)?),
            needs_math: false,
        })
    }
}

/// The C type of the enum's typedef (`uint8_t` for `#[repr(u8)]`).
pub fn storage(e: &EnumDef) -> Result<&'static str, String> {
    primitive::spelling(e.storage)
        .filter(|_| e.storage.is_integer())
        .ok_or_else(|| format!("is stored as `{}`, not an integer", e.storage.rust_name()))
}

/// The value of a variant macro: small values read best as plain numbers (the macro's cast gives
/// them the enum's type), others are exact literals of the storage type.
pub fn variant_value(e: &EnumDef, v: &Variant) -> Result<String, String> {
    let literal = int_literal(e.storage, v.value).ok_or_else(|| {
        format!(
            "variant `{}` = {} does not fit the enum's storage `{}`",
            v.rust_name,
            v.value,
            e.storage.rust_name()
        )
    })?;
    Ok(if (-(1i128 << 31) < v.value) && v.value < (1i128 << 31) {
        v.value.to_string()
    } else {
        literal
    })
}
