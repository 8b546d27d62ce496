// Raw pointers (fixture feature `pointers`): a struct pointing to its own type, `*const T`, `*mut
// T` and `*const c_void` as C# pointers, NULL where the Rust code checks for it. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class PointersTests
    {
        internal static void Run()
        {
            Node* nodes = stackalloc Node[3];
            nodes[2] = new Node(30, null);
            nodes[1] = new Node(20, &nodes[2]);
            nodes[0] = new Node(10, &nodes[1]);
            Eq(Conformance.ListSum(&nodes[0]), 60, "ListSum");
            Eq(Conformance.ListSum(null), 0, "ListSum(null)");

            int[] values = { 1, 2, 3, int.MaxValue };
            fixed (int* pv = values)
            {
                Eq(Conformance.SumRaw(pv, 4), 6L + int.MaxValue, "SumRaw");
                Eq(Conformance.SumRaw(pv, 0), 0L, "SumRaw(len 0)");
            }
            Eq(Conformance.SumRaw(null, 3), 0L, "SumRaw(null)");

            byte[] buf = new byte[6];
            fixed (byte* pb = buf)
            {
                Conformance.FillRaw(pb + 1, 4, 0xAB);
            }
            Check(buf[0] == 0 && buf[1] == 0xAB && buf[4] == 0xAB && buf[5] == 0, "FillRaw");
            Conformance.FillRaw(null, 4, 1);

            int local = 5;
            Eq(Conformance.IsNull(null), true, "IsNull(null)");
            Eq(Conformance.IsNull(&local), false, "IsNull(&local)");
        }
    }
}
