//! Helpers of `_types.py` that some families' conversions call, each emitted once per package and
//! only when a conversion uses it (`templates/python/runtime/`): the argument checks of the ctypes
//! path, copies out of pointers, array and enum fields.

/// `(names, source)` of every helper block, in the order they are emitted: a block is emitted
/// when a conversion uses any of its names.
const HELPERS: &[(&[&str], &str)] = &[
    (
        &[BAD, INT, FLOAT, BOOL, INSTANCE, POINTER_ARG],
        include_str!("../../../templates/python/runtime/checks.py"),
    ),
    (
        &[ORDERING],
        include_str!("../../../templates/python/runtime/ordering.py"),
    ),
    (
        &[COPY],
        include_str!("../../../templates/python/runtime/copy.py"),
    ),
    (
        &[ARRAY_OF],
        include_str!("../../../templates/python/runtime/array_of.py"),
    ),
    (
        &[CONVERT_FIELD],
        include_str!("../../../templates/python/runtime/convert_field.py"),
    ),
    (
        &[ALIAS_FIELD],
        include_str!("../../../templates/python/runtime/alias_field.py"),
    ),
    (
        &[BUFFERS],
        include_str!("../../../templates/python/runtime/buffers.py"),
    ),
    // The buffer runtime in three files (views and strings, the element codecs, slices, vectors
    // and records of codecs), emitted together.
    (
        &[BUFFERS],
        include_str!("../../../templates/python/runtime/codecs.py"),
    ),
    (
        &[BUFFERS],
        include_str!("../../../templates/python/runtime/sequences.py"),
    ),
    (
        &[OPT_SLICE_MUT_IN],
        include_str!("../../../templates/python/runtime/optional_slices.py"),
    ),
    (
        &[ALIVE, DESTROYING, RETURNED],
        include_str!("../../../templates/python/runtime/handles.py"),
    ),
    (
        &[OPTIONS, ERRORS, "_option_in"],
        include_str!("../../../templates/python/runtime/options.py"),
    ),
    (
        &[ERRORS],
        include_str!("../../../templates/python/runtime/errors.py"),
    ),
    (
        &[DATA_ENUMS, "_enum_cell"],
        include_str!("../../../templates/python/runtime/data_enums.py"),
    ),
    (
        &[
            SERVICE_ENTER,
            SERVICE_TAKE,
            SERVICE_TAKE_OPEN,
            SERVICE_LEAVE,
        ],
        include_str!("../../../templates/python/runtime/services.py"),
    ),
    (
        &[SERVICE_CODEC],
        include_str!("../../../templates/python/runtime/service_codec.py"),
    ),
    (
        &[C_STRING_IN, C_BUFFER_IN],
        include_str!("../../../templates/python/runtime/c_chars.py"),
    ),
    (
        &[CALLBACKS],
        include_str!("../../../templates/python/runtime/callbacks.py"),
    ),
    (
        &[OWN_INTO],
        include_str!("../../../templates/python/runtime/callback_returns.py"),
    ),
    (
        &[CLOSURES_IN],
        include_str!("../../../templates/python/runtime/closure_fields.py"),
    ),
];

/// `_bad(value, expected, where)`: raise the `TypeError` of an argument of the wrong type.
pub const BAD: &str = "_bad";
/// `_int(value, lo, hi, ty, expected, where)`: an integer argument, checked for its range.
pub const INT: &str = "_int";
/// `_float(value, expected, where)`: a float argument (anything with `__float__` or `__index__`).
pub const FLOAT: &str = "_float";
/// `_bool(value, where)`: a `bool` argument (`True` or `False` only).
pub const BOOL: &str = "_bool";
/// `_ordering(value, where)`: an `Ordering` argument (an `int`, not a `bool`) as -1, 0 or 1.
pub const ORDERING: &str = "_ordering";
/// `_instance(value, cls, nullable, expected, where)`: an argument that must be an instance of `cls`.
pub const INSTANCE: &str = "_instance";
/// `_pointer_arg(argtype, value, expected, where)`: a raw pointer argument, as ctypes takes it.
pub const POINTER_ARG: &str = "_pointer_arg";

/// `_c_string_in(value, expected, where)`: a `*const c_char` argument (`bytes`, `str`, …).
pub const C_STRING_IN: &str = "_c_string_in";
/// `_c_buffer_in(value, expected, where)`: a `*mut c_char` argument (a writable buffer).
pub const C_BUFFER_IN: &str = "_c_buffer_in";

/// `_copy(pointer)`: a copy of what a pointer points at.
pub const COPY: &str = "_copy";
/// `_array_of(kind)`: the length-checking conversion of a sequence to a ctypes array.
pub const ARRAY_OF: &str = "_array_of";
/// `_convert_field(cls, name, read, write)`: a struct field that converts on access.
pub const CONVERT_FIELD: &str = "_convert_field";
/// `_alias_field(cls, name, stored)`: a field with a non-ASCII name, stored under an ASCII one.
pub const ALIAS_FIELD: &str = "_alias_field";
/// The buffer runtime: views and owned buffers (`_View`, `_Buffer`), the conversions of strings,
/// slices and vectors (`_str_in`, `_slice_in`, `_take_str`, `_take_vec` …) and the codecs
/// (`_Number`, `_StringCodec`, `_Vec`, `_Record` …). Emitted once, when a package uses them.
pub const BUFFERS: &str = "_buffers";

/// `_opt_slice_mut_in(value, name, element)`: an `Option<&mut [T]>` argument (ADR 53), `None` or
/// `_slice_mut_in`'s view (after the buffer runtime).
pub const OPT_SLICE_MUT_IN: &str = "_opt_slice_mut_in";

/// `_alive(handle, where)`: a handle of a type with a destructor, refused once destroyed.
pub const ALIVE: &str = "_alive";
/// `_destroying(handle, where)`: the destructor's argument, refused when destroyed before, then
/// recorded as destroyed.
pub const DESTROYING: &str = "_destroying";
/// `_returned(handle)`: a handle a function returns, live again (addresses are reused).
pub const RETURNED: &str = "_returned";
/// The option runtime: `_OptionAbi`, `_ResultAbi`, `_option_abi`, `_result_abi`, `_Option`.
pub const OPTIONS: &str = "_Option";
/// The error runtime: the base exception `Error`, `_Raise`, `_Result`, `_variant_error`.
pub const ERRORS: &str = "Error";

/// How `_native.py` names `_types.py` (imported as a module where a family's compiled conversion
/// needs its helpers).
pub const TYPES_MODULE: &str = "_types";

/// The services runtime (`_Guard`, `_Service`, the base of service classes): `_service_enter(obj)`
/// counts a call in and gives the handle (`ValueError` when the object is closed or consumed).
pub const SERVICE_ENTER: &str = "_service_enter";
/// `_service_take(obj)`: as `_service_enter`, and the object is spent (a parameter taken by value).
pub const SERVICE_TAKE: &str = "_service_take";
/// `_service_take_open(obj)`: as `_service_take`, but `None` when the object is already closed or
/// consumed (the class's own `close()`, ADR 34 and 41).
pub const SERVICE_TAKE_OPEN: &str = "_service_take_open";
/// `_service_leave(obj)`: counts the call out (freeing the handle when it was the last call of a
/// closed object).
pub const SERVICE_LEAVE: &str = "_service_leave";

/// `_ServiceCodec(cls)`: a service inside a `Result` (a fallible constructor) as a new object.
pub const SERVICE_CODEC: &str = "_ServiceCodec";
/// The data enum runtime (`_enum_in` and what the codecs of data enums use).
pub const DATA_ENUMS: &str = "_enum_in";

/// The callback runtime: `_Callback`, `_callables`, `_callable_in`, `_Trampoline`, `_RustClosure`,
/// `_fn_pointer_in` (named after the function conversions import).
pub const CALLBACKS: &str = "_callable_in";

/// `_own_into(codec, value, address, where)`: a callable's result written to a closure's slot in
/// owned form (ADR 54), in memory of `interop_buffer_alloc` (after [`CALLBACKS`] and the buffer
/// runtime).
pub const OWN_INTO: &str = "_own_into";

/// `_closures_in(value, name, codec)`: a dataclass argument holding closures (ADR 30), with
/// `_ClosureField`, the codec of each closure field (after [`CALLBACKS`] and the buffer runtime).
pub const CLOSURES_IN: &str = "_closures_in";

/// The sources of the helpers among `used` (names a conversion imports), in emission order.
pub fn sources<'n>(used: impl IntoIterator<Item = &'n str>) -> Vec<&'static str> {
    let used: std::collections::BTreeSet<&str> = used.into_iter().collect();
    HELPERS
        .iter()
        .filter(|(names, _)| names.iter().any(|n| used.contains(n)))
        .map(|(_, source)| source.trim_end())
        .collect()
}
