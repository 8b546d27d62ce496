// Items from other crates (fixture feature `dependencies`): a dependency's transparent type by
// value and in a record next to an enum, a dependency's function, a crate linked through `use … as
// _`. See Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class DependenciesTests
    {
        internal static void Run()
        {
            Records();
            Functions();
        }

        private static void Records()
        {
            Tagged t = Conformance.TaggedMake(Color.Blue, new Meters(2.5));
            Eq(t.Color, Color.Blue, "TaggedMake.Color");
            Eq(t.Distance.Item0, 2.5, "TaggedMake.Distance");
            Eq(Conformance.MetersAdd(new Meters(1.25), new Meters(2)).Item0, 3.25, "MetersAdd");
        }

        private static void Functions()
        {
            Eq(Conformance.DepDouble(21), 42u, "DepDouble (dependency crate)");
            Eq(Conformance.ExtraAnswer(), 99u, "ExtraAnswer (crate linked through `use as _`)");
        }
    }
}
