// Doc comments (fixture feature `docs`): a function whose docs hold characters every language must
// escape (the bindings compile with -doc; the golden file shows the text). See Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class DocsTests
    {
        internal static void Run()
        {
            Eq(Conformance.DocEdgeCases(), 1u, "DocEdgeCases");
        }
    }
}
