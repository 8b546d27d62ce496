use interop_core::ffi;

/// A returned closure returning a borrowed `&str`: refused at the return type the author wrote
/// (owned data comes back since ADR 56; a view has no owner on the other side).
#[ffi]
pub fn make_namer() -> Box<dyn Fn(u32) -> &'static str + Send + Sync> {
    Box::new(|_| "name")
}

/// A returned closure returning a tuple holding a view: the same (tuples and data enums of owned
/// data come back since ADR 63).
#[ffi]
pub fn make_pairer() -> Box<dyn Fn(u32) -> (u32, &'static str) + Send + Sync> {
    Box::new(|n| (n, "name"))
}

fn main() {}
