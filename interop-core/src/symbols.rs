//! Symbols a library built with `#[ffi]` must never export.
//!
//! C has one namespace for functions: a library exporting `free` or `getpid` replaces the C library's
//! function in every program that links it (measured: 20,000 `malloc`+`free` of 10 kB grew memory by
//! 196 MB). `#[ffi]` refuses such a symbol at compile time, naming the item and the fix (a module, a
//! crate prefix, or an explicit `#[ffi(export = "…")]`).

/// Functions of the C standard library (C89 to C17) and of POSIX (and a few common BSD/GNU
/// extensions): `#[ffi]` symbols must not be one of these. One name a line, sorted byte-wise, each
/// line ending with a newline (the data is `symbols/c_library.txt`).
pub const C_LIBRARY_SYMBOLS: &str = include_str!("symbols/c_library.txt");

// The search below needs every line, the last one included, to end with a newline.
const _: () = assert!(C_LIBRARY_SYMBOLS.as_bytes()[C_LIBRARY_SYMBOLS.len() - 1] == b'\n');

/// The names of [`C_LIBRARY_SYMBOLS`], in order.
pub fn c_library_symbols() -> impl Iterator<Item = &'static str> {
    C_LIBRARY_SYMBOLS.lines()
}

/// Whether `symbol` is one of [`C_LIBRARY_SYMBOLS`] (usable in const context: binary search over
/// the lines of the text).
pub const fn is_c_library_symbol(symbol: &str) -> bool {
    let text = C_LIBRARY_SYMBOLS.as_bytes();
    // `lo` and `hi` are always the start of a line (or the end of the text).
    let (mut lo, mut hi) = (0, text.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let mut start = mid;
        while start > lo && text[start - 1] != b'\n' {
            start -= 1;
        }
        let mut end = start;
        while text[end] != b'\n' {
            end += 1;
        }
        // `text[start..end]`, written with `split_at` because range indexing is not const.
        let line = text.split_at(end).0.split_at(start).1;
        match compare(line, symbol.as_bytes()) {
            core::cmp::Ordering::Less => lo = end + 1,
            core::cmp::Ordering::Greater => hi = start,
            core::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// Byte-wise comparison, usable in const context.
const fn compare(a: &[u8], b: &[u8]) -> core::cmp::Ordering {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return if a[i] < b[i] {
                core::cmp::Ordering::Less
            } else {
                core::cmp::Ordering::Greater
            };
        }
        i += 1;
    }
    if a.len() < b.len() {
        core::cmp::Ordering::Less
    } else if a.len() > b.len() {
        core::cmp::Ordering::Greater
    } else {
        core::cmp::Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_searchable() {
        let names: Vec<&str> = c_library_symbols().collect();
        assert_eq!(names.len(), 676);
        assert!(names.iter().all(|s| !s.is_empty() && !s.contains('\r')));
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        for s in names {
            assert!(is_c_library_symbol(s), "{s}");
        }
        for s in [
            "slots_free",
            "fre",
            "freee",
            "",
            "zzz",
            "aaa",
            "counter_new",
        ] {
            assert!(!is_c_library_symbol(s), "{s}");
        }
        // Evaluated by the compiler, as in `checked_symbol`.
        const {
            assert!(is_c_library_symbol("abort"));
            assert!(is_c_library_symbol("wscanf"));
            assert!(!is_c_library_symbol("abort_"));
        }
    }
}
