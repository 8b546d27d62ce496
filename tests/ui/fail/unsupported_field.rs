use interop_core::ffi;

#[ffi]
pub struct Person {
    pub age: u8,
    pub friends: std::collections::HashMap<String, u8>,
}

fn main() {}
