// Strings, slices, vectors and records that own them, in every position, compile without warnings.
#![deny(warnings)]

use std::ffi::CStr;

use interop_core::ffi;

#[ffi]
#[derive(Clone, Copy)]
pub enum Color {
    Red,
    Green,
}

#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

#[ffi]
#[derive(Clone)]
pub struct Person {
    pub name: String,
    pub tags: Vec<String>,
    pub age: u32,
}

#[ffi]
pub struct Team {
    pub lead: Person,
    pub members: Vec<Person>,
    pub scores: Box<[u16]>,
    pub colors: Vec<Color>,
    pub grid: Vec<Vec<u8>>,
}

#[ffi]
pub struct Tuple(pub String, pub u8);

#[ffi]
pub struct Label<'a> {
    pub text: &'a str,
    pub points: &'a [Point],
    pub c: &'a CStr,
}

#[ffi]
pub fn all_params(
    a: &str,
    b: String,
    c: &CStr,
    d: &[u8],
    e: &mut [f32],
    f: Vec<Point>,
    g: Box<[Color]>,
    h: &[String],
    i: &[Person],
    j: Person,
    k: Team,
    l: Label<'_>,
    m: Tuple,
    n: &mut [Color],
    o: Vec<Vec<String>>,
) -> usize {
    let _ = (a, b, c, d, e, f, g, h, i, j, k, l, m, n, o);
    0
}

#[ffi]
pub fn ret_string() -> String {
    String::new()
}

#[ffi]
pub fn ret_vec() -> Vec<Person> {
    Vec::new()
}

#[ffi]
pub fn ret_boxed() -> Box<[String]> {
    Box::new([])
}

#[ffi]
pub fn ret_team() -> Team {
    Team {
        lead: Person { name: String::new(), tags: Vec::new(), age: 0 },
        members: Vec::new(),
        scores: Box::new([]),
        colors: Vec::new(),
        grid: Vec::new(),
    }
}

#[ffi]
pub fn ret_c_str() -> &'static CStr {
    c"x"
}

#[ffi]
pub fn ret_label() -> Label<'static> {
    Label { text: "t", points: &[], c: c"" }
}

fn main() {}
