use interop_core::ffi;

// A payload that cannot cross the boundary: the error points at its type.
#[ffi]
pub enum Unsupported {
    Empty,
    Boxed(Box<u32>),
}

fn main() {}
