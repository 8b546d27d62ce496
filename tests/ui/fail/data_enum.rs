use interop_core::ffi;

// An explicit discriminant: the tag of a data enum is the variant's index.
#[ffi]
pub enum Explicit {
    Empty = 1,
    Circle(f32),
}

// A tag type C bindings cannot use.
#[ffi]
#[repr(u64)]
pub enum WideTag {
    Empty,
    Circle(f32),
}

// A lifetime: not yet.
#[ffi]
pub enum Borrowed<'a> {
    Empty,
    Text(&'a str),
}

// `#[repr(u8)]` alone has another layout than the one C reads.
#[ffi]
#[repr(u8)]
pub enum PrimitiveRepr {
    Empty,
    Circle(f32),
}

fn main() {}
