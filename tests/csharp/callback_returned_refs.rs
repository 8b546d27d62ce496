//! Rust closures the library returns taking `&T` of records owning data (the conformance fixture's
//! `callback_returned_refs` feature, ADR 61) from C#: the bindings compile as a library with XML
//! docs, tests/csharp/CallbackReturnedRefsTests.cs (a filter, a describer, a comparator, null
//! arguments, Dispose, threads, RSS flat over 100,000 calls) runs on Mono and on .NET 8 with the
//! same output, and the generated source matches its golden file.

/// How many checks CallbackReturnedRefsTests.cs makes.
const EXPECTED_CHECKS: u32 = 23;

#[test]
fn callback_returned_refs_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-returned-refs",
        "callback_returned_refs",
        "CallbackReturnedRefsTests",
        EXPECTED_CHECKS,
    );
}
