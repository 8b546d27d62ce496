//! Generic records at concrete types and tuples (ADR 21).
use interop_core::ffi;

/// Two values of one type.
#[ffi]
#[derive(Clone, Copy)]
pub struct Pair<T> {
    pub a: T,
    pub b: T,
}

/// A value and `N` tag bytes.
#[ffi]
#[derive(Clone, Copy)]
pub struct Tagged<T: Copy, const N: usize> {
    pub value: T,
    pub tags: [u8; N],
}

/// The instantiation `Pair<u8>`, renamed.
#[ffi]
pub type Pixels = Pair<u8>;

/// `a + b`.
#[ffi]
pub fn pair_sum(p: Pair<u32>) -> u32 {
    p.a + p.b
}

/// Brighter pixels.
#[ffi]
pub fn brighter(p: Pixels) -> Pixels {
    p
}

/// Tagged.
#[ffi]
pub fn tagged(t: Tagged<u8, 4>) -> Pair<Tagged<u8, 4>> {
    Pair { a: t, b: t }
}

/// Polar coordinates.
#[ffi]
pub fn polar(x: f32, y: f32) -> (f32, f32) {
    (x, y)
}

/// Owned text in a tuple.
#[ffi]
pub fn text(t: (String, Pair<u32>)) -> (String, u32) {
    (t.0, t.1.a)
}
