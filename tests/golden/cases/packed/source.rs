//! `#[ffi(packed)]` structs (`repr(C, packed)`), alone and embedded in another struct.
use interop_core::ffi;

/// A packed struct: 5 bytes, no padding.
#[ffi(packed)]
#[derive(Clone, Copy)]
pub struct Header {
    pub tag: u8,
    pub length: u32,
}

/// An ordinary struct that embeds a packed one (its fields are misaligned too).
#[ffi]
#[derive(Clone, Copy)]
pub struct Frame {
    pub header: Header,
    pub checksum: u16,
}

/// Builds a header.
#[ffi]
pub fn header_make(tag: u8, length: u32) -> Header {
    Header { tag, length }
}

/// Reads a header through a reference.
#[ffi]
pub fn header_length(h: &Header) -> u32 {
    h.length
}

/// The checksum of a frame by value.
#[ffi]
pub fn frame_checksum(f: Frame) -> u16 {
    f.checksum
}
