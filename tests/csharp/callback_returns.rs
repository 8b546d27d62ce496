//! Closures returning owned data (the conformance fixture's `callback_returns` feature, ADR 54)
//! from C#: the bindings compile as a library with XML docs, tests/csharp/CallbackReturnsTests.cs
//! (every function of the feature: strings, byte[] / uint[], string[], a record owning data,
//! Option<String>, Result<String, E>; empty, non-ASCII and 1 MiB values; strings on both sides of
//! the lent scratch buffer's limit, nested string callbacks on one thread, short-lived threads; null
//! and a lone surrogate refused through the callback's exception; a kept closure on a Rust thread;
//! RSS flat over 100,000+ calls) runs on Mono and on .NET 8 with the same output, and the generated source matches its
//! golden file.

/// How many checks CallbackReturnsTests.cs makes.
const EXPECTED_CHECKS: u32 = 80;

#[test]
fn callback_returns_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-returns",
        "callback_returns",
        "CallbackReturnsTests",
        EXPECTED_CHECKS,
    );
}
