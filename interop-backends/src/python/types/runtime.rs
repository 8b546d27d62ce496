//! Helpers of `_types.py` that some families' conversions call, each emitted once per package and
//! only when a conversion uses it (`templates/python/runtime/`).

/// `(name, source)` of every helper, in the order they are emitted.
const HELPERS: &[(&str, &str)] = &[
    (
        COPY,
        include_str!("../../../templates/python/runtime/copy.py"),
    ),
    (
        ARRAY_OF,
        include_str!("../../../templates/python/runtime/array_of.py"),
    ),
    (
        CONVERT_FIELD,
        include_str!("../../../templates/python/runtime/convert_field.py"),
    ),
    (
        BUFFERS,
        include_str!("../../../templates/python/runtime/buffers.py"),
    ),
];

/// `_copy(pointer)`: a copy of what a pointer points at.
pub const COPY: &str = "_copy";
/// `_array_of(kind)`: the length-checking conversion of a sequence to a ctypes array.
pub const ARRAY_OF: &str = "_array_of";
/// `_convert_field(cls, name, read, write)`: a struct field that converts on access.
pub const CONVERT_FIELD: &str = "_convert_field";
/// The buffer runtime: views and owned buffers (`_View`, `_Buffer`), the conversions of strings,
/// slices and vectors (`_str_in`, `_slice_in`, `_take_str`, `_take_vec` …) and the codecs
/// (`_Number`, `_StringCodec`, `_Vec`, `_Record` …). Emitted once, when a package uses them.
pub const BUFFERS: &str = "_buffers";

/// The sources of the helpers among `used` (names a conversion imports), in emission order.
pub fn sources<'n>(used: impl IntoIterator<Item = &'n str>) -> Vec<&'static str> {
    let used: std::collections::BTreeSet<&str> = used.into_iter().collect();
    HELPERS
        .iter()
        .filter(|(name, _)| used.contains(name))
        .map(|(_, source)| source.trim_end())
        .collect()
}
