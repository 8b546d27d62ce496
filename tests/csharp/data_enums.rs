//! Enums whose variants carry data (the conformance fixture's `data_enums` feature) from C#: the
//! bindings compile as a library with XML docs, tests/csharp/DataEnumsTests.cs (every function of the
//! feature, `is` type patterns, value equality, bad input, memory round trips) runs on Mono and on
//! .NET 8 with the same output, and the generated source matches its golden file.

#[test]
fn data_enums_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes("data_enums", "data_enums", "DataEnumsTests", 67);
}
