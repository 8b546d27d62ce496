// Rust closures the library returns taking `&T` of records owning data, from C# (the conformance
// fixture's `callback_returned_refs` feature, ADR 61): Invoke takes the record's class, lowered for
// the call (views of the caller's strings, freed in a `finally`); Rust copies what it reads. A
// filter (bool), a describer (string), a comparator (int by sign, usable as a Comparison); null is
// ArgumentNullException; Dispose then Invoke is ObjectDisposedException; one closure called from
// several C# threads; resident memory flat over 100,000 calls. Run on Mono and .NET 8 with the
// same output (tests/csharp/callback_returned_refs.rs). Prints "N passed, M failed"; exits 1 when
// anything failed.

using System;
using System.Collections.Generic;
using System.Threading;
using Interop.Conformance;

namespace CallbackReturnedRefsTests
{
    internal static class Program
    {
        private static int s_passed;
        private static int s_failed;

        private static void Check(bool ok, string what)
        {
            if (ok)
            {
                s_passed++;
            }
            else
            {
                s_failed++;
                Console.WriteLine("FAIL: " + what);
            }
        }

        private static void Eq<T>(T actual, T expected, string what)
        {
            Check(Equals(actual, expected), what + ": expected " + expected + ", got " + actual);
        }

        private static E Throws<E>(Action call, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E e)
            {
                Check(true, what);
                return e;
            }
            catch (Exception e)
            {
                Check(false, what + ": " + e.GetType().Name + ": " + e.Message);
            }
            return null;
        }

        private static CbMember[] Members()
        {
            return new[]
            {
                new CbMember("ann", new[] { "admin", "\u00e9t\u00e9" }, 41),
                new CbMember("bo", new[] { "" }, 7),
                new CbMember("", new string[0], 30),
            };
        }

        private static int Main()
        {
            Matcher();
            Describer();
            Comparator();
            Threads();
            Memory();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Matcher()
        {
            CbMember[] m = Members();
            var adult = Callbacks.MakeMatcher(18);
            Eq(adult.Invoke(m[0]), true, "41 is adult");
            Eq(adult.Invoke(m[1]), false, "7 is not");
            Eq(adult.Invoke(m[2]), true, "an empty name and no tags");
            Func<CbMember, bool> keep = adult.ToDelegate();
            Eq(Array.FindAll(m, new Predicate<CbMember>(keep)).Length, 2, "as a delegate");
            Check(m[0].Equals(Members()[0]), "the caller's record is unchanged");
            Throws<ArgumentNullException>(() => adult.Invoke(null), "null is ArgumentNullException");
            Throws<ArgumentNullException>(() => adult.Invoke(new CbMember(null, new string[0], 1)), "a null name is ArgumentNullException");
            Eq(adult.Invoke(m[0]), true, "usable after a refused argument");
            adult.Dispose();
            Throws<ObjectDisposedException>(() => adult.Invoke(m[0]), "Invoke after Dispose");
        }

        private static void Describer()
        {
            using (var describe = Callbacks.MakeDescriber("- "))
            {
                CbMember[] m = Members();
                Eq(describe.Invoke(m[0]), "- ann (41): admin, \u00e9t\u00e9", "a describer returning string");
                Eq(describe.Invoke(m[2]), "-  (30): ", "empty name and tags");
                string big = new string('\u65e5', 100000);
                Eq(describe.Invoke(new CbMember(big, new[] { big }, 1)), "- " + big + " (1): " + big, "100,000 CJK characters, twice");
            }
        }

        private static void Comparator()
        {
            CbMember[] m = Members();
            using (var order = Callbacks.MakeMemberOrder(false))
            using (var reverse = Callbacks.MakeMemberOrder(true))
            {
                Check(order.Invoke(m[1], m[0]) < 0, "younger first");
                Check(order.Invoke(m[0], m[2]) > 0, "older after");
                Eq(order.Invoke(m[0], m[0]), 0, "equal");
                Check(reverse.Invoke(m[1], m[0]) > 0, "reversed");
                var sorted = new List<CbMember>(m);
                sorted.Sort((a, b) => order.Invoke(a, b));
                Eq(sorted[0].Name + "," + sorted[1].Name + "," + sorted[2].Name, "bo,,ann", "List.Sort with the comparator");
            }
        }

        private static void Threads()
        {
            using (var describe = Callbacks.MakeDescriber(""))
            {
                var threads = new Thread[4];
                int wrong = 0;
                int calls = 0;
                for (int t = 0; t < threads.Length; t++)
                {
                    int k = t;
                    threads[t] = new Thread(() =>
                    {
                        for (uint i = 0; i < 1000; i++)
                        {
                            var p = new CbMember("t" + k, new[] { "x" + i }, i);
                            if (describe.Invoke(p) != "t" + k + " (" + i + "): x" + i)
                            {
                                Interlocked.Increment(ref wrong);
                            }
                            Interlocked.Increment(ref calls);
                        }
                    });
                    threads[t].Start();
                }
                foreach (Thread th in threads)
                {
                    th.Join();
                }
                Eq(calls, 4000, "4 C# threads x 1,000 calls of one closure");
                Eq(wrong, 0, "every thread got its own answer");
            }
        }

        private static void FullGc()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        private static long Growth(Action round)
        {
            for (int r = 0; r < 4; r++)
            {
                round();
            }
            FullGc();
            long before = ResidentBytes();
            for (int r = 0; r < 4; r++)
            {
                round();
            }
            FullGc();
            return ResidentBytes() - before;
        }

        /// <summary>
        /// 100,000 calls with a member of 100-byte strings, and 100,000 returning a string, leave
        /// resident memory flat.
        /// </summary>
        private static void Memory()
        {
            string pad = new string('n', 100);
            var big = new CbMember(pad, new[] { pad, "\u65e5\u672c" }, 20);
            long yes = 0;
            using (var adult = Callbacks.MakeMatcher(18))
            using (var describe = Callbacks.MakeDescriber("d"))
            {
                long grew = Growth(() =>
                {
                    for (int i = 0; i < 25000; i++)
                    {
                        if (adult.Invoke(big))
                        {
                            yes++;
                        }
                    }
                });
                Check(yes == 200000, "every call answered");
                Check(grew < 5 * 1024 * 1024, "100,000 filter calls grew RSS by " + grew / 1024 + " KiB (< 5 MiB)");
                long length = 0;
                grew = Growth(() =>
                {
                    for (int i = 0; i < 25000; i++)
                    {
                        length += describe.Invoke(big).Length;
                    }
                });
                Check(length > 0, "the describer ran");
                Check(grew < 5 * 1024 * 1024, "100,000 describer calls grew RSS by " + grew / 1024 + " KiB (< 5 MiB)");
            }
        }
    }
}
