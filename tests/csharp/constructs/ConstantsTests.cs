// Constants (fixture feature `constants`): every constant with its C# type, one in the `math`
// module (static class Math). See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ConstantsTests
    {
        internal static void Run()
        {
            Eq(Conformance.MaxPlayers, 16u, "MaxPlayers");
            Eq(Conformance.Computed, 1UL << 40, "Computed");
            Eq(Conformance.Negative, -42, "Negative");
            Eq(Conformance.Big, ulong.MaxValue, "Big");
            // MIN_I64 keeps its Rust name: `MinI64` is the function min_i64.
            Eq(Conformance.MIN_I64, long.MinValue, "MIN_I64");
            Eq(Conformance.PiIsh, 3.14159, "PiIsh");
            Eq(Conformance.Half, 0.5f, "Half");
            Eq(Conformance.Enabled, true, "Enabled");
            Eq(Conformance.RenamedConst, (byte)7, "RenamedConst");
            Eq(Interop.Conformance.Math.Tau, 6.283185307179586, "Math.Tau");
        }
    }
}
