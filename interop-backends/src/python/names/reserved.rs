//! The names Python reserves and the names the generated package defines for itself: keywords,
//! builtins, standard modules and the members of the generated base classes.

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
    "_take_error",
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
    include_str!("../stdlib_modules.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .any(|m| m == name)
}
