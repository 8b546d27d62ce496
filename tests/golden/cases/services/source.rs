//! A service: a Rust object owned through a handle, with constructors, methods and a destructor.

use interop_core::ffi;

/// A counter kept in Rust.
#[ffi(service)]
pub struct Tally {
    count: u64,
}

#[ffi]
impl Tally {
    /// A tally starting at `start`.
    pub fn new(start: u64) -> Self {
        Tally { count: start }
    }

    /// Adds `by`, returns the new count.
    pub fn add(&mut self, by: u64) -> u64 {
        self.count += by;
        self.count
    }

    /// The current count.
    pub fn get(&self) -> u64 {
        self.count
    }

    /// Consumes the tally, returning its count.
    pub fn finish(self) -> u64 {
        self.count
    }

    /// Closes the tally, returning its final count: the class's own `close()` / `Close()` (a
    /// consuming close with a value, ADR 34).
    pub fn close(self) -> u64 {
        self.count
    }
}
