// Feature `accessors`: a getter named like its field becomes Get<Field>(). See Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class AccessorsTests
    {
        internal static void Run()
        {
            var s = new Size(3, 0.5f);
            Eq(s.Width, 3f, "Size.Width (field)");
            Eq(s.GetWidth(), 3f, "Size.GetWidth()");
            Eq(s.Height, 0.5f, "Size.Height (field)");
            Eq(s.GetHeight(), 1f, "Size.GetHeight() (at least 1)");
            Eq(s.Area(), 1.5f, "Size.Area()");
        }
    }
}
