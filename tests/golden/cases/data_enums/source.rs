//! Golden case `data_enums`: enums whose variants carry data (unit, tuple and struct variants,
//! C-compatible payloads and payloads that own data), in parameters, returns, fields and vectors.

use interop_core::ffi;

#[ffi]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

/// C-compatible payloads: crosses behind pointers too.
#[ffi]
#[derive(Clone, Copy)]
pub enum Motion {
    /// Standing still.
    Idle,
    /// Moving by a step.
    Step(Point),
    Jump { height: f32, twice: bool },
}

/// Payloads that own data.
#[ffi]
#[repr(C, u16)]
pub enum Message {
    Quit,
    Text(String),
    Move { to: Point, path: Vec<Point> },
    Nested(Motion, u8),
}

#[ffi]
pub struct Inbox {
    pub latest: Message,
    pub all: Vec<Message>,
}

/// Moves `m` by one step.
#[ffi]
pub fn motion_advance(m: &mut Motion) -> Motion {
    *m
}

#[ffi]
pub fn message_echo(m: Message) -> Message {
    m
}

#[ffi]
pub fn inbox_count(inbox: Inbox, extra: &[Message]) -> u32 {
    (inbox.all.len() + extra.len()) as u32
}

#[ffi]
pub fn messages() -> Vec<Message> {
    Vec::new()
}

/// An option of a data enum, both ways.
#[ffi]
pub fn message_or_none(m: Option<Message>) -> Option<Message> {
    m
}
