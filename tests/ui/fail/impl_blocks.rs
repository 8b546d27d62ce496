use interop_core::ffi;

#[ffi]
pub struct P {
    pub x: i32,
}

pub trait Get {
    fn get(&self) -> i32;
}

#[ffi]
impl Get for P {
    fn get(&self) -> i32 {
        self.x
    }
}

#[ffi]
impl P {
    #[ffi(name = "hidden")]
    fn private(&self) -> i32 {
        self.x
    }

    pub fn boxed(self: Box<Self>) -> i32 {
        self.x
    }

    #[ffi(module = "m")]
    pub fn in_module(&self) {}

    pub fn uses_private(&self) -> i32 {
        self.private()
    }
}

fn main() {}
