use core::ffi::CStr;

use interop_core::ffi;

/// An optional text view returned: a borrow of the arguments cannot be returned.
#[ffi]
pub fn pick(a: &str) -> Option<&str> {
    Some(a)
}

/// An optional writable slice returned (ADR 53: a parameter only).
#[ffi]
pub fn fill(b: &mut [u8]) -> Option<&mut [u8]> {
    Some(b)
}

/// An optional writable slice inside an option.
#[ffi]
pub fn fill_nested(b: Option<Option<&mut [u8]>>) {
    let _ = b;
}

/// An optional C string inside an option.
#[ffi]
pub fn c_text(s: Option<Option<&CStr>>) -> u32 {
    s.flatten().map_or(0, |s| s.to_bytes().len() as u32)
}

/// An optional C string returned.
#[ffi]
pub fn c_pick(s: &CStr) -> Option<&CStr> {
    Some(s)
}

/// An optional text view inside an option.
#[ffi]
pub fn nested(s: Option<Option<&str>>) -> u32 {
    s.flatten().map_or(0, |s| s.len() as u32)
}

/// Inside a vector.
#[ffi]
pub fn many(v: Vec<Option<&str>>) -> u32 {
    v.len() as u32
}

/// A closure's parameter `Option<&mut [T]>` (`Option<&[T]>` and `Option<&str>` are accepted,
/// ADR 66).
#[ffi]
pub fn each(f: impl Fn(Option<&mut [u8]>)) {
    f(None)
}

/// A record field.
#[ffi]
pub struct Named<'a> {
    pub name: Option<&'a str>,
}

fn main() {}
