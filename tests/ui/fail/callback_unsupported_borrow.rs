use interop_core::ffi;

/// A borrowed parameter inside another type: not a view the closure can be given.
#[ffi]
pub fn nested(f: &dyn Fn(Option<&str>, u32)) {
    f(None, 1);
}

/// A closure parameter that is neither `&str`, `&[T]`, `&CStr` nor `&T`.
#[ffi]
pub fn pair(f: impl Fn(&(u8, u8))) {
    f(&(1, 2));
}

fn main() {}
