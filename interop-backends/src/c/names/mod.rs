//! C identifiers: the one place that knows which names C code may not use (keywords, the names of the
//! C standard headers and GNU C), escaping (`class` → `class_`, `errno` → `errno_`), macro-style names
//! and include guards.

#[cfg(test)]
use std::collections::BTreeSet;

use heck::ToShoutySnakeCase;

mod standard;

use standard::Kind;

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

/// True for C and C++ keywords and the names of the header's own includes (`size_t`, `NULL`, …).
pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// True when a file-scope name of the header (a type, a variant or constant macro) may not be `name`:
/// a reserved word, any name of the C standard headers or GNU C, or a name C code commonly defines
/// itself (`U8`, `TRUE`).
pub fn taken_at_file_scope(name: &str) -> bool {
    is_reserved(name) || standard::kind(name).is_some() || standard::is_common(name)
}

/// True when a field or parameter may not be named `name`: a reserved word, or an object-like macro
/// of the C standard headers or GNU C (`errno`, `unix`, `EOF`), which would replace it.
pub fn taken_locally(name: &str) -> bool {
    is_reserved(name) || standard::kind(name) == Some(Kind::ObjectMacro)
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

/// The letters beyond ASCII that a name in the header may contain: the Latin, Greek and Cyrillic
/// letters that C99 (Annex D), C11 (Annex D.1) and C++ ([charname.allowed]) all allow in
/// identifiers, written as UTF-8 (GCC 10 and later, Clang). A deliberately small set: every compiler
/// that accepts extended identifiers at all accepts these.
const EXTENDED_LETTERS: &[(char, char)] = &[
    ('\u{00C0}', '\u{00D6}'),
    ('\u{00D8}', '\u{00F6}'),
    ('\u{00F8}', '\u{01F5}'),
    ('\u{0386}', '\u{0386}'),
    ('\u{0388}', '\u{038A}'),
    ('\u{038C}', '\u{038C}'),
    ('\u{038E}', '\u{03A1}'),
    ('\u{03A3}', '\u{03CE}'),
    ('\u{0401}', '\u{040C}'),
    ('\u{040E}', '\u{044F}'),
    ('\u{0451}', '\u{045C}'),
    ('\u{045E}', '\u{0481}'),
];

/// The first character of `name` the header cannot spell in an identifier (see
/// [`EXTENDED_LETTERS`]), if any. `name` comes from a Rust identifier, so ASCII is fine.
pub fn unspellable_char(name: &str) -> Option<char> {
    name.chars().find(|&c| {
        !c.is_ascii()
            && !EXTENDED_LETTERS
                .iter()
                .any(|&(lo, hi)| (lo..=hi).contains(&c))
    })
}

/// Why `name` (of `what`) cannot appear in the header, if it cannot.
pub fn spelling_problem(what: &str, name: &str) -> Option<String> {
    unspellable_char(name).map(|c| {
        format!(
            "{what} would be named `{name}` in C, but U+{:04X} (`{c}`) is not a character the C \
             backend writes in identifiers (ASCII, and the Latin, Greek and Cyrillic letters that \
             C99, C11 and C++ all allow)",
            u32::from(c)
        )
    })
}

/// Why an exported function cannot be declared under `symbol` in C, if it cannot.
pub fn symbol_problem(symbol: &str) -> Option<String> {
    if !is_identifier(symbol) || is_reserved(symbol) {
        return Some(format!(
            "the function is exported as `{symbol}`, which cannot be declared in C"
        ));
    }
    match standard::kind(symbol) {
        Some(Kind::ObjectMacro | Kind::FunctionMacro) => Some(format!(
            "the function is exported as `{symbol}`, a macro of the C standard headers or GNU C: \
             it cannot be declared in C"
        )),
        Some(Kind::Declaration) => Some(format!(
            "the function is exported as `{symbol}`, which the C standard headers declare: the two \
             declarations conflict, and the library's symbol replaces the C library's in every \
             program that links it"
        )),
        None => None,
    }
}

/// A file-scope name: `name`, with `_` appended until [`taken_at_file_scope`] no longer rejects it
/// (`FILE` → `FILE_`, `EXIT_SUCCESS` → `EXIT_SUCCESS_`).
pub fn global_name(name: &str) -> String {
    escape_with(name, taken_at_file_scope)
}

/// Escape a name that is a keyword (or otherwise taken) by appending `_` until it is free:
/// `class` → `class_`, and `class` next to an existing `class_` → `class__`.
#[cfg(test)]
pub fn escape(name: &str, taken: &BTreeSet<String>) -> String {
    escape_with(name, |n| is_reserved(n) || taken.contains(n))
}

/// `name` with `_` appended until `is_taken` no longer rejects it.
fn escape_with(name: &str, is_taken: impl Fn(&str) -> bool) -> String {
    let mut out = name.to_string();
    while is_taken(&out) {
        out.push('_');
    }
    out
}

/// A field or parameter name: tuple-style names (`0`) get a leading `_`, keywords and object-like
/// standard macros a trailing `_`. `taken` holds names that may not be reused in this scope.
#[cfg(test)]
pub fn local_name(name: &str, taken: &BTreeSet<String>) -> String {
    local_name_with(name, |n| taken.contains(n))
}

/// [`local_name`] with a membership test instead of a set.
pub fn local_name_with(name: &str, is_taken: impl Fn(&str) -> bool) -> String {
    let taken = |n: &str| taken_locally(n) || is_taken(n);
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        escape_with(&format!("_{name}"), taken)
    } else {
        escape_with(name, taken)
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
    fn standard_names_are_escaped_where_they_would_break_the_header() {
        let none = BTreeSet::new();
        for field in ["unix", "linux", "errno", "stdin", "EOF"] {
            assert_eq!(local_name(field, &none), format!("{field}_"));
        }
        // Function names and function-like macros do not break a field or a parameter.
        for field in ["free", "time", "index", "log", "assert", "min", "U8"] {
            assert_eq!(local_name(field, &none), field);
        }
        for global in [
            "EXIT_SUCCESS",
            "SEEK_SET",
            "FILE",
            "free",
            "tm",
            "U8",
            "TRUE",
            "errno",
        ] {
            assert_eq!(global_name(global), format!("{global}_"));
        }
        assert_eq!(global_name("COLOR_RED"), "COLOR_RED");
        assert_eq!(symbol_problem("vec2_length"), None);
        for symbol in ["int", "a-b", "errno", "assert", "free", "exit"] {
            assert!(symbol_problem(symbol).is_some(), "{symbol}");
        }
    }

    #[test]
    fn identifiers() {
        assert_eq!(unspellable_char("Größe_länge"), None);
        assert_eq!(unspellable_char("ΔΣω_Жизнь"), None);
        assert_eq!(unspellable_char("名前"), Some('名'));
        assert_eq!(unspellable_char("Ѐ"), Some('Ѐ'), "not in C99 Annex D");
        assert!(spelling_problem("type `a::名前`", "名前").is_some_and(|m| m.contains("U+540D")));
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
