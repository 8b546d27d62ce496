use interop_core::ffi;

#[ffi]
pub struct Person {
    pub age: u8,
    pub name: String,
}

fn main() {}
