// Closures taking `&[T]` of data owning types, from C# (the conformance fixture's
// `callback_slice_refs` feature, ADR 62): the delegate gets an array (string[], byte[][],
// CbMember[]), a copy of what Rust lent for the call (it may be kept). A visitor over batches, the
// lines of a text, a kept sink called from a Rust thread, chunks of bytes with a label, a record's
// vector of records; empty slices, non-ASCII and empty strings; an exception thrown in the delegate
// is rethrown by the waiting call; resident memory flat over 100,000+ calls. Run on Mono and .NET 8
// with the same output (tests/csharp/callback_slice_refs.rs). Prints "N passed, M failed"; exits 1
// when anything failed.

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace CallbackSliceRefsTests
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
            Batches();
            Lines();
            Kept();
            ChunksAndTeam();
            Exceptions();
            Memory();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Batches()
        {
            var seen = new List<CbMember[]>();
            Eq(Callbacks.EachBatch(Members(), 2, b => seen.Add(b)), 2u, "each_batch returns the batch count");
            Eq(seen.Count, 2, "two batches");
            Check(seen.Count == 2 && seen[0].Length == 2 && seen[1].Length == 1, "batch sizes 2 and 1");
            // Kept after the call: copies, equal to what was passed.
            Check(seen.Count == 2 && seen[0][0].Equals(Members()[0]) && seen[0][1].Equals(Members()[1]), "the first batch equals ann and bo");
            Check(seen.Count == 2 && seen[0][0].Tags[1] == "\u00e9t\u00e9", "a non-ASCII tag");
            Check(seen.Count == 2 && seen[1][0].Name == "" && seen[1][0].Tags.Length == 0, "an empty name and no tags");
            seen.Clear();
            Eq(Callbacks.EachBatch(new CbMember[0], 2, b => seen.Add(b)), 1u, "no members: one call");
            Check(seen.Count == 1 && seen[0] != null && seen[0].Length == 0, "an empty array");
        }

        private static void Lines()
        {
            string[] kept = null;
            Eq(Callbacks.OnLines("one\n\u00e9t\u00e9\n\nlast", l => { kept = l; return (uint)l.Length * 10; }), 40u, "on_lines returns what the delegate said");
            Eq(kept == null ? null : string.Join("|", kept), "one|\u00e9t\u00e9||last", "the lines, kept after the call");
            Eq(Callbacks.OnLines("", l => (uint)l.Length + 7), 7u, "no lines: an empty array");
        }

        private static void Kept()
        {
            var got = new List<string>();
            object gate = new object();
            Eq(Callbacks.LogLinesOnThread(new[] { "a", "bb", "ccc" }, 2, l => { lock (gate) { got.Add(string.Join("+", l)); } }), 2u, "log_lines_on_thread returns the call count");
            Eq(string.Join(",", got), "a+bb,ccc", "called from a Rust thread with each batch");
        }

        private static void ChunksAndTeam()
        {
            string label = null;
            byte[][] kept = null;
            ulong sum = Callbacks.Chunked(new byte[] { 1, 2, 3, 4, 5 }, 2, "bytes", (l, c) =>
            {
                label = l;
                kept = c;
                ulong total = 0;
                foreach (byte[] chunk in c)
                {
                    total += (ulong)chunk.Length * 1000;
                    foreach (byte b in chunk)
                    {
                        total += b;
                    }
                }
                return total;
            });
            Eq(sum, 5015ul, "chunked returns what the delegate said");
            Eq(label, "bytes", "the label beside the chunks");
            Check(kept != null && kept.Length == 3 && kept[2].Length == 1 && kept[2][0] == 5, "the chunks, kept after the call");
            Eq(Callbacks.Chunked(new byte[] { 1 }, 0, "", (l, c) => (ulong)c.Length + 9), 9ul, "no chunks: an empty array");

            var team = new CbTeam("crew", Members());
            uint weight = Callbacks.TeamMembers(team, (name, all) =>
            {
                uint total = 0;
                foreach (CbMember m in all)
                {
                    total += m.Age + (uint)m.Tags.Length * 100;
                }
                return total + (name == "crew" ? 10000u : 0u);
            });
            Eq(weight, 78u + 300u + 10000u, "team_members: the members and the name");
        }

        private static void Exceptions()
        {
            var thrown = new InvalidOperationException("boom in a batch");
            try
            {
                Callbacks.EachBatch(Members(), 1, b => { if (b[0].Name == "bo") throw thrown; });
                Check(false, "the visitor's exception: no exception");
            }
            catch (InvalidOperationException e)
            {
                Check(ReferenceEquals(e, thrown), "the visitor's exception rethrown by the waiting call");
            }
            try
            {
                Callbacks.OnLines("x\ny", l => { throw new ArgumentException("no lines"); });
                Check(false, "on_lines' exception: no exception");
            }
            catch (ArgumentException e)
            {
                Eq(e.Message, "no lines", "on_lines' exception rethrown");
            }
            Eq(Callbacks.OnLines("x\ny", l => (uint)l.Length), 2u, "calls work after an exception");
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
        /// Resident memory after 4 rounds of <paramref name="round"/>, minus before, after 4 rounds of
        /// warm-up (the runtime's JIT tiers and GC budgets settle first).
        /// </summary>
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
        /// 120,000 calls with a member (a 100-character name and tags) and 120,000 with a line of 100
        /// characters: a leaked copy per call (Rust's or the binding's) would be 12+ MiB.
        /// </summary>
        private static void Memory()
        {
            string pad = new string('n', 100);
            var many = new CbMember[1000];
            for (int i = 0; i < many.Length; i++)
            {
                many[i] = new CbMember(pad + i, new[] { pad, "\u65e5\u672c" }, (uint)i);
            }
            string text = string.Join("\n", new[] { pad, pad + "\u00e9", "" });
            long total = 0;
            long grew = Growth(() =>
            {
                for (int i = 0; i < 30; i++)
                {
                    Callbacks.EachBatch(many, 1, b => { total += b[0].Name.Length; });
                }
                for (int i = 0; i < 30000; i++)
                {
                    Callbacks.OnLines(text, l => { total += l[0].Length; return 0; });
                }
            });
            Check(total > 0, "the calls ran");
            Check(grew < 5 * 1024 * 1024, "240,000 calls grew RSS by " + grew / 1024 + " KiB (< 5 MiB)");
        }
    }
}
