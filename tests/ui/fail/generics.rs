use interop_core::ffi;

/// A const parameter that is not an integer or `bool`.
#[ffi]
pub struct Labelled<T, const C: char> {
    pub value: T,
}

/// A generic opaque type.
#[ffi(opaque)]
pub struct Hidden<T> {
    value: T,
}

#[ffi]
pub struct Pair<T> {
    pub a: T,
    pub b: T,
}

/// An alias with parameters of its own.
#[ffi]
pub type Any<T> = Pair<T>;

/// An alias in a module.
#[ffi(module = "m")]
pub type Bytes = Pair<u8>;

/// A generic C-like enum (no payload could use the parameter).
#[ffi]
pub enum Level<T> {
    Low,
    High,
}

/// A const parameter on an enum with data.
#[ffi]
pub enum Sized<const N: usize> {
    Empty,
    Full([u8; N]),
}

fn main() {}
