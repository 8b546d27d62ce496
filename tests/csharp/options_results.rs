//! Options and results (the conformance fixture's `options_results` and `error_variants` features)
//! from C#: the bindings compile as a library with XML docs, tests/csharp/OptionsResultsTests.cs
//! (every function of both features: `T?` and null in every position, typed exceptions caught by
//! type with their values, one class per variant of an enum with data, String errors, panics inside
//! `Result` functions, null refused, RSS over 1,000,000 raising calls on Mono and 200,000 on .NET 8)
//! runs on Mono and on .NET 8 with the same output, and the generated source matches its golden file.

#[test]
fn options_results_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "options_results",
        "options_results error_variants",
        "OptionsResultsTests",
        214,
    );
}
