//! A generated C header next to every C standard header: names the header defines must not collide
//! with the macros, typedefs and functions of `<stdio.h>`, `<errno.h>` … nor with GNU C's predefined
//! macros (`unix`, `linux`), in either include order.

use std::path::Path;
use std::process::Command;

/// How the tests compile C: C99, pedantic, every warning an error.
pub const C_FLAGS: &[&str] = &["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"];

/// How the tests compile C as C++ (`-x c++`: `.c` files too).
pub const CXX_FLAGS: &[&str] = &[
    "-std=c++17",
    "-Wall",
    "-Wextra",
    "-pedantic",
    "-Werror",
    "-x",
    "c++",
];

/// Every header of ISO C up to C17.
pub const C_STANDARD_HEADERS: &[&str] = &[
    "assert.h",
    "complex.h",
    "ctype.h",
    "errno.h",
    "fenv.h",
    "float.h",
    "inttypes.h",
    "iso646.h",
    "limits.h",
    "locale.h",
    "math.h",
    "setjmp.h",
    "signal.h",
    "stdalign.h",
    "stdarg.h",
    "stdatomic.h",
    "stdbool.h",
    "stddef.h",
    "stdint.h",
    "stdio.h",
    "stdlib.h",
    "stdnoreturn.h",
    "string.h",
    "tgmath.h",
    "threads.h",
    "time.h",
    "uchar.h",
    "wchar.h",
    "wctype.h",
];

/// The compilers and modes the check runs: gcc in its default GNU mode (which predefines `unix` and
/// `linux`), strict C99, and g++ in its default mode.
const MODES: &[(&str, &[&str])] = &[
    ("gcc", &["-Wall", "-Wextra", "-Werror"]),
    (
        "gcc",
        &["-std=c99", "-pedantic", "-Wall", "-Wextra", "-Werror"],
    ),
    ("g++", &["-Wall", "-Wextra", "-Werror", "-x", "c++"]),
];

/// Compile `<include_dir>/<header>` after and before every C standard header, in every mode; panics
/// with the compiler's output on failure. Translation units are written to `scratch`. Returns `false`
/// (after printing why) when gcc or g++ is missing outside CI.
pub fn compile_with_standard_headers(include_dir: &Path, header: &str, scratch: &Path) -> bool {
    let Some(gcc) = crate::require_tool("gcc") else {
        return false;
    };
    let Some(gxx) = crate::require_tool("g++") else {
        return false;
    };
    let standard: String = C_STANDARD_HEADERS
        .iter()
        .map(|h| format!("#include <{h}>\n"))
        .collect();
    let ours = format!("#include \"{header}\"\n");
    let stem = header.trim_end_matches(".h");
    for (order, text) in [
        ("after", format!("{standard}{ours}")),
        ("before", format!("{ours}{standard}")),
    ] {
        let tu = scratch.join(format!("{stem}_{order}_standard_headers.c"));
        std::fs::write(&tu, text).expect("write translation unit");
        for (compiler, flags) in MODES {
            let path = if *compiler == "gcc" { &gcc } else { &gxx };
            let out = crate::run(
                Command::new(path)
                    .args(*flags)
                    .arg("-fsyntax-only")
                    .arg("-I")
                    .arg(include_dir)
                    .arg(&tu),
            );
            crate::assert_success(
                &out,
                &format!(
                    "{compiler} {} on {header} {order} every C standard header",
                    flags.join(" ")
                ),
            );
            assert!(
                out.stderr.is_empty(),
                "{compiler} warned on {header} {order} the standard headers:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    true
}
