use interop_core::ffi;

#[ffi]
pub enum Problem {
    Bad,
}

// A `Result` is only ever returned: never a parameter, never a field.
#[ffi]
pub fn takes_result(r: Result<u32, Problem>) -> u32 {
    r.unwrap_or(0)
}

#[ffi]
pub struct HoldsResult {
    pub r: Result<u32, Problem>,
}

fn main() {}
