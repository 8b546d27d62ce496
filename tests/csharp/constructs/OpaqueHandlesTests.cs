// Opaque handles (fixture feature `opaque_handles`): a handle struct with its constructor, methods,
// equality and destructor; a NULL handle for `&self` is an exception. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class OpaqueHandlesTests
    {
        internal static void Run()
        {
            // Opaque type: a handle struct.
            Counter c = Counter.New(10);
            Check(!c.IsNull, "Counter.New not null");
            Eq(c.Get(), 10UL, "Counter.Get");
            Eq(c.Increment(5), 15UL, "Counter.Increment");
            Eq(c.Increment(ulong.MaxValue), 14UL, "Counter.Increment wraps");
            Eq(c.Get(), 14UL, "Counter.Get after increments");
            Eq(c.Increments(), 2UL, "Counter.Increments");
            Counter same = new Counter(c.Handle);
            Check(same == c && same.Equals(c) && !(same != c), "Counter handle equality");
            Counter.Destroy(c);
            Counter.Destroy(default(Counter));

            // A NULL handle for `&self` is an error, not undefined behaviour.
            Refuses(() => default(Counter).Get(), "Counter.Get argument 'this' must not be null", null, "default(Counter).Get() (the receiver: no ParamName)");
        }
    }
}
