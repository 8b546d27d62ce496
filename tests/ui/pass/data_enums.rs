use interop_core::ffi;

#[ffi]
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// Shapes with every kind of variant.
#[ffi]
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// No shape.
    Empty,
    Circle(Point, f32),
    Rect { min: Point, max: Point },
    Label { text: String, tags: Vec<String> },
}

#[ffi]
#[repr(C, u16)]
pub enum Wide {
    A,
    B(u64),
}

#[ffi]
pub struct Drawing {
    pub shapes: Vec<Shape>,
    pub background: Shape,
}

#[ffi]
pub enum Nested {
    Leaf(u8),
    Inner(Shape),
    Many(Vec<Shape>),
}

#[ffi]
pub fn area(s: Shape) -> f32 {
    match s {
        Shape::Circle(_, r) => r * r,
        _ => 0.0,
    }
}

#[ffi]
pub fn shapes(n: u32) -> Vec<Shape> {
    (0..n).map(|_| Shape::Empty).collect()
}

#[ffi]
pub fn count(shapes: &[Shape], d: Drawing, n: Nested, w: Wide) -> usize {
    let _ = (d, n, w);
    shapes.len()
}



/// C-compatible payloads only: crosses behind references and in slices too.
#[ffi]
#[derive(Clone, Copy)]
pub struct Vec2 {
    pub x: f32,
    pub y: f32,
}

#[ffi]
#[derive(Clone, Copy)]
pub enum Payload {
    A,
    B(Vec2),
    C(u32, bool),
}

#[ffi]
pub fn double(x: &mut Payload, all: &[Payload], maybe: Option<&Payload>) -> Payload {
    let _ = (all, maybe);
    *x
}
fn main() {}
