//! `Option<T>` by value in every position, and `Result<T, E>` returns with enum, record and `String`
//! errors.
use std::fmt;

use interop_core::ffi;

/// Why parsing failed.
#[ffi]
#[derive(Debug, Clone, Copy)]
pub enum ParseError {
    Empty = 1,
    Invalid = 2,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot parse")
    }
}

/// A point.
#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// A record with optional fields.
#[ffi]
pub struct Entry {
    pub name: String,
    pub rank: Option<u32>,
    pub at: Option<Point>,
    pub tags: Option<Vec<String>>,
}

/// A record error.
#[ffi]
pub struct Invalid {
    pub field: String,
}

/// `a + b` when both are given.
#[ffi]
pub fn add(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    Some(a? + b?)
}

/// The text, upper-cased.
#[ffi]
pub fn upper(s: Option<String>) -> Option<String> {
    s.map(|s| s.to_uppercase())
}

/// Nested.
#[ffi]
pub fn deep(v: Option<Vec<Option<String>>>) -> Option<Vec<Option<String>>> {
    v
}

/// An entry.
#[ffi]
pub fn entry(name: String, rank: Option<u32>) -> Entry {
    Entry {
        name,
        rank,
        at: None,
        tags: None,
    }
}

/// A number.
#[ffi]
pub fn parse(s: String) -> Result<u32, ParseError> {
    s.parse().map_err(|_| ParseError::Invalid)
}

/// Nothing or an error.
#[ffi]
pub fn check(ok: bool) -> Result<(), String> {
    if ok { Ok(()) } else { Err("no".into()) }
}

/// Entries or a record error.
#[ffi]
pub fn entries(n: u32) -> Result<Vec<Entry>, Invalid> {
    if n > 9 {
        return Err(Invalid { field: "n".into() });
    }
    Ok((0..n).map(|i| entry(i.to_string(), Some(i))).collect())
}
