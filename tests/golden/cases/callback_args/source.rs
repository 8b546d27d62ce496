//! Closures with borrowed parameters (a `&str`, a `&[T]` and a `&T` valid while the closure runs)
//! and a closure returning `Result<T, E>`.
use interop_core::ffi;

/// A point.
#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// A logger (the bindings name `Fn(&str)` closures after it).
#[ffi]
pub type Log = dyn Fn(&str) + Send + Sync;

/// Logs each word of `text`.
#[ffi]
pub fn words(text: &str, log: &dyn Fn(&str)) {
    text.split_whitespace().for_each(log);
}

/// Sums what `f` makes of each half of `values`.
#[ffi]
pub fn halves(values: &[u32], mut f: impl FnMut(&[u32]) -> u32) -> u32 {
    let (a, b) = values.split_at(values.len() / 2);
    f(a) + f(b)
}

/// Hands `p` to `f` by reference, if there is one.
#[ffi]
pub fn inspect(p: Point, f: Option<&dyn Fn(&Point) -> bool>) -> bool {
    f.is_some_and(|f| f(&p))
}

/// Keeps `log` (called from a thread).
#[ffi]
pub fn later(log: Box<dyn Fn(&str) + Send + Sync>) {
    let _ = std::thread::spawn(move || log("later")).join();
}

/// Why a value was refused.
#[ffi]
#[derive(Clone, Copy, Debug)]
pub enum Refusal {
    /// The check failed otherwise.
    Other = 0,
    /// The value is negative.
    Negative = 1,
}

/// Counts the values `check` accepts (`Err` refuses one).
#[ffi]
pub fn accepted(values: &[i32], check: &dyn Fn(i32) -> Result<i32, Refusal>) -> u32 {
    values.iter().filter(|v| check(**v).is_ok()).count() as u32
}
