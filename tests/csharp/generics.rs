//! Generic records at concrete types and tuples (the conformance fixture's `generics` feature) from
//! C#: the bindings compile as a library with XML docs, tests/csharp/GenericsTests.cs (every function
//! of the feature) runs on Mono and on .NET 8 with the same output.

#[test]
fn generics_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "generics",
        "generics,generic_enums",
        "GenericsTests",
        53,
    );
}
