use interop_core::ffi;

#[ffi(service)]
pub struct Store {
    items: Vec<u8>,
}

#[ffi]
impl Store {
    pub fn new() -> Self {
        Store { items: Vec::new() }
    }
}

#[ffi]
pub struct Holder {
    pub id: u32,
    pub store: Store,
}

fn main() {}
