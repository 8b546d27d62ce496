// Closures taking `&T` of records owning data, from C# (the conformance fixture's `callback_refs`
// feature, ADR 58): the delegate gets the record's class, a copy of what Rust lent for the call (it
// may be kept). A visitor (Action<CbMember>), a comparator (Func<CbMember, CbMember, bool>: the
// order comes back), a kept closure called from a Rust thread, a service method and a record
// holding a CbMember[]. Non-ASCII and empty strings; an exception thrown in the delegate is rethrown
// by the waiting call; resident memory flat over 100,000+ calls. Run on Mono and .NET 8 with the
// same output (tests/csharp/callback_refs.rs). Prints "N passed, M failed"; exits 1 when anything
// failed.

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace CallbackRefsTests
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
            Visitor();
            Comparator();
            Kept();
            TeamAndService();
            Exceptions();
            Memory();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Visitor()
        {
            var seen = new List<CbMember>();
            Eq(Callbacks.VisitMembers(Members(), m => seen.Add(m)), 3u, "visit_members returns the count");
            Eq(seen.Count, 3, "the visitor saw every member");
            // Kept after the call: a copy, equal to what was passed.
            Check(seen.Count == 3 && seen[0].Equals(Members()[0]), "the first member, kept, equals ann");
            Check(seen.Count == 3 && seen[0].Tags.Length == 2 && seen[0].Tags[1] == "\u00e9t\u00e9", "a non-ASCII tag");
            Check(seen.Count == 3 && seen[1].Tags.Length == 1 && seen[1].Tags[0] == "", "an empty tag");
            Check(seen.Count == 3 && seen[2].Name == "" && seen[2].Tags.Length == 0 && seen[2].Age == 30, "an empty name and no tags");
            Eq(Callbacks.VisitMembers(new CbMember[0], m => seen.Add(m)), 0u, "no members: not called");
            Eq(seen.Count, 3, "still 3");
        }

        private static void Comparator()
        {
            int calls = 0;
            string[] byAge = Callbacks.SortMembers(Members(), (a, b) => { calls++; return a.Age < b.Age; });
            Eq(string.Join(",", byAge), "bo,,ann", "sorted by age");
            Check(calls >= 2, "the comparator ran");
            string[] byName = Callbacks.SortMembers(Members(), (a, b) => a.Name.Length > b.Name.Length);
            Eq(string.Join(",", byName), "ann,bo,", "sorted by name length, longest first");
            string[] byTags = Callbacks.SortMembers(Members(), (a, b) => a.Tags.Length < b.Tags.Length);
            Eq(string.Join(",", byTags), ",bo,ann", "sorted by tag count");
        }

        private static void Kept()
        {
            var names = new List<string>();
            object gate = new object();
            Eq(Callbacks.WatchOnThread(Members(), m => { lock (gate) { names.Add(m.Name + "/" + m.Tags.Length); } }), 3u, "watch_on_thread returns the count");
            Eq(string.Join(",", names), "ann/2,bo/1,/0", "called from a Rust thread with each member");
        }

        private static void TeamAndService()
        {
            var team = new CbTeam("crew", Members());
            CbTeam seen = null;
            uint weight = Callbacks.InspectTeam(team, t =>
            {
                seen = t;
                uint total = 0;
                foreach (CbMember m in t.Members)
                {
                    total += m.Age + (uint)m.Tags.Length * 100;
                }
                return total + (t.Name == "crew" ? 10000u : 0u);
            });
            Eq(weight, 78u + 300u + 10000u + 1000u, "inspect_team: the same answer twice");
            Check(seen != null && seen.Equals(team), "the team the delegate got equals the one passed");

            using (var roster = new CbRoster(Members()))
            {
                Eq(roster.CountWhere(m => m.Age >= 18), 2u, "count_where: adults");
                Eq(roster.CountWhere(m => Array.IndexOf(m.Tags, "admin") >= 0), 1u, "count_where: admins");
                Eq(roster.CountWhere(m => m.Name.Length == 0), 1u, "count_where: the empty name");
            }
        }

        private static void Exceptions()
        {
            var thrown = new InvalidOperationException("boom in a visitor");
            try
            {
                Callbacks.VisitMembers(Members(), m => { if (m.Name == "bo") throw thrown; });
                Check(false, "the visitor's exception: no exception");
            }
            catch (InvalidOperationException e)
            {
                Check(ReferenceEquals(e, thrown), "the visitor's exception rethrown by the waiting call");
            }
            try
            {
                Callbacks.SortMembers(Members(), (a, b) => { throw new ArgumentException("no order"); });
                Check(false, "the comparator's exception: no exception");
            }
            catch (ArgumentException e)
            {
                Eq(e.Message, "no order", "the comparator's exception rethrown");
            }
            Eq(Callbacks.VisitMembers(Members(), m => { }), 3u, "calls work after an exception");
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        private static void FullGc()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        /// <summary>
        /// Resident memory grown by 4 rounds of <paramref name="round"/>, after 4 rounds of warm-up
        /// (the runtime's JIT tiers and GC budgets settle first): the smaller of two such windows
        /// in a row. A leak per call grows both; .NET 8 may size its GC heap up once, by a few MiB,
        /// after the warm-up (seen once: 5.2 MiB in one window).
        /// </summary>
        private static long Growth(Action round)
        {
            for (int r = 0; r < 4; r++)
            {
                round();
            }
            return System.Math.Min(Window(round), Window(round));
        }

        private static long Window(Action round)
        {
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
        /// 120,000 visits of a member with a 100-character name and tags: a leaked copy per call (Rust's
        /// or the binding's) would be 12+ MiB.
        /// </summary>
        private static void Memory()
        {
            string pad = new string('n', 100);
            var many = new CbMember[1000];
            for (int i = 0; i < many.Length; i++)
            {
                many[i] = new CbMember(pad + i, new[] { pad, "\u65e5\u672c" }, (uint)i);
            }
            long total = 0;
            long grew = Growth(() =>
            {
                for (int i = 0; i < 30; i++)
                {
                    Callbacks.VisitMembers(many, m => { total += m.Name.Length; });
                }
            });
            Check(total > 0, "the visits ran");
            Check(grew < 5 * 1024 * 1024, "120,000 visits grew RSS by " + grew / 1024 + " KiB (< 5 MiB)");
        }
    }
}
