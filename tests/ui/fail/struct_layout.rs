use interop_core::ffi;

#[ffi]
#[repr(packed)]
pub struct UserPacked {
    pub a: u8,
    pub b: u32,
}

#[ffi]
pub struct Private {
    pub a: u8,
    b: u32,
}

#[ffi]
pub struct Generic<T> {
    pub t: T,
}

#[ffi]
pub struct Empty;

#[ffi]
#[repr(u8, C)]
pub enum TwoReprs {
    A,
}

fn main() {}
