//! Rust closures the library returns whose results own data (the conformance fixture's
//! `callback_returned_owned` feature, ADR 56) from C#: the bindings compile as a library with XML
//! docs, and tests/csharp/CallbackReturnedOwnedTests.cs (strings, byte[] / None, string[], uint[],
//! a record, `Result`s; empty, non-ASCII and 1 MiB values; panics, Dispose, C# threads, RSS flat over
//! 100,000 calls) runs on Mono and on .NET 8 with the same output, and the generated source matches
//! its golden file.

#[test]
fn callback_returned_owned_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-returned-owned",
        "callback_returned_owned",
        "CallbackReturnedOwnedTests",
        52,
    );
}
