// Names (fixture feature `names`): a renamed struct and function, an explicit symbol, the `math`
// module (static class Math), a function in a private module. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class NamesTests
    {
        internal static void Run()
        {
            RenamedRecord();
            Functions();
        }

        private static void RenamedRecord()
        {
            Eq(Conformance.RenamedFunction(new Renamed(41)), 42u, "RenamedFunction(Renamed)");
        }

        private static void Functions()
        {
            Eq(Conformance.RenamedFunction(new Renamed(0)), 1u, "RenamedFunction");
            Eq(Conformance.ExplicitSymbol(), 5u, "ExplicitSymbol (symbol cf_explicit_symbol)");
            Eq(Interop.Conformance.Math.Clamp(5, 0, 2), 2.0, "Math.Clamp high");
            Eq(Interop.Conformance.Math.Clamp(-5, 0, 2), 0.0, "Math.Clamp low");
            Near(Interop.Conformance.Math.Clamp(1.5, 0, 2), 1.5, "Math.Clamp inside");
            Eq(Conformance.HiddenAnswer(), 42u, "HiddenAnswer (private module)");
        }
    }
}
