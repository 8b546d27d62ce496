//! `#[ffi(opaque)]` types behind pointers, with a constructor, methods (`&self`, `&mut self`), a
//! static method and a destructor; a handle inside a struct.
use interop_core::ffi;

/// A counter whose contents stay in Rust.
#[ffi(opaque)]
pub struct Counter {
    value: u64,
}

#[ffi]
impl Counter {
    /// Creates a counter. Free it with `counter_destroy`.
    pub fn new(start: u64) -> *mut Counter {
        Box::into_raw(Box::new(Counter { value: start }))
    }

    /// Adds `by` and returns the new count.
    pub fn increment(&mut self, by: u64) -> u64 {
        self.value += by;
        self.value
    }

    /// The current count.
    pub fn get(&self) -> u64 {
        self.value
    }

    /// The largest start value.
    pub fn max_start() -> u64 {
        u64::MAX
    }

    /// Frees a counter made by `counter_new`. NULL is ignored.
    pub unsafe fn destroy(counter: *mut Counter) {
        if !counter.is_null() {
            drop(unsafe { Box::from_raw(counter) });
        }
    }
}

/// A struct holding a handle.
#[ffi]
#[derive(Clone, Copy)]
pub struct Slot {
    pub counter: *mut Counter,
    pub index: u32,
}

/// The count of the counter in a slot, or 0 for an empty slot.
#[ffi]
pub unsafe fn slot_count(slot: Slot) -> u64 {
    unsafe { slot.counter.as_ref() }.map_or(0, |c| c.value)
}

/// The count behind an optional handle.
#[ffi]
pub fn peek(counter: Option<&Counter>) -> u64 {
    counter.map_or(0, |c| c.value)
}
