// Feature `packed_by_value`: packed structs passed by value (on the stack on x86-64 System V). See
// Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class PackedByValueTests
    {
        internal static void Run()
        {
            Eq(Conformance.PackedByValue(new Packed(7, 9)), 7009UL, "PackedByValue");
            Eq(Conformance.PackedBetween(1, new Packed(7, 9), 3), 301007009UL, "PackedBetween");
            Eq(Conformance.PackedCrowded(1, new Packed(2, 3), 4, 5, 6, 7, 8, 9, new Packed(10, 11), 0.5), 66.5, "PackedCrowded");
            Packed bumped = Conformance.PackedBump(new Packed(255, 0xFFFFFFFF));
            Check(bumped.Tag == 0 && bumped.Value == 0, "PackedBump wraps both fields");
            bumped = Conformance.PackedBump(new Packed(1, 41));
            Check(bumped.Tag == 2 && bumped.Value == 42, "PackedBump");
            Eq(new Packed(200, 100000).Total(), 100200UL, "Packed.Total (self by value)");
        }
    }
}
