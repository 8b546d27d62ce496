//! Strings, slices, vectors and records that own them (or hold views), in every position.
use std::ffi::CStr;

use interop_core::ffi;

/// A level.
#[ffi]
#[repr(u8)]
#[derive(Clone, Copy)]
pub enum Level {
    Low,
    High,
}

/// A point.
#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// A record that owns data.
#[ffi]
pub struct Person {
    /// The name.
    pub name: String,
    pub tags: Vec<String>,
    pub age: u32,
}

/// A record of records that own data.
#[ffi]
pub struct Group {
    pub lead: Person,
    pub members: Vec<Person>,
    pub levels: Vec<Level>,
}

/// A record of views, valid for the call.
#[ffi]
pub struct Label<'a> {
    pub text: &'a str,
    pub points: &'a [Point],
}

/// Characters in `s`.
#[ffi]
pub fn count_chars(s: &str) -> u32 {
    s.chars().count() as u32
}

/// `s` in upper case.
#[ffi]
pub fn shout(s: String) -> String {
    s.to_uppercase()
}

/// Length of a C string.
#[ffi]
pub fn c_len(s: &CStr) -> usize {
    s.to_bytes().len()
}

/// A static C string.
#[ffi]
pub fn version() -> &'static CStr {
    c"1.0"
}

/// Sum of the bytes.
#[ffi]
pub fn sum(bytes: &[u8]) -> u64 {
    bytes.iter().map(|b| u64::from(*b)).sum()
}

/// Scales the points in place.
#[ffi]
pub fn scale(points: &mut [Point], k: f32) {
    for p in points {
        p.x *= k;
        p.y *= k;
    }
}

/// The words of `s`.
#[ffi]
pub fn words(s: &str) -> Vec<String> {
    s.split(' ').map(str::to_string).collect()
}

/// Joins the strings.
#[ffi]
pub fn join(parts: &[String]) -> String {
    parts.concat()
}

/// Doubles every value.
#[ffi]
pub fn doubled(values: Vec<u32>) -> Vec<u32> {
    values.into_iter().map(|v| v * 2).collect()
}

/// Rows of bytes.
#[ffi]
pub fn rows(n: u8) -> Vec<Vec<u8>> {
    (0..n).map(|i| vec![i; i as usize]).collect()
}

/// A person one year older.
#[ffi]
pub fn older(p: Person) -> Person {
    Person { age: p.age + 1, ..p }
}

/// A group of `members`.
#[ffi]
pub fn group(lead: Person, members: Vec<Person>) -> Group {
    Group { lead, members, levels: vec![Level::Low, Level::High] }
}

/// The label's text length.
#[ffi]
pub fn label_len(l: Label<'_>) -> usize {
    l.text.len() + l.points.len()
}
