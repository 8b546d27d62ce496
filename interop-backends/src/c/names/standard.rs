//! The identifiers the C standard headers and GNU C define (`standard-names.txt`, generated from gcc and
//! glibc by `generate-standard-names.sh`), by kind, and a few names C code commonly defines itself.

use std::collections::BTreeSet;
use std::sync::OnceLock;

/// What a standard name is, which decides where a generated name may not take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An object-like macro (`EOF`, `errno`, `stdin`, `EXIT_SUCCESS`) or a GNU C predefine (`unix`,
    /// `linux`): it replaces the name everywhere, fields and parameters included.
    ObjectMacro,
    /// A function-like macro (`assert`, `isnan`): it replaces the name wherever `(` follows.
    FunctionMacro,
    /// A file-scope declaration (a typedef, function, variable, tag or enumerator: `FILE`, `free`,
    /// `tm`, `FP_NAN`): a second file-scope definition conflicts with it.
    Declaration,
}

/// Names C code commonly defines itself (`typedef uint8_t U8;`, `#define TRUE 1`): a macro of the
/// header with one of these names would break that code.
const COMMON: &[&str] = &[
    "U8", "U16", "U32", "U64", "U128", "I8", "I16", "I32", "I64", "I128", "S8", "S16", "S32",
    "S64", "u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64", "i128", "s8", "s16",
    "s32", "s64", "F32", "F64", "f32", "f64", "BOOL", "BYTE", "WORD", "DWORD", "QWORD", "UINT",
    "ULONG", "TRUE", "FALSE",
];

struct Names {
    object_macros: BTreeSet<&'static str>,
    function_macros: BTreeSet<&'static str>,
    declarations: BTreeSet<&'static str>,
}

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Names {
            object_macros: BTreeSet::new(),
            function_macros: BTreeSet::new(),
            declarations: BTreeSet::new(),
        };
        let mut section = None;
        for line in include_str!("standard-names.txt").lines() {
            match line {
                "" => {}
                l if l.starts_with('#') => {}
                "[object-macros]" => section = Some(&mut names.object_macros),
                "[function-macros]" => section = Some(&mut names.function_macros),
                "[declarations]" => section = Some(&mut names.declarations),
                name => {
                    if let Some(set) = section.as_deref_mut() {
                        set.insert(name);
                    }
                }
            }
        }
        names
    })
}

/// What `name` is in the C standard headers or GNU C (the most disruptive kind when it is several).
pub fn kind(name: &str) -> Option<Kind> {
    let n = names();
    if n.object_macros.contains(name) {
        Some(Kind::ObjectMacro)
    } else if n.function_macros.contains(name) {
        Some(Kind::FunctionMacro)
    } else if n.declarations.contains(name) {
        Some(Kind::Declaration)
    } else {
        None
    }
}

/// True for a name C code commonly defines itself ([`COMMON`]).
pub fn is_common(name: &str) -> bool {
    COMMON.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_list_has_every_kind() {
        for (name, expected) in [
            ("unix", Kind::ObjectMacro),
            ("linux", Kind::ObjectMacro),
            ("errno", Kind::ObjectMacro),
            ("EXIT_SUCCESS", Kind::ObjectMacro),
            ("SEEK_SET", Kind::ObjectMacro),
            ("EOF", Kind::ObjectMacro),
            ("stdin", Kind::ObjectMacro),
            ("assert", Kind::FunctionMacro),
            ("FILE", Kind::Declaration),
            ("free", Kind::Declaration),
            ("tm", Kind::Declaration),
        ] {
            assert_eq!(kind(name), Some(expected), "{name}");
        }
        assert_eq!(kind("Vec2f32"), None);
        assert_eq!(kind("value"), None);
        assert!(is_common("U8") && !is_common("Color"));
        assert!(names().declarations.len() > 500, "the list was read");
    }
}
