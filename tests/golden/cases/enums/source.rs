//! C-like enums of every storage width, negative and huge discriminants, as parameter, return,
//! field, pointee and constant.
use interop_core::ffi;

/// No explicit repr: stored as a C `int`.
#[ffi]
#[derive(Clone, Copy)]
pub enum Color {
    /// Red.
    Red,
    Green,
    Blue,
}

/// One byte, explicit discriminants.
#[ffi]
#[repr(u8)]
#[derive(Clone, Copy)]
pub enum Small {
    A = 1,
    B = 2,
    C = 255,
}

/// Negative discriminants.
#[ffi]
#[repr(i16)]
#[derive(Clone, Copy)]
pub enum Signed {
    Min = -32768,
    MinusOne = -1,
    Zero = 0,
}

/// A discriminant no C `int` can hold.
#[ffi]
#[repr(u64)]
#[derive(Clone, Copy)]
pub enum Wide {
    Small = 1,
    Huge = u64::MAX,
}

/// The smallest i64 as a discriminant.
#[ffi]
#[repr(i64)]
#[derive(Clone, Copy)]
pub enum Long {
    Lowest = i64::MIN,
    Highest = i64::MAX,
}

/// An enum inside a struct.
#[ffi]
#[derive(Clone, Copy)]
pub struct Pixel {
    pub color: Color,
    pub alpha: u8,
}

/// The next color.
#[ffi]
pub fn color_next(c: Color) -> Color {
    match c {
        Color::Red => Color::Green,
        Color::Green => Color::Blue,
        Color::Blue => Color::Red,
    }
}

/// The discriminant of a small enum.
#[ffi]
pub fn small_value(s: Small) -> u8 {
    s as u8
}

/// The other wide variant.
#[ffi]
pub fn wide_other(w: Wide) -> Wide {
    match w {
        Wide::Small => Wide::Huge,
        Wide::Huge => Wide::Small,
    }
}

/// Flips a signed enum.
#[ffi]
pub fn signed_flip(s: Signed) -> Signed {
    s
}

/// The extreme other than `l`.
#[ffi]
pub fn long_other(l: Long) -> Long {
    l
}

/// Paints a pixel through a reference.
#[ffi]
pub fn pixel_paint(p: &mut Pixel, c: Color) {
    p.color = c;
}

/// Reads a color through a raw pointer (Red for NULL).
#[ffi]
pub unsafe fn color_read(c: *const Color) -> Color {
    unsafe { c.as_ref() }.copied().unwrap_or(Color::Red)
}

/// The favourite color.
#[ffi]
pub const FAVOURITE: Color = Color::Blue;
