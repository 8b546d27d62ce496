// A type that owns data crosses by value only: a reference or pointer to it is refused when the
// shim is instantiated (a post-monomorphization error, so only `cargo build` reports it).
use interop_core::ffi;

#[ffi]
pub struct Person {
    pub name: String,
}

#[ffi]
pub fn by_reference(p: &Person) -> usize {
    p.name.len()
}

#[ffi]
pub fn strings_in_place(s: &mut [String]) {
    s.sort();
}

fn main() {}
