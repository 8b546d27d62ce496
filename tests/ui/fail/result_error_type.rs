use interop_core::ffi;

// The error of a returned `Result` must be an #[ffi] enum or struct, or String.
#[ffi]
pub fn integer_error(x: u32) -> Result<u32, i32> {
    Ok(x)
}

struct NotFfi;

#[ffi]
pub fn foreign_error(x: u32) -> Result<u32, NotFfi> {
    Ok(x)
}

// Options of raw pointers do not cross (use the pointer itself: NULL is none).
#[ffi]
pub fn raw_option(p: Option<*const u8>) -> u32 {
    p.map_or(0, |_| 1)
}

fn main() {}
