use interop_core::ffi;

#[ffi]
pub enum Shape {
    Empty,
    Circle(f32),
    Rect { w: f32, h: f32 },
}

fn main() {}
