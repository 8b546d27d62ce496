//! Closures borrowed for the call and kept by Rust, a returned closure, a named callback type and a
//! plain function pointer.
use interop_core::ffi;

/// Progress: done, total.
#[ffi]
pub type OnProgress = dyn Fn(u64, u64) + Send + Sync;

/// A point.
#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// Reports progress to a named callback type.
#[ffi]
pub fn run(steps: u64, progress: &OnProgress) {
    for i in 0..steps {
        progress(i + 1, steps);
    }
}

/// `f(f(x))`.
#[ffi]
pub fn twice(f: impl Fn(u32) -> u32, x: u32) -> u32 {
    f(f(x))
}

/// Counts to `n` with a mutable closure.
#[ffi]
pub fn count(n: u32, f: &mut dyn FnMut(u32) -> bool) -> u32 {
    (0..n).take_while(|i| f(*i)).count() as u32
}

/// Maps a point, or returns it when there is no closure.
#[ffi]
pub fn map(p: Point, f: Option<&dyn Fn(Point) -> Point>) -> Point {
    f.map_or(p, |f| f(p))
}

/// Keeps `f` and calls it once on a thread.
#[ffi]
pub fn later(f: Box<dyn Fn(u32) + Send + Sync>, x: u32) {
    let _ = std::thread::spawn(move || f(x)).join();
}

/// Hands a greeting to `f` (an owned `String` argument).
#[ffi]
pub fn greet(f: Box<dyn FnMut(String) + Send>) {
    let mut f = f;
    f("hello".to_string());
}

/// A closure adding `n`.
#[ffi]
pub fn adder(n: i64) -> Box<dyn Fn(i64) -> i64 + Send + Sync> {
    Box::new(move |x| x + n)
}

/// `f(x)` through a plain function pointer, or `x` when NULL.
#[ffi]
pub fn apply(f: Option<extern "C" fn(f64) -> f64>, x: f64) -> f64 {
    f.map_or(x, |f| f(x))
}
