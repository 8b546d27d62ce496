use interop_core::ffi;

#[ffi(name = "Renamed")]
pub struct Original {
    pub x: i32,
}

// The symbols would be `original_get`, but the type is `Renamed` in the bindings.
#[ffi]
impl Original {
    pub fn get(&self) -> i32 {
        self.x
    }
}

fn main() {}
