// Primitives (fixture feature `primitives`): every integer width wrapping, floats, bool, no
// arguments and no result. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class PrimitivesTests
    {
        internal static void Run()
        {
            Conformance.Noop();
            Eq(Conformance.AddU8(250, 10), (byte)4, "AddU8 wraps");
            Eq(Conformance.AddU16(65535, 2), (ushort)1, "AddU16 wraps");
            Eq(Conformance.AddU32(uint.MaxValue, 1), 0u, "AddU32 wraps");
            Eq(Conformance.AddU64(ulong.MaxValue, 2), 1UL, "AddU64 wraps");
            Eq(Conformance.AddUsize(ulong.MaxValue, 1), 0UL, "AddUsize wraps");
            Eq(Conformance.AddUsize(40, 2), 42UL, "AddUsize");
            Eq(Conformance.AddI8(127, 1), (sbyte)-128, "AddI8 wraps");
            Eq(Conformance.AddI16(-5, 3), (short)-2, "AddI16");
            Eq(Conformance.AddI32(int.MaxValue, 1), int.MinValue, "AddI32 wraps");
            Eq(Conformance.AddI64(long.MinValue, -1), long.MaxValue, "AddI64 wraps");
            Eq(Conformance.AddIsize(-10, 3), -7L, "AddIsize");
            Eq(Conformance.AddF32(1.5f, 2.25f), 3.75f, "AddF32");
            Eq(Conformance.AddF64(0.5, 0.25), 0.75, "AddF64");
            Eq(Conformance.Negate(true), false, "Negate(true)");
            Eq(Conformance.Negate(false), true, "Negate(false)");
            Eq(Conformance.MaxU64(), ulong.MaxValue, "MaxU64");
            Eq(Conformance.MinI64(), long.MinValue, "MinI64");
        }
    }
}
