use interop_core::ffi;

/// A returned closure whose `&str` parameter is spelled `'static`: the caller's text is valid for
/// the call only, so the closure could keep a dangling reference. Refused at the parameter, with
/// the fix (write `&str`).
#[ffi]
pub fn make_logger() -> Box<dyn Fn(&'static str) + Send + Sync> {
    Box::new(|s: &'static str| {
        let _ = s.len();
    })
}

fn main() {}
