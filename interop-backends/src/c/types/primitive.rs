//! Numbers and `bool` (`<stdint.h>` / `<stddef.h>` / `<stdbool.h>` types), and `void` for `()` and
//! `c_void`.

use interop_core::model::{ConstValue, Primitive};

use super::super::literals::{f32_literal, f64_literal, int_literal};
use super::{Family, Literal, Position, TypeError, named};

/// The C spelling of a primitive that crosses by value (`None` for `()`, `c_void` and primitives
/// this backend does not know).
pub fn spelling(p: Primitive) -> Option<&'static str> {
    Some(match p {
        Primitive::Bool => "bool",
        Primitive::U8 => "uint8_t",
        Primitive::U16 => "uint16_t",
        Primitive::U32 => "uint32_t",
        Primitive::U64 => "uint64_t",
        Primitive::Usize => "size_t",
        Primitive::I8 => "int8_t",
        Primitive::I16 => "int16_t",
        Primitive::I32 => "int32_t",
        Primitive::I64 => "int64_t",
        Primitive::Isize => "ptrdiff_t",
        Primitive::F32 => "float",
        Primitive::F64 => "double",
        // `char`, not `int8_t`: `"hello"` must pass to a `*const c_char` under -Werror and in C++.
        Primitive::CChar => "char",
        _ => return None,
    })
}

/// A number or `bool`, by value.
pub struct Number {
    primitive: Primitive,
    c: String,
}

impl Number {
    pub fn new(primitive: Primitive) -> Result<Self, TypeError> {
        let c = spelling(primitive).ok_or_else(|| {
            TypeError::Unsupported(format!(
                "`{}` is a primitive the C backend does not know",
                primitive.rust_name()
            ))
        })?;
        Ok(Number {
            primitive,
            c: c.to_string(),
        })
    }

    /// `core::cmp::Ordering` (ADR 57): `int32_t` under its typedef `name` (`<Prefix>Ordering`).
    pub fn ordering(name: &str) -> Self {
        Number {
            primitive: Primitive::Ordering,
            c: name.to_string(),
        }
    }
}

/// The typedef of `Ordering` in the header, named `name`.
pub fn ordering_typedef(name: &str) -> String {
    format!(
        "/* core::cmp::Ordering: negative = less, 0 = equal, positive = greater (the convention of\n \
         * qsort, strcmp and memcmp). The library returns -1, 0 or 1 and reads any value by its\n \
         * sign, so a comparator may return any int32_t. */\ntypedef int32_t {name};"
    )
}

impl<'a> Family<'a> for Number {
    fn declare(&self, const_: bool, declarator: &str, _pos: Position) -> Result<String, TypeError> {
        Ok(named(&self.c, const_, declarator))
    }

    fn literal(&self, value: ConstValue) -> Option<Literal> {
        let plain = |text: String| Literal {
            text,
            needs_math: false,
        };
        match (self.primitive, value) {
            (Primitive::Bool, ConstValue::Bool(b)) => {
                Some(plain(if b { "true" } else { "false" }.to_string()))
            }
            (Primitive::F32, ConstValue::F32Bits(bits)) => {
                let (text, needs_math) = f32_literal(f32::from_bits(bits));
                Some(Literal { text, needs_math })
            }
            (Primitive::F64, ConstValue::F64Bits(bits)) => {
                let (text, needs_math) = f64_literal(f64::from_bits(bits));
                Some(Literal { text, needs_math })
            }
            (p, ConstValue::Int(v)) => int_literal(p, v).map(plain),
            _ => None,
        }
    }
}

/// `void`: `()` as a return type, `c_void` (or `()`) behind a pointer.
pub struct Void {
    rust: &'static str,
    returnable: bool,
}

impl Void {
    pub fn unit() -> Self {
        Void {
            rust: "()",
            returnable: true,
        }
    }

    pub fn c_void() -> Self {
        Void {
            rust: "c_void",
            returnable: false,
        }
    }
}

impl<'a> Family<'a> for Void {
    fn declare(&self, const_: bool, declarator: &str, pos: Position) -> Result<String, TypeError> {
        match pos {
            Position::Pointee => Ok(named("void", const_, declarator)),
            Position::Return if self.returnable => Ok(named("void", const_, declarator)),
            _ => Err(TypeError::Unsupported(format!(
                "`{}` can only be {}",
                self.rust,
                if self.returnable {
                    "returned or pointed to"
                } else {
                    "pointed to"
                }
            ))),
        }
    }
}
