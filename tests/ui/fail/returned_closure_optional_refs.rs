use interop_core::ffi;

// Parameters a closure the library calls may take (ADR 66) but a closure it returns may not: its
// trampoline does not lift the caller's optional views or slices of views. Refused at the parameter,
// naming the owned type to take (the errors after the first ones are the generic impls' own).

/// A closure the library returns taking `Option<&str>` / `&[&str]`: refused at the parameter,
/// naming the owned type to take (ADR 66).
#[ffi]
pub fn on_error() -> Box<dyn Fn(u32, Option<&str>) + Send + Sync> {
    Box::new(|_, _| {})
}

#[ffi]
pub fn tokens() -> Box<dyn Fn(&[&str]) -> usize + Send + Sync> {
    Box::new(|words: &[&str]| words.len())
}

fn main() {}
