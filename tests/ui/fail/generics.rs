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

fn main() {}
