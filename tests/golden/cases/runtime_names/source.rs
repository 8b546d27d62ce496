//! User types named like the C# bindings' own members (`__View`, `__Buffer`, `__Arena`,
//! `__Callback`, …): the C layout struct of such a type is `__View_` in the native class, so both
//! compile (a record named `View` used to define `__View` twice).

use interop_core::ffi;

/// A borrowed view of a job (named like the runtime's `__View`).
#[ffi]
pub struct View<'a> {
    pub name: &'a str,
    pub ids: &'a [u32],
}

/// Bytes with a label (named like the runtime's `__Buffer`).
#[ffi]
#[derive(Clone)]
pub struct Buffer {
    pub bytes: Vec<u8>,
    pub label: String,
}

/// Where values live (named like the runtime's `__Arena`).
#[ffi]
pub enum Arena {
    Empty,
    Named(String),
}

/// A listener (named like the runtime's `__Callback`).
#[ffi]
pub struct Callback {
    pub on_value: Box<dyn Fn(u32) + Send + Sync>,
}

/// The name's length plus the number of ids.
#[ffi]
pub fn view_weight(view: View<'_>) -> u64 {
    view.name.len() as u64 + view.ids.len() as u64
}

/// A buffer of `label`'s bytes.
#[ffi]
pub fn buffer_of(label: &str) -> Buffer {
    Buffer {
        bytes: label.as_bytes().to_vec(),
        label: label.to_string(),
    }
}

/// The arena's name, or "".
#[ffi]
pub fn arena_name(arena: Arena) -> String {
    match arena {
        Arena::Empty => String::new(),
        Arena::Named(name) => name,
    }
}

/// Calls the listener with `value`.
#[ffi]
pub fn callback_fire(callback: Callback, value: u32) {
    (callback.on_value)(value);
}

/// The number of bytes of the buffer `make` returns for `n`.
#[ffi]
pub fn buffer_made(n: u32, make: &dyn Fn(u32) -> Buffer) -> u64 {
    make(n).bytes.len() as u64
}
