use interop_core::ffi;

/// A borrowed parameter inside another type: not a view the closure can be given.
#[ffi]
pub fn nested(f: &dyn Fn(Option<&str>, u32)) {
    f(None, 1);
}

/// A reference inside an option: not a view the closure can be given either.
#[ffi]
pub fn nested_ref(f: &dyn Fn(Option<&u32>, u32)) {
    f(None, 1);
}

/// A tuple behind a reference: Rust's tuple layout is not its C form (take it by value).
#[ffi]
pub fn pair(f: impl Fn(&(u8, u8))) {
    f(&(1, 2));
}

/// A record owning a `String`, behind a reference: its Rust layout is not its C mirror.
#[ffi]
pub struct Named {
    pub name: String,
}

/// `&mut Named` in a closure's parameters: refused by `cargo check`, at the parameter (`&Named`
/// of a `Clone` record crosses as a copy, ADR 58).
#[ffi]
pub fn named(f: &dyn Fn(&mut Named)) {
    f(&mut Named { name: "a".into() });
}

fn main() {}
