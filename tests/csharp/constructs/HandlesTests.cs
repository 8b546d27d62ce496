// Feature `handles`: a type with a destructor; a second destroy is an exception, not a double free.
// See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class HandlesTests
    {
        internal static void Run()
        {
            Session s = Session.Open();
            Eq(s.Hit(), 1u, "Session.Hit");
            Eq(s.Hit(), 2u, "Session.Hit again");
            Session copy = s;
            Session.Close(s);
            Throws<ObjectDisposedException>(() => Session.Close(s), "Session.Close twice");
            Throws<ObjectDisposedException>(() => Session.Close(copy), "Session.Close of a copy");
            Session.Close(default(Session));
            Session.Close(default(Session));
            // The allocator may hand the same address out again: a returned handle is live.
            for (int i = 0; i < 100; i++)
            {
                Session t = Session.Open();
                Eq(t.Hit(), 1u, "a new session starts at 0");
                Session.Close(t);
            }
            Throws<ObjectDisposedException>(() => Session.Close(s), "Session.Close of a closed session, later");
        }
    }
}
