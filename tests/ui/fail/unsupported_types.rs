use interop_core::ffi;

pub struct NotFfi {
    pub x: u32,
}

#[ffi]
pub fn takes_string(s: String) -> u32 {
    s.len() as u32
}

#[ffi]
pub fn takes_vec(v: Vec<u8>) -> usize {
    v.len()
}

#[ffi]
pub fn takes_plain_struct(p: NotFfi) -> u32 {
    p.x
}

#[ffi]
pub fn takes_str(s: &str) -> usize {
    s.len()
}

#[ffi]
pub fn returns_string() -> String {
    String::new()
}

#[ffi]
pub fn returns_tuple() -> (u8, u8) {
    (1, 2)
}

fn main() {}
