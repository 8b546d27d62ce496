//! `core::cmp::Ordering` (the conformance fixture's `ordering` feature, ADR 57) from C#: the
//! bindings compile as a library with XML docs, tests/csharp/OrderingTests.cs (comparators as
//! `Func<T, T, int>` lambdas, a `Comparison<T>`, `IComparer<T>.Compare`; any int read by its sign;
//! a returned comparator; `int?`, `int[]` and a record field) runs on Mono and on .NET 8 with the
//! same output, and the generated source matches its golden file.

/// How many checks OrderingTests.cs makes.
const EXPECTED_CHECKS: u32 = 38;

#[test]
fn ordering_passes_on_mono_and_dotnet8() {
    super::feature::feature_program_passes(
        "ordering",
        "ordering",
        "OrderingTests",
        EXPECTED_CHECKS,
    );
}
