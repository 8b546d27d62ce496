use interop_core::ffi;

#[ffi(opaque)]
pub struct Engine {
    rpm: u32,
}

#[ffi]
impl Engine {
    /// A destructor takes the handle as `*mut Self` and returns nothing.
    #[ffi(destructor)]
    pub fn stop(&mut self) {
        self.rpm = 0;
    }

    #[ffi(destructor)]
    pub unsafe fn destroy_twice(a: *mut Engine, b: *mut Engine) {
        let _ = (a, b);
    }

    #[ffi(destructor)]
    pub unsafe fn destroy_returning(e: *mut Engine) -> u32 {
        let _ = e;
        0
    }
}

/// `destructor` is for the functions of an impl block.
#[ffi(destructor)]
pub unsafe fn free_engine(e: *mut Engine) {
    let _ = e;
}

fn main() {}
