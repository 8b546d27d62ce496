//! Optional borrowed views as parameters (the conformance fixture's `optional_views` feature,
//! ADR 46) from C#: the bindings compile as a library with XML docs, tests/csharp/OptionalViewsTests.cs
//! (every function of the feature) runs on Mono and on .NET 8 with the same output.

#[test]
fn optional_views_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "optional_views",
        "optional_views",
        "OptionalViewsTests",
        86,
    );
}
