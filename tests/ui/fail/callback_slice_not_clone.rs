use interop_core::ffi;

/// A record owning data without `Clone`.
#[ffi]
pub struct Named {
    pub name: String,
}

/// `&[Named]` in a closure's parameters: each element crosses as a copy in C form (ADR 62), which
/// needs `Named: Clone`; refused at build time, naming the fix.
#[ffi]
pub fn named(f: &dyn Fn(&[Named])) {
    f(&[Named { name: "a".into() }]);
}

fn main() {}
