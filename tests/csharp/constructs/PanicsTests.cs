// Panics (fixture feature `panics`): a panic is a RustPanicException thrown by the call that
// panicked, with its message; the next call is clean. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class PanicsTests
    {
        internal static void Run()
        {
            Eq(Conformance.PanicIf(false), 7u, "PanicIf(false)");
            Panics(() => Conformance.PanicIf(true), "panic in `panic_if`: boom: requested panic", "PanicIf(true)");
            Eq(Conformance.PanicIf(false), 7u, "PanicIf(false) after a panic");
            Panics(() => Conformance.PanicStruct(42), "panic in `panic_struct`: struct panic 42", "PanicStruct(42)");
            Panics(() => Conformance.PanicEnum(5), "panic in `panic_enum`: enum panic 5", "PanicEnum(5)");
            // Thrown by the call that panicked, not by the next one.
            bool thrown = false;
            try
            {
                Conformance.PanicIf(true);
            }
            catch (RustPanicException)
            {
                thrown = true;
            }
            Check(thrown, "the panicking call throws");
            Eq(Conformance.AddU32(1, 2), 3u, "a call after a panic succeeds");
        }
    }
}
