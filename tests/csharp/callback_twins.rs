//! Named callback types sharing a signature (the conformance fixture's `callback_twins` feature,
//! ADR 42) from C#: the bindings compile as a library with XML docs, and
//! tests/csharp/CallbackTwinsTests.cs (a lambda typed as each delegate, reflection on every
//! parameter, return and property type, every function of the feature) runs on Mono and on .NET 8
//! with the same output.

#[test]
fn callback_twins_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes("twins", "callback_twins", "CallbackTwinsTests", 30);
}
