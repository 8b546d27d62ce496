//! Messages of errors as they cross (ADR 35): static text for fieldless enums (`cap == 0`), kept
//! per variant; owned text for errors that own data; the fallback of a `Display` that panics.

use crate::abi::Buffer;
use crate::abi::convert::FfiError;
use crate::abi::convert::messages::{CELL_CAPACITY, PANICKED};
use crate::ffi;

/// `Display` per variant.
#[ffi]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MErr {
    First = 1,
    Second = 2,
}

impl core::fmt::Display for MErr {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            MErr::First => "the first",
            MErr::Second => "the second",
        })
    }
}

/// Neither `Display` nor `Debug`.
#[ffi]
pub enum MBare {
    Alpha,
    Beta,
}

/// A `Display` that panics for one variant.
#[ffi]
#[derive(Clone, Copy)]
pub enum MPanics {
    Fine,
    Boom,
}

impl core::fmt::Display for MPanics {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            MPanics::Fine => f.write_str("fine"),
            MPanics::Boom => panic!("Display of MPanics::Boom"),
        }
    }
}

/// A `Display` longer than a cell keeps.
#[ffi]
#[derive(Clone, Copy)]
pub enum MLong {
    Long,
}

impl core::fmt::Display for MLong {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&"x".repeat(CELL_CAPACITY + 1))
    }
}

/// Rendered first by racing threads.
#[ffi]
#[derive(Debug)]
pub enum MRace {
    Only,
}

/// A record error owning data.
#[ffi]
#[derive(Debug)]
pub struct MOwned {
    pub text: String,
}

fn text(b: &Buffer<u8>) -> &str {
    // SAFETY: a message the library made: UTF-8, `len` bytes at `ptr`.
    core::str::from_utf8(unsafe { core::slice::from_raw_parts(b.ptr, b.len) }).unwrap()
}

/// Frees an owned message (as every receiver does: nothing happens for `cap == 0`).
fn free(b: Buffer<u8>) {
    // SAFETY: a message the library made, freed once.
    unsafe { crate::abi::free::interop_buffer_free(b.ptr.cast(), b.cap, 1, 1) };
}

#[test]
fn a_fieldless_enum_with_display_is_rendered_once_per_variant() {
    for _ in 0..3 {
        let a = MErr::First.lower_message();
        let b = MErr::First.lower_message();
        let c = MErr::Second.lower_message();
        assert_eq!((text(&a), a.cap), ("the first", 0));
        assert_eq!(a.ptr, b.ptr, "the same kept text each time");
        assert_eq!((text(&c), c.cap), ("the second", 0));
        assert_ne!(a.ptr, c.ptr);
        for m in [a, b, c] {
            free(m);
        }
    }
    assert_eq!(MErr::Second.message(), "the second");
}

#[test]
fn a_fieldless_enum_without_display_crosses_as_a_literal() {
    let m = MBare::Beta.lower_message();
    assert_eq!((text(&m), m.cap), ("MBare::Beta", 0));
    assert_eq!(MBare::Alpha.message(), "MBare::Alpha");
}

#[test]
fn a_display_that_panics_gives_the_fallback_every_time() {
    for _ in 0..2 {
        let m = MPanics::Boom.lower_message();
        assert_eq!((text(&m), m.cap), (PANICKED, 0));
        let m = MPanics::Fine.lower_message();
        assert_eq!(text(&m), "fine");
    }
    let owned = MOwned { text: "t".into() };
    assert_eq!(text(&owned.lower_message()), "MOwned { text: \"t\" }");
}

#[test]
fn long_and_owned_messages_stay_owned() {
    for _ in 0..2 {
        let m = MLong::Long.lower_message();
        assert_eq!(m.len, CELL_CAPACITY + 1);
        assert!(
            m.cap >= m.len,
            "rendered for this error, owned by the receiver"
        );
        free(m);
    }
    let m = MOwned { text: "t".into() }.lower_message();
    assert!(m.cap > 0);
    assert_eq!(text(&m), "MOwned { text: \"t\" }");
    free(m);
    let m = String::from("plain").lower_message();
    assert_eq!((text(&m), m.cap > 0), ("plain", true));
    free(m);
}

#[test]
fn threads_racing_on_the_first_render_all_get_the_message() {
    let handles: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(|| {
                (0..1000).all(|_| {
                    let m = MRace::Only.lower_message();
                    let ok = text(&m) == "Only";
                    free(m);
                    ok
                })
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap());
    }
}
