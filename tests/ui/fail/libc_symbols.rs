use interop_core::ffi;

/// Would replace the C library's `free` in every program that links the library.
#[ffi]
pub fn free(slot: u64) -> u64 {
    slot
}

/// An explicit symbol is checked too.
#[ffi(export = "getpid")]
pub fn process_id() -> u32 {
    4242
}

#[ffi(opaque)]
pub struct Io {
    fd: i32,
}

#[ffi]
impl Io {
    /// `io_read` is fine; an explicit `read` is not.
    #[ffi(export = "read")]
    pub fn read(&self) -> i32 {
        self.fd
    }
}

fn main() {}
