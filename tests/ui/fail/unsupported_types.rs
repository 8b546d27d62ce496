use interop_core::ffi;

pub struct NotFfi {
    pub x: u32,
}

#[ffi]
pub fn takes_plain_struct(p: NotFfi) -> u32 {
    p.x
}

#[ffi]
pub fn takes_vec_of_plain(v: Vec<NotFfi>) -> usize {
    v.len()
}

#[ffi]
pub fn takes_option_string(s: Option<String>) -> usize {
    s.map_or(0, |s| s.len())
}

#[ffi]
pub fn returns_tuple() -> (u8, u8) {
    (1, 2)
}

#[ffi]
pub fn returns_borrowed_c_str(s: &std::ffi::CStr) -> &std::ffi::CStr {
    s
}

#[ffi]
pub fn returns_str() -> &'static str {
    ""
}

fn main() {}
