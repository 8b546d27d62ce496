// Feature `doc_controls`: control characters in doc comments (the bindings compile with -doc). See
// Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class DocControlsTests
    {
        internal static void Run()
        {
            Eq(Conformance.DocControls(), 3u, "DocControls");
        }
    }
}
