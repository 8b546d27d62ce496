//! Closures taking `Option<&str>`, `Option<&[T]>` and `&[&str]` (the conformance fixture's
//! `callback_optional_refs` feature, ADR 66) from C#: the bindings compile as a library with XML
//! docs, tests/csharp/CallbackOptionalRefsTests.cs (an error callback, optional bytes and chunks, a
//! kept sink on a Rust thread, a tokenizer's words; `null` for `None`, non-ASCII and empty strings;
//! exceptions rethrown; RSS flat over 120,000 calls, the smaller of two windows) runs on Mono and on
//! .NET 8 with the same output, and the generated source matches its golden file.

/// How many checks CallbackOptionalRefsTests.cs makes.
const EXPECTED_CHECKS: u32 = 27;

#[test]
fn callback_optional_refs_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-optional-refs",
        "callback_optional_refs",
        "CallbackOptionalRefsTests",
        EXPECTED_CHECKS,
    );
}
