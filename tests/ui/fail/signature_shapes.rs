use interop_core::ffi;

#[ffi]
pub fn array_param(a: [u8; 4]) -> u8 {
    a[0]
}

#[ffi]
pub fn returns_ref(x: &u32) -> &u32 {
    x
}

#[ffi]
pub fn generic<T: Copy>(x: T) -> T {
    x
}

#[ffi]
pub fn impl_trait(x: impl Into<u32>) -> u32 {
    x.into()
}

#[ffi]
pub async fn later() -> u32 {
    1
}

#[ffi]
pub fn pattern((a, b): (u8, u8)) -> u8 {
    a + b
}

fn main() {}
