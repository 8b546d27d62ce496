//! Doc comments on every item, with text every language must escape.
use interop_core::ffi;

/// A documented struct.
///
/// With a second paragraph, and characters to escape: a < b && b > c, "quotes", 'single',
/// a C comment end */ here, /* a comment start, a trigraph ??/ and a backslash \ too.
#[ffi]
#[derive(Clone, Copy)]
pub struct Documented {
    /// A documented field.
    pub value: u32,
    /// A field whose docs span
    /// two lines.
    pub other: u32,
}

/// A documented enum.
#[ffi]
#[derive(Clone, Copy)]
pub enum Mood {
    /// A documented variant.
    Happy,
    /// Another one, with a Python docstring end """ here.
    Sad,
}

/// A documented function.
///
/// # Examples
///
/// ```
/// let x = 1;
/// ```
#[ffi]
pub fn documented(d: &Documented) -> u32 {
    d.value
}

/// A documented constant.
#[ffi]
pub const DOCUMENTED: u32 = 1;

#[ffi]
pub fn undocumented() {}

/// Control characters copied from somewhere, which no generated file may contain raw:
#[doc = "NUL \0, bell \x07, escape \x1b[31m (red), delete \x7f, a C1 control \u{85}, a tab\tstays."]
#[ffi]
pub fn control_characters() {}
