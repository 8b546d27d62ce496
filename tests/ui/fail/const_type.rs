use interop_core::ffi;

#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: i32,
}

#[ffi]
pub const NAME: &str = "name";

#[ffi]
pub const ORIGIN: Point = Point { x: 0 };

fn main() {}
