//! Compile-time behaviour of `#[ffi]` (trybuild): what it accepts without a single warning, and what it
//! rejects, with the error pointing at the offending type or token.
//!
//! Re-bless the expected `.stderr` files with `TRYBUILD=overwrite cargo test -p interop-tests --test ui`
//! (and review the diff).

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("ui/pass/*.rs");
    t.compile_fail("ui/fail/*.rs");
}
