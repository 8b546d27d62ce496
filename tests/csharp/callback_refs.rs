//! Closures taking `&T` of records owning data (the conformance fixture's `callback_refs` feature,
//! ADR 58) from C#: the bindings compile as a library with XML docs, tests/csharp/CallbackRefsTests.cs
//! (a visitor, a comparator whose order comes back, a kept closure on a Rust thread, a service
//! method, a record holding records; non-ASCII and empty strings; exceptions rethrown; RSS flat over
//! 120,000 calls) runs on Mono and on .NET 8 with the same output, and the generated source matches
//! its golden file.

/// How many checks CallbackRefsTests.cs makes.
const EXPECTED_CHECKS: u32 = 24;

#[test]
fn callback_refs_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-refs",
        "callback_refs",
        "CallbackRefsTests",
        EXPECTED_CHECKS,
    );
}
