//! Python naming: PEP 8 casing and escaping of names that Python reserves.

use heck::{ToShoutySnakeCase, ToSnakeCase};

/// Hard keywords (`keyword.kwlist`) and soft keywords (`keyword.softkwlist`, plus `type` from 3.12).
/// A generated name equal to one of these gets a trailing underscore (`lambda` → `lambda_`).
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", // soft keywords:
    "_", "case", "match", "type",
];

/// Builtins (Python 3.11 `dir(builtins)` without dunders). Module-level names of the generated code
/// (functions, classes, constants, submodules) must not shadow them: the generated modules themselves
/// use `int`, `float`, `bool`, `object` … in annotations and code.
pub const BUILTINS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

/// The exception of a service busy on another thread or already in use by this one (ADR 27).
pub const IN_USE: &str = "ServiceInUseError";

/// Names the generated modules import or define at module level besides the user's items.
pub const GENERATED_MODULE_NAMES: &[&str] = &[
    "annotations",
    "ctypes",
    "enum",
    "os",
    "typing",
    "TYPE_CHECKING",
    "Any",
    "Callable",
    "Dict",
    "Final",
    "Optional",
    "Tuple",
    "Union",
    "cast",
    "RustPanic",
];

/// Names a class body must not define because the class's own annotations and code refer to them
/// (a field called `int` would shadow `int` in the annotations that follow it).
pub const CLASS_SCOPE_RESERVED: &[&str] = &[
    "int",
    "float",
    "bool",
    "str",
    "bytes",
    "object",
    "ctypes",
    "typing",
    "enum",
    "staticmethod",
    "property",
    "isinstance",
    "NotImplemented",
    "Optional",
    "Union",
    "Any",
    "super",
    "mro",
];

/// Members of `ctypes.c_void_p` that the handle classes of opaque types inherit: no method may
/// take their name.
pub const HANDLE_RESERVED: &[&str] = &[
    "value",
    "from_param",
    "from_address",
    "from_buffer",
    "from_buffer_copy",
    "in_dll",
];

/// What a `ctypes.Structure` subclass needs for itself: no field or method may take these names.
pub const STRUCT_RESERVED: &[&str] = &[
    "_fields_",
    "_pack_",
    "_layout_",
    "_anonymous_",
    "from_param",
    "from_address",
    "from_buffer",
    "from_buffer_copy",
    "in_dll",
];

/// What a service class (a `ctypes.Structure` subclass owning a Rust object) needs for itself:
/// its lifecycle (`close`, `closed`) and what `ctypes.Structure` defines.
pub const SERVICE_RESERVED: &[&str] = &[
    "close",
    "closed",
    "_fields_",
    "from_param",
    "from_address",
    "from_buffer",
    "from_buffer_copy",
    "in_dll",
];

/// What the dataclass of a data enum's variant defines itself: a field cannot have these names.
pub const DATA_ENUM_RESERVED: &[&str] = &[
    "__match_args__",
    "__dataclass_fields__",
    "__dataclass_params__",
    "__repr__",
    "__eq__",
    "__hash__",
    "__init__",
];

/// Members an `enum.IntEnum` class has (of `Enum` and of `int`): no method may take these names.
pub const ENUM_RESERVED: &[&str] = &[
    "name",
    "value",
    "as_integer_ratio",
    "bit_count",
    "bit_length",
    "conjugate",
    "denominator",
    "from_bytes",
    "imag",
    "is_integer",
    "numerator",
    "real",
    "to_bytes",
];

/// What `_raw.py` defines for itself besides the functions: a function whose symbol is one of these
/// gets a trailing `_` there.
pub const RAW_RESERVED: &[&str] = &[
    "_lib",
    "_fn",
    "_take_panic",
    "_string_free",
    "_panic_pending",
    "_error_hook",
    "pending",
    "raise_panic",
    "_guard_p",
    "guard_enter",
    "guard_leave",
    "guard_close",
    "release_gil",
];

/// True when `name` is a top-level module of Python's standard library (`ctypes`, `typing`, `os`,
/// `json`, …): a package of that name cannot be imported next to it.
pub fn is_standard_module(name: &str) -> bool {
    include_str!("stdlib_modules.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|m| m == name)
}

/// Where a name is defined decides what it must not shadow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Functions, classes, constants and submodules of a generated module.
    Module,
    /// Fields and methods of a generated class.
    Class,
    /// Parameters of a generated function (annotations are evaluated at module scope).
    Param,
}

/// Escape `name` for `scope`: a trailing underscore when it is reserved there.
pub fn escape(name: &str, scope: Scope) -> String {
    let normalized = nfkc(name);
    let name = normalized.as_str();
    let reserved = KEYWORDS.contains(&name)
        || match scope {
            Scope::Module => BUILTINS.contains(&name) || GENERATED_MODULE_NAMES.contains(&name),
            Scope::Class => CLASS_SCOPE_RESERVED.contains(&name),
            Scope::Param => false,
        };
    if reserved {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// PEP 8 function / method / parameter / field name (NFKC-normalized, see [`nfkc`]).
pub fn snake(name: &str) -> String {
    nfkc(&keep_leading_underscores(name, |s| s.to_snake_case()))
}

/// PEP 8 constant / enum member name (NFKC-normalized, see [`nfkc`]).
pub fn upper_snake(name: &str) -> String {
    nfkc(&keep_leading_underscores(name, |s| {
        s.to_shouty_snake_case()
    }))
}

/// The form Python gives an identifier: the parser NFKC-normalizes every identifier it reads
/// (PEP 3131), so the bindings write that form, and a name that differs from it would not be
/// found under its written spelling where it is a string (`_fields_`, keyword arguments).
pub fn nfkc(name: &str) -> String {
    if name.is_ascii() {
        return name.to_string();
    }
    use unicode_normalization::UnicodeNormalization;
    name.nfkc().collect()
}

/// heck drops leading underscores (`_0` → `0`); tuple fields and private names need them.
fn keep_leading_underscores(name: &str, f: impl Fn(&str) -> String) -> String {
    let rest = name.trim_start_matches('_');
    let prefix = &name[..name.len() - rest.len()];
    if rest.is_empty() {
        return name.to_string();
    }
    format!("{prefix}{}", f(rest))
}

/// True for a Python identifier (PEP 3131: `_` or a letter of Unicode's `XID_Start`, then
/// `XID_Continue`), in its NFKC form (see [`nfkc`]).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue) && nfkc(s) == s
}

/// Body of a `"""…"""` docstring for `lines` (Rust doc lines), indented by `indent` after the first
/// line. Backslashes and quotes that would end or alter the literal are escaped.
pub fn docstring(lines: &[String], indent: &str) -> Option<String> {
    let text: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
    let text = text.join("\n");
    let text = text.trim_matches('\n');
    if text.trim().is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            // A quote followed by a quote, or ending the text, could close the literal: escape it.
            '"' if matches!(chars.peek(), Some('"') | None) => out.push_str("\\\""),
            '\n' => out.push('\n'),
            c => push_visible(&mut out, c),
        }
    }
    let mut body = String::new();
    for (i, line) in out.split('\n').enumerate() {
        if i > 0 {
            body.push('\n');
            if !line.trim().is_empty() {
                body.push_str(indent);
            }
        }
        body.push_str(line);
    }
    if out.contains('\n') {
        body.push('\n');
        body.push_str(indent);
    }
    Some(format!("\"\"\"{body}\"\"\""))
}

/// `c`, or its escape when it is a control character (`\x07`, `\r`), a tab as four spaces: what a
/// docstring or a comment holds of a Rust doc comment (a NUL or a lone carriage return would end
/// or break the Python source).
fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push_str("    "),
        '\r' => out.push_str("\\r"),
        c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
        c => out.push(c),
    }
}

/// A `#` comment of one doc line (`prefix` is `#` or `#:`), control characters escaped.
pub fn comment(prefix: &str, line: &str) -> String {
    let mut out = format!("{prefix} ");
    for c in line.trim_end().chars() {
        push_visible(&mut out, c);
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keywords_everywhere_and_builtins_at_module_level() {
        assert_eq!(escape("lambda", Scope::Param), "lambda_");
        assert_eq!(escape("match", Scope::Class), "match_");
        assert_eq!(escape("object", Scope::Param), "object");
        assert_eq!(escape("object", Scope::Class), "object_");
        assert_eq!(escape("sum", Scope::Class), "sum");
        assert_eq!(escape("sum", Scope::Module), "sum_");
        assert_eq!(escape("ctypes", Scope::Module), "ctypes_");
    }

    #[test]
    fn standard_modules() {
        for m in [
            "ctypes",
            "typing",
            "enum",
            "os",
            "json",
            "__future__",
            "parser",
            "test",
        ] {
            assert!(is_standard_module(m), "{m}");
        }
        assert!(!is_standard_module("conformance") && !is_standard_module("# Top-level"));
    }

    #[test]
    fn non_ascii_identifiers_in_their_nfkc_form() {
        assert_eq!(snake("Größe"), "größe");
        assert_eq!(upper_snake("Rückwärts"), "RÜCKWÄRTS");
        assert!(is_identifier("größe") && is_identifier("Größe") && is_identifier("日本"));
        // Python reads `ﬁle` (a ligature) as `file` and `ｃｌａｓｓ` (full width) as `class`.
        assert_eq!(snake("\u{fb01}le"), "file");
        assert_eq!(
            escape("\u{ff43}\u{ff4c}\u{ff41}\u{ff53}\u{ff53}", Scope::Param),
            "class_"
        );
        assert_eq!(escape("Pt\u{b2}", Scope::Module), "Pt2");
        assert!(!is_identifier("\u{fb01}le"), "not in NFKC form");
        for bad in ["2x", "a-b", "a b", "é\u{2013}", ""] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn casing() {
        assert_eq!(upper_snake("MinusOne"), "MINUS_ONE");
        assert_eq!(upper_snake("None"), "NONE");
        assert_eq!(snake("_0"), "_0");
        assert_eq!(snake("renamed_function"), "renamed_function");
        assert_eq!(upper_snake("RENAMED_CONST"), "RENAMED_CONST");
    }

    #[test]
    fn docstrings_escape_quotes_and_backslashes() {
        let d = docstring(&["a \"\"\" b \\ c".into()], "    ").unwrap();
        assert_eq!(d, r#""""a \"\"" b \\ c""""#);
        let d = docstring(&["say \"hi\"".into()], "").unwrap();
        assert_eq!(d, r#""""say "hi\"""""#);
        let d = docstring(&["First.".into(), "".into(), "Second.".into()], "    ").unwrap();
        assert_eq!(d, "\"\"\"First.\n\n    Second.\n    \"\"\"");
        assert!(docstring(&[], "").is_none());
        let d = docstring(&["nul \0 bell \u{7} esc \u{1b} cr\rlf \u{85}!".into()], "").unwrap();
        assert_eq!(d, r#""""nul \x00 bell \x07 esc \x1b cr\rlf \x85!""""#);
        assert_eq!(comment("#:", "a\0b\u{1b}  "), r"#: a\x00b\x1b");
    }
}
