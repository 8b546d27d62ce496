use interop_core::ffi;

/// A borrowed parameter inside another type: not a view the closure can be given.
#[ffi]
pub fn nested(f: &dyn Fn(Vec<&str>, u32)) {
    f(Vec::new(), 1);
}

/// A reference inside an option: not supported yet (`Option<&str>` and `Option<&[T]>` are, ADR 66).
#[ffi]
pub fn nested_ref(f: &dyn Fn(Option<&u32>, u32)) {
    f(None, 1);
}

/// An optional slice of strings: its elements are not C-compatible (refused at the parameter).
#[ffi]
pub fn optional_lines(f: &dyn Fn(Option<&[String]>)) {
    f(None);
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
