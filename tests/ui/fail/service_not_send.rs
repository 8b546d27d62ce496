use interop_core::ffi;
use std::rc::Rc;

#[ffi(service)]
pub struct Shared {
    value: Rc<u64>,
}

#[ffi]
impl Shared {
    pub fn new() -> Self {
        Shared { value: Rc::new(0) }
    }
}

fn main() {}
