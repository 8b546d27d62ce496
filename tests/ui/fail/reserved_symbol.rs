use interop_core::ffi;

/// Clashes with interop-core's own error channel export.
#[ffi(export = "interop_take_panic")]
pub fn steals_a_reserved_symbol() -> u32 {
    1
}

fn main() {}
