//! Named callback types whose parameters borrow (the conformance fixture's `callback_alias_refs`
//! feature, ADR 60) from C#: the bindings compile as a library with XML docs,
//! tests/csharp/CallbackAliasRefsTests.cs (the named delegates in the signatures; a kept delegate
//! called from a Rust thread, `null` for an optional one, a `uint[]` chunk visitor, an owned string
//! returned, `CbErrorException` for `Err`, a record of handlers, a service keeping one, a returned
//! closure called with our strings) runs on Mono and on .NET 8 with the same output, and the
//! generated source matches its golden file.

/// How many checks CallbackAliasRefsTests.cs makes.
const EXPECTED_CHECKS: u32 = 29;

#[test]
fn callback_alias_refs_pass_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "callback-alias-refs",
        "callback_alias_refs",
        "CallbackAliasRefsTests",
        EXPECTED_CHECKS,
    );
}
