//! `#[repr(C)]` structs, named and tuple, nested, renamed, by value, with field docs.
use interop_core::ffi;

/// A point in the plane.
#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    /// The x coordinate.
    pub x: f32,
    /// The y coordinate.
    pub y: f32,
}

/// A segment: two points by value.
#[ffi]
#[derive(Clone, Copy)]
pub struct Segment {
    pub from: Point,
    pub to: Point,
}

/// A tuple struct.
#[ffi]
#[derive(Clone, Copy)]
pub struct Pair(pub i32, pub i64);

/// `Original` in Rust, `Renamed` in the bindings.
#[ffi(name = "Renamed")]
#[derive(Clone, Copy)]
pub struct Original {
    pub value: u16,
}

/// The midpoint of a segment.
#[ffi]
pub fn segment_mid(s: Segment) -> Point {
    Point { x: (s.from.x + s.to.x) / 2.0, y: (s.from.y + s.to.y) / 2.0 }
}

/// Swaps the elements.
#[ffi]
pub fn pair_swap(p: Pair) -> Pair {
    Pair(p.1 as i32, i64::from(p.0))
}

/// The value of a renamed struct.
#[ffi]
pub fn renamed_value(r: Original) -> u16 {
    r.value
}

/// Moves a point through a reference.
#[ffi]
pub fn point_move(p: &mut Point, dx: f32, dy: f32) {
    p.x += dx;
    p.y += dy;
}
