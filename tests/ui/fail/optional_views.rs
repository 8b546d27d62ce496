use core::ffi::CStr;

use interop_core::ffi;

/// An optional text view: refused at the type, with what to take instead.
#[ffi]
pub fn text(s: Option<&str>) -> u32 {
    s.map_or(0, |s| s.len() as u32)
}

/// An optional slice.
#[ffi]
pub fn bytes(b: Option<&[u8]>) -> u32 {
    b.map_or(0, |b| b.len() as u32)
}

/// An optional writable slice.
#[ffi]
pub fn fill(b: Option<&mut [u8]>) {
    if let Some(b) = b {
        b.fill(1);
    }
}

/// An optional C string.
#[ffi]
pub fn c_text(s: Option<&CStr>) -> u32 {
    s.map_or(0, |s| s.to_bytes().len() as u32)
}

/// Inside a vector.
#[ffi]
pub fn many(v: Vec<Option<&str>>) -> u32 {
    v.len() as u32
}

fn main() {}
