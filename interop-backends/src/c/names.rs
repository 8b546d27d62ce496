//! C identifiers: keyword escaping, macro-style names, include guards.

use std::collections::BTreeSet;

use heck::ToShoutySnakeCase;

/// Words a generated name must not be, in C (C99 … C23) or C++ (up to C++23), plus the macros and
/// typedefs the header's own includes (`<stdbool.h>`, `<stddef.h>`, `<stdint.h>`) define.
const RESERVED: &[&str] = &[
    // C keywords
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "typeof",
    "typeof_unqual",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "_Alignas",
    "_Alignof",
    "_Atomic",
    "_BitInt",
    "_Bool",
    "_Complex",
    "_Decimal128",
    "_Decimal32",
    "_Decimal64",
    "_Generic",
    "_Imaginary",
    "_Noreturn",
    "_Static_assert",
    "_Thread_local",
    // C++ keywords (and C23 keywords shared with C++)
    "alignas",
    "alignof",
    "and",
    "and_eq",
    "asm",
    "bitand",
    "bitor",
    "bool",
    "catch",
    "char16_t",
    "char32_t",
    "char8_t",
    "class",
    "compl",
    "concept",
    "consteval",
    "constexpr",
    "constinit",
    "const_cast",
    "co_await",
    "co_return",
    "co_yield",
    "decltype",
    "delete",
    "dynamic_cast",
    "explicit",
    "export",
    "false",
    "friend",
    "mutable",
    "namespace",
    "new",
    "noexcept",
    "not",
    "not_eq",
    "nullptr",
    "operator",
    "or",
    "or_eq",
    "private",
    "protected",
    "public",
    "reinterpret_cast",
    "requires",
    "static_assert",
    "static_cast",
    "template",
    "this",
    "thread_local",
    "throw",
    "true",
    "try",
    "typeid",
    "typename",
    "using",
    "virtual",
    "wchar_t",
    "xor",
    "xor_eq",
    // Macros and typedefs of the included headers
    "NULL",
    "offsetof",
    "size_t",
    "ptrdiff_t",
    "max_align_t",
    "int8_t",
    "int16_t",
    "int32_t",
    "int64_t",
    "uint8_t",
    "uint16_t",
    "uint32_t",
    "uint64_t",
    "intptr_t",
    "uintptr_t",
    "intmax_t",
    "uintmax_t",
    "__bool_true_false_are_defined",
];

/// True when `name` may not be used as-is for a generated identifier.
pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// True for a syntactically valid C identifier (ASCII letters, digits, `_`; not starting with a digit).
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Escape a name that is a keyword (or otherwise taken) by appending `_` until it is free:
/// `class` → `class_`, and `class` next to an existing `class_` → `class__`.
pub fn escape(name: &str, taken: &BTreeSet<String>) -> String {
    escape_with(name, |n| taken.contains(n))
}

/// [`escape`] with a membership test instead of a set, so callers can check several sets
/// without merging (cloning) them.
pub fn escape_with(name: &str, is_taken: impl Fn(&str) -> bool) -> String {
    let mut out = name.to_string();
    while is_reserved(&out) || is_taken(&out) {
        out.push('_');
    }
    out
}

/// A field or parameter name: tuple-style names (`0`) get a leading `_`, keywords a trailing `_`.
/// `taken` holds names that may not be reused in this scope (earlier names, type names).
#[cfg(test)]
pub fn local_name(name: &str, taken: &BTreeSet<String>) -> String {
    local_name_with(name, |n| taken.contains(n))
}

/// [`local_name`] with a membership test instead of a set.
pub fn local_name_with(name: &str, is_taken: impl Fn(&str) -> bool) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        escape_with(&format!("_{name}"), is_taken)
    } else {
        escape_with(name, is_taken)
    }
}

/// SCREAMING_SNAKE form used for enum variant and constant macros (`MinusOne` → `MINUS_ONE`).
pub fn shouty(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// The include guard for a header file name: `my-lib.h` → `MY_LIB_H`.
pub fn include_guard(header: &str) -> String {
    let mut guard: String = header
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    // Identifiers starting with `_` + capital or containing `__` are reserved; keep the guard clean.
    while guard.contains("__") {
        guard = guard.replace("__", "_");
    }
    let guard = guard.trim_matches('_').to_string();
    if guard.is_empty() || guard.starts_with(|c: char| c.is_ascii_digit()) {
        format!("INTEROP_{guard}")
    } else {
        guard
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_get_a_trailing_underscore() {
        let none = BTreeSet::new();
        assert_eq!(escape("class", &none), "class_");
        assert_eq!(escape("new", &none), "new_");
        assert_eq!(escape("int", &none), "int_");
        assert_eq!(escape("default", &none), "default_");
        assert_eq!(escape("template", &none), "template_");
        assert_eq!(escape("bool", &none), "bool_");
        assert_eq!(escape("lambda", &none), "lambda");
        assert_eq!(escape("self", &none), "self");
    }

    #[test]
    fn escaping_avoids_names_already_taken() {
        let taken: BTreeSet<String> = ["class_".to_string(), "Color".to_string()].into();
        assert_eq!(escape("class", &taken), "class__");
        assert_eq!(escape("Color", &taken), "Color_");
        assert_eq!(local_name("0", &taken), "_0");
    }

    #[test]
    fn identifiers() {
        assert!(is_identifier("vec2f32_length"));
        assert!(is_identifier("_x"));
        assert!(!is_identifier("2x"));
        assert!(!is_identifier("a-b"));
        assert!(!is_identifier(""));
    }

    #[test]
    fn shouty_names() {
        assert_eq!(shouty("MinusOne"), "MINUS_ONE");
        assert_eq!(shouty("Color"), "COLOR");
        assert_eq!(shouty("MAX_PLAYERS"), "MAX_PLAYERS");
    }

    #[test]
    fn guards() {
        assert_eq!(include_guard("conformance.h"), "CONFORMANCE_H");
        assert_eq!(include_guard("my-lib.h"), "MY_LIB_H");
        assert_eq!(include_guard("_x__y.h"), "X_Y_H");
        assert_eq!(include_guard("3d.h"), "INTEROP_3D_H");
    }
}
