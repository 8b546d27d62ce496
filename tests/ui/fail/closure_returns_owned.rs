use interop_core::ffi;

/// A closure parameter returning a `String`: refused at the return type the author wrote.
#[ffi]
pub fn retitle(f: impl Fn(u32) -> String) -> u32 {
    f(1).len() as u32
}

/// A kept closure returning a `Vec<u8>`, in an `Option`: the same.
#[ffi]
pub fn keep(f: Option<Box<dyn Fn(u32) -> Vec<u8> + Send + Sync>>) -> bool {
    f.is_some()
}

/// A returned closure returning a `String`: the same.
#[ffi]
pub fn make_namer() -> Box<dyn Fn(u32) -> String + Send + Sync> {
    Box::new(|n| n.to_string())
}

fn main() {}
