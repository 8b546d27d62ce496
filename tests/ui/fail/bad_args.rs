use interop_core::ffi;

#[ffi(nme = "x")]
pub fn typo() {}

#[ffi(export = "sym")]
#[derive(Clone, Copy)]
pub struct NoExportOnStructs {
    pub x: u8,
}

#[ffi(packed)]
pub fn packed_fn() {}

#[ffi(name = "not an identifier")]
pub fn spaces() {}

#[ffi(opaque, transparent)]
pub struct Both {
    pub x: u8,
}

#[ffi]
pub static NOT_SUPPORTED: u32 = 1;

fn main() {}
