//! Strings, slices, vectors and records that own them (the conformance fixture's `strings` feature)
//! from C#: the bindings compile as a library with XML docs, tests/csharp/StringsTests.cs (every
//! function of the feature, bad input, memory round trips) runs on Mono and on .NET 8 with the same
//! output, and the generated source matches its golden file.

/// The fixture with the `strings` feature (the version guard test refuses this library).
pub(super) fn generated() -> tempfile::TempDir {
    super::feature::generate("strings")
}

#[test]
fn strings_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes("strings", "strings", "StringsTests", 171);
}
