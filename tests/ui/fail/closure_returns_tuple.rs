use interop_core::ffi;

/// A closure parameter returning a tuple: refused at the return type the author wrote (owned data
/// comes back since ADR 54; a tuple has no owned C form to write to a slot).
#[ffi]
pub fn retitle(f: impl Fn(u32) -> (u32, String)) -> u32 {
    f(1).0
}

/// A kept closure returning a tuple, in an `Option`: the same.
#[ffi]
pub fn keep(f: Option<Box<dyn Fn(u32) -> (u8, u8) + Send + Sync>>) -> bool {
    f.is_some()
}

/// A returned closure returning a borrowed `&str`: the same (owned data comes back since ADR 56;
/// a view has no owner on the other side).
#[ffi]
pub fn make_namer() -> Box<dyn Fn(u32) -> &'static str + Send + Sync> {
    Box::new(|_| "name")
}

fn main() {}
