//! Rust names that are names of the C standard headers or of GNU C: escaped with a trailing `_` in C
//! where they would break the header (a field `unix` is `1` under plain gcc, an enum `Exit` would
//! define `EXIT_SUCCESS` again, a constant `U8` would clash with a `typedef uint8_t U8;`).
#![allow(non_upper_case_globals, clippy::upper_case_acronyms)]

use interop_core::ffi;

/// Fields named like GNU C's predefined macros and standard macros; `time` (a function) stays.
#[ffi]
#[derive(Clone, Copy)]
pub struct Platform {
    pub unix: bool,
    pub linux: bool,
    pub errno: i32,
    pub stdin: u8,
    pub time: u64,
}

/// Its variants would be `<stdlib.h>`'s `EXIT_SUCCESS` and `EXIT_FAILURE`.
#[ffi]
#[derive(Clone, Copy)]
pub enum Exit {
    Success,
    Failure,
}

/// Its variants would be `<stdio.h>`'s `SEEK_SET`, `SEEK_CUR` and `SEEK_END`.
#[ffi]
#[derive(Clone, Copy)]
pub enum Seek {
    Set,
    Cur,
    End,
}

/// Named like `<stdio.h>`'s `FILE`.
#[ffi]
#[derive(Clone, Copy)]
pub struct FILE {
    pub fd: i32,
}

/// Would clash with the common `typedef uint8_t U8;`.
#[ffi]
pub const U8: u8 = 8;

/// Named like `<stdio.h>`'s `EOF`.
#[ffi]
pub const EOF: i32 = -1;

/// Parameters named like standard macros (`exit`, a function, stays).
#[ffi]
pub fn platform_make(unix: bool, errno: i32, exit: Exit, seek: Seek) -> Platform {
    let _ = (exit, seek);
    Platform { unix, linux: unix, errno, stdin: 0, time: 0 }
}

/// The descriptor of a file.
#[ffi]
pub fn file_fd(file: &FILE) -> i32 {
    file.fd
}
