//! Closures taking `&[T]` of data owning types (the conformance fixture's `callback_slice_refs`
//! feature, ADR 62) from C#: the bindings compile as a library with XML docs,
//! tests/csharp/CallbackSliceRefsTests.cs (batches of records, lines, a kept sink on a Rust thread,
//! chunks of bytes, a record's records; empty slices, non-ASCII and empty strings; exceptions
//! rethrown; RSS flat over 240,000 calls) runs on Mono and on .NET 8 with the same output, and the
//! generated source matches its golden file.

/// How many checks CallbackSliceRefsTests.cs makes.
const EXPECTED_CHECKS: u32 = 23;

#[test]
fn callback_slice_refs_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-slice-refs",
        "callback_slice_refs",
        "CallbackSliceRefsTests",
        EXPECTED_CHECKS,
    );
}
