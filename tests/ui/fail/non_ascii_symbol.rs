use interop_core::ffi;

/// A C symbol must be ASCII: this one would be `größe`.
#[ffi]
pub fn größe() -> u32 {
    1
}

fn main() {}
