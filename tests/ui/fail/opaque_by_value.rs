use interop_core::ffi;

#[ffi(opaque)]
pub struct Engine {
    rpm: u32,
}

#[ffi]
pub fn consume(e: Engine) -> u32 {
    e.rpm
}

#[ffi]
impl Engine {
    pub fn rpm(self) -> u32 {
        self.rpm
    }
}

fn main() {}
