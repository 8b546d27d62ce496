//! Closures returning data enums and tuples, and a closure `Result` whose error is a data enum or a
//! `String` (the conformance fixture's `callback_data_returns` and `callback_data_extra` features,
//! ADR 63) from C#: the bindings compile as a library with XML docs,
//! tests/csharp/CallbackDataReturnsTests.cs (every variant of `CbToken` and `CbStep`, `(uint,
//! string)` and `(double, double)`, `CbJobErrorException` / `CbStepException` for `Err` with each
//! variant, the base exception for a `String` error, returned closures' `Invoke` giving tokens,
//! tuples and the exception of the variant; null variants, null strings inside a variant, a tuple
//! or an error, and lone surrogates refused through the callback's exception naming the path, a
//! `(string, string)` refused half way freeing its first string;
//! other exceptions rethrown; GC inside callbacks; 4 C# threads; RSS flat over 100,000 calls of
//! each kind) runs on Mono and on .NET 8 with the same output, and the generated source matches
//! its golden file.

/// How many checks CallbackDataReturnsTests.cs makes.
const EXPECTED_CHECKS: u32 = 104;

#[test]
fn callback_data_returns_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-data-returns",
        "callback_data_returns callback_data_extra",
        "CallbackDataReturnsTests",
        EXPECTED_CHECKS,
    );
}
