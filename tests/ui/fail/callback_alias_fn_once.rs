use interop_core::ffi;

/// A named callback type whose parameter borrows is `dyn Fn` or `dyn FnMut`: the foreign side may
/// call it any number of times (ADR 60).
#[ffi]
pub type OnceMessage = dyn FnOnce(&str) + Send;

fn main() {}
