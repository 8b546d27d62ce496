use interop_core::ffi;

/// A record owning data without `Clone`.
#[ffi]
pub struct Named {
    pub name: String,
}

/// `&Named` in a closure's parameters: it crosses as a copy in C form (ADR 58), which needs
/// `Named: Clone`; refused by `cargo check`, naming the fix.
#[ffi]
pub fn named(f: &dyn Fn(&Named)) {
    f(&Named { name: "a".into() });
}

fn main() {}
