//! C literals and escaped text: integer and floating-point constants, doc comments, pkg-config values.

use interop_core::model::Primitive;

/// Width in bits and signedness of a fixed-width integer primitive (`usize`/`isize` excluded).
fn fixed_width(p: Primitive) -> Option<(u32, bool)> {
    Some(match p {
        Primitive::U8 => (8, false),
        Primitive::U16 => (16, false),
        Primitive::U32 => (32, false),
        Primitive::U64 => (64, false),
        Primitive::I8 => (8, true),
        Primitive::I16 => (16, true),
        Primitive::I32 => (32, true),
        Primitive::I64 => (64, true),
        _ => return None,
    })
}

/// An integer literal of the exact type of `p`, valid in C99 and C++11 and usable in `#if`
/// (except `usize`/`isize`, which need a cast):
/// `UINT64_C(18446744073709551615)`, `(-INT32_C(42))`, `(-INT64_C(9223372036854775807) - 1)`.
/// Returns `None` when `value` does not fit `p`.
pub fn int_literal(p: Primitive, value: i128) -> Option<String> {
    let (bits, signed) = match p {
        // Rust guarantees usize/isize are at most 64 bits on every supported target.
        Primitive::Usize => {
            let lit = int_literal(Primitive::U64, value)?;
            return Some(format!("((size_t){lit})"));
        }
        Primitive::Isize => {
            let lit = int_literal(Primitive::I64, value)?;
            return Some(format!("((ptrdiff_t){lit})"));
        }
        other => fixed_width(other)?,
    };
    if signed {
        let max = (1i128 << (bits - 1)) - 1;
        let min = -max - 1;
        if value < min || value > max {
            return None;
        }
        Some(if value == min {
            // `-9223372036854775808` is `-` applied to a literal no signed type can hold.
            format!("(-INT{bits}_C({max}) - 1)")
        } else if value < 0 {
            format!("(-INT{bits}_C({}))", -value)
        } else {
            format!("INT{bits}_C({value})")
        })
    } else {
        let max = (1i128 << bits) - 1;
        if value < 0 || value > max {
            return None;
        }
        Some(format!("UINT{bits}_C({value})"))
    }
}

/// A `double` literal that reads back as exactly `value`. Non-finite values use `<math.h>`'s
/// `NAN`/`INFINITY` (the second result is true when `<math.h>` is needed).
pub fn f64_literal(value: f64) -> (String, bool) {
    if value.is_nan() {
        return ("((double)NAN)".to_string(), true);
    }
    if value.is_infinite() {
        let text = if value < 0.0 {
            "(-(double)INFINITY)"
        } else {
            "((double)INFINITY)"
        };
        return (text.to_string(), true);
    }
    (
        float_text(&format!("{value}"), &format!("{value:e}"), ""),
        false,
    )
}

/// A `float` literal (`f` suffix) that reads back as exactly `value`.
pub fn f32_literal(value: f32) -> (String, bool) {
    if value.is_nan() {
        return ("NAN".to_string(), true);
    }
    if value.is_infinite() {
        let text = if value < 0.0 {
            "(-INFINITY)"
        } else {
            "INFINITY"
        };
        return (text.to_string(), true);
    }
    (
        float_text(&format!("{value}"), &format!("{value:e}"), "f"),
        false,
    )
}

/// Rust's `Display`/`LowerExp` print the shortest digits that round-trip; pick the shorter spelling,
/// make sure it reads as a floating literal, and parenthesize negatives.
fn float_text(plain: &str, exp: &str, suffix: &str) -> String {
    let mut text = if plain.len() <= exp.len() + 2 {
        plain.to_string()
    } else {
        exp.to_string()
    };
    if !text.contains(['.', 'e', 'E']) {
        text.push_str(".0");
    } else if let Some(pos) = text.find('e')
        && !text[..pos].contains('.')
    {
        // `5e-324` is a valid C literal, but `5.0e-324` reads more clearly as floating.
        text.insert_str(pos, ".0");
    }
    text.push_str(suffix);
    if text.starts_with('-') {
        format!("({text})")
    } else {
        text
    }
}

/// Text that may go inside a `/* … */` comment: no comment end, no nested comment start (gcc's
/// `-Wcomment`), no trigraphs (`??/` at the end of a line would splice lines in C99), and no control
/// characters (NUL, BEL, ESC, DEL, C1 controls …; tabs stay), which are written as `\xNN`.
pub fn comment_text(line: &str) -> String {
    let mut text = String::with_capacity(line.len());
    for c in line.trim_end().chars() {
        if c.is_control() && c != '\t' {
            text.push_str(&format!("\\x{:02x}", u32::from(c)));
        } else {
            text.push(c);
        }
    }
    text.replace("*/", "*\\/")
        .replace("/*", "/\\*")
        .replace("??", "?\\?")
}

/// A value for a pkg-config `Key: value` line: one line, `$` doubled, `#` escaped.
pub fn pkg_config_value(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('$', "$$")
        .replace('#', "\\#")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_literals() {
        assert_eq!(
            int_literal(Primitive::U64, u64::MAX.into()).unwrap(),
            "UINT64_C(18446744073709551615)"
        );
        assert_eq!(int_literal(Primitive::U32, 16).unwrap(), "UINT32_C(16)");
        assert_eq!(int_literal(Primitive::U8, 255).unwrap(), "UINT8_C(255)");
        assert_eq!(int_literal(Primitive::U8, 256), None);
        assert_eq!(int_literal(Primitive::U16, -1), None);
        assert_eq!(
            int_literal(Primitive::Usize, 42).unwrap(),
            "((size_t)UINT64_C(42))"
        );
    }

    #[test]
    fn signed_literals() {
        assert_eq!(
            int_literal(Primitive::I64, i64::MIN.into()).unwrap(),
            "(-INT64_C(9223372036854775807) - 1)"
        );
        assert_eq!(
            int_literal(Primitive::I32, i32::MIN.into()).unwrap(),
            "(-INT32_C(2147483647) - 1)"
        );
        assert_eq!(
            int_literal(Primitive::I8, -128).unwrap(),
            "(-INT8_C(127) - 1)"
        );
        assert_eq!(int_literal(Primitive::I32, -42).unwrap(), "(-INT32_C(42))");
        assert_eq!(
            int_literal(Primitive::I64, i64::MAX.into()).unwrap(),
            "INT64_C(9223372036854775807)"
        );
        assert_eq!(int_literal(Primitive::I16, 32768), None);
        assert_eq!(
            int_literal(Primitive::Isize, -1).unwrap(),
            "((ptrdiff_t)(-INT64_C(1)))"
        );
        assert_eq!(int_literal(Primitive::F32, 1), None);
    }

    #[test]
    fn float_literals_round_trip() {
        assert_eq!(f64_literal(1.2345).0, "1.2345");
        assert_eq!(f64_literal(std::f64::consts::TAU).0, "6.283185307179586");
        assert_eq!(f64_literal(1.0).0, "1.0");
        assert_eq!(f64_literal(-2.5).0, "(-2.5)");
        assert_eq!(f64_literal(-0.0).0, "(-0.0)");
        assert_eq!(f64_literal(1e300).0, "1.0e300");
        assert_eq!(f64_literal(f64::MIN_POSITIVE).0, "2.2250738585072014e-308");
        assert_eq!(f64_literal(5e-324).0, "5.0e-324");
        assert_eq!(f64_literal(f64::MAX).0, "1.7976931348623157e308");
        assert_eq!(f32_literal(0.5).0, "0.5f");
        assert_eq!(f32_literal(0.1).0, "0.1f");
        assert_eq!(f32_literal(f32::MAX).0, "3.4028235e38f");
        assert_eq!(f32_literal(16777216.0).0, "16777216.0f");
        for v in [0.1f64, 1.0 / 3.0, 123456789.123, 1e-10, f64::EPSILON] {
            let (text, _) = f64_literal(v);
            assert_eq!(text.trim_matches(['(', ')']).parse::<f64>().unwrap(), v);
        }
    }

    #[test]
    fn non_finite_floats_need_math_h() {
        assert_eq!(f64_literal(f64::NAN), ("((double)NAN)".to_string(), true));
        assert_eq!(
            f64_literal(f64::NEG_INFINITY),
            ("(-(double)INFINITY)".to_string(), true)
        );
        assert_eq!(f32_literal(f32::INFINITY), ("INFINITY".to_string(), true));
        assert!(!f32_literal(1.5).1);
    }

    #[test]
    fn comments_cannot_be_closed_early() {
        assert_eq!(
            comment_text("a C comment end */ here, /* nested, ??/ trigraph  "),
            "a C comment end *\\/ here, /\\* nested, ?\\?/ trigraph"
        );
    }

    #[test]
    fn control_characters_are_escaped_in_comments() {
        assert_eq!(
            comment_text("NUL \0, bell \x07, escape \x1b[31m, delete \x7f, C1 \u{85}, tab\tok"),
            "NUL \\x00, bell \\x07, escape \\x1b[31m, delete \\x7f, C1 \\x85, tab\tok"
        );
    }

    #[test]
    fn pkg_config_values() {
        assert_eq!(
            pkg_config_value("costs $5 # not a\ncomment"),
            "costs $$5 \\# not a comment"
        );
    }
}
