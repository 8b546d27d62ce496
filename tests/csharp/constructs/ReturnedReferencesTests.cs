// Feature `returned_references`: `Option<&T>` returns are copies (`T?`), never pointers. See
// Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ReturnedReferencesTests
    {
        internal static void Run()
        {
            var a = new Big(1, 2, 3, 4);
            var b = new Big(5, 6, 7, 8);
            Big? first = Conformance.Pick(a, b, 0);
            Big? second = Conformance.Pick(a, b, 1);
            // Further calls reuse whatever stack the earlier ones used: the results must not change.
            Conformance.Pick(new Big(9, 9, 9, 9), new Big(9, 9, 9, 9), 0);
            Conformance.AddU64(ulong.MaxValue, ulong.MaxValue);
            Check(first.HasValue && first.Value.A == 1 && first.Value.B == 2 && first.Value.C == 3 && first.Value.D == 4, "Pick(a, b, 0) is a copy of a");
            Check(second.HasValue && second.Value.A == 5 && second.Value.D == 8, "Pick(a, b, 1) is a copy of b");
            Check(!Conformance.Pick(a, b, 2).HasValue, "Pick(a, b, 2) is null");
            Big? byRef = Conformance.Pick(ref a, ref b, 1);
            Check(byRef.HasValue && byRef.Value.A == 5 && byRef.Value.D == 8, "Pick(ref a, ref b, 1), the ref overload, is a copy of b");
            Big? origin = Conformance.BigOrigin();
            Check(origin.HasValue && origin.Value.A == 1 && origin.Value.D == 4, "BigOrigin() copies the library's value");
            Eq(Conformance.PickFlag(true, true), (bool?)true, "PickFlag(true, true)");
            Eq(Conformance.PickFlag(false, true), (bool?)false, "PickFlag(false, true)");
            Check(!Conformance.PickFlag(true, false).HasValue, "PickFlag(true, false) is null");
            Eq(Conformance.PickLen(ulong.MaxValue, true), (ulong?)ulong.MaxValue, "PickLen(max, true)");
            Check(!Conformance.PickLen(1, false).HasValue, "PickLen(1, false) is null");
            var big = new Big(1, 0, 0, 0);
            Big? bumped = Conformance.BumpAndPick(ref big, true);
            Eq(big.A, 11UL, "BumpAndPick changed the argument");
            Check(bumped.HasValue && bumped.Value.A == 11, "BumpAndPick returned its value");
            big.A = 99;
            Eq(bumped.Value.A, 11UL, "the returned value is a copy");
            Check(!Conformance.BumpAndPick(ref big, false).HasValue && big.A == 109, "BumpAndPick(false) is null");
        }
    }
}
