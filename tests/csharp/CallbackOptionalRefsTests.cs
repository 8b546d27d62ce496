// Closures taking `Option<&str>`, `Option<&[T]>` and `&[&str]`, from C# (the conformance
// fixture's `callback_optional_refs` feature, ADR 66): the delegate gets `string` / `T[]` with
// `null` for `None`, and `string[]` for `&[&str]`: copies of what Rust lent for the call (they may
// be kept). An error callback, optional bytes and chunks, a kept sink called from a Rust thread, a
// tokenizer's words in one call and in batches with an optional label; non-ASCII and empty
// strings; an exception thrown in the delegate is rethrown by the waiting call; resident memory
// flat over 100,000+ calls (the smaller growth of two windows). Run on Mono and .NET 8 with the
// same output (tests/csharp/callback_optional_refs.rs). Prints "N passed, M failed"; exits 1 when
// anything failed.

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace CallbackOptionalRefsTests
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

        private static int Main()
        {
            ErrorCallback();
            OptionalSlices();
            Kept();
            Tokenizer();
            Exceptions();
            Memory();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void ErrorCallback()
        {
            var seen = new List<string>();
            Func<uint, string, uint> onError = (code, message) =>
            {
                seen.Add(message ?? "<null>");
                return code * 10000 + (message == null ? 1000u : (uint)message.Length);
            };
            Eq(Callbacks.Report(7, "disk full", onError), 70009u, "report: Some");
            Eq(Callbacks.Report(3, null, onError), 31000u, "report: None is null");
            Eq(Callbacks.Report(1, "", onError), 10000u, "report: Some(\"\") is not null");
            Eq(Callbacks.Report(2, "\u00e9t\u00e9 \ud83e\udd80", onError), 20006u, "report: non-ASCII");
            Eq(string.Join("|", seen), "disk full|<null>||\u00e9t\u00e9 \ud83e\udd80", "report: the messages");
        }

        private static void OptionalSlices()
        {
            Func<byte[], ulong> sum = data =>
            {
                if (data == null) return 1000000;
                ulong s = 0;
                foreach (byte b in data) s += b;
                return s;
            };
            Eq(Callbacks.MaybeBytes(new byte[] { 1, 2, 3, 250 }, sum), 256ul, "maybe_bytes: Some");
            Eq(Callbacks.MaybeBytes(new byte[0], sum), 0ul, "maybe_bytes: Some(empty) is not null");
            Eq(Callbacks.MaybeBytes(null, sum), 1000000ul, "maybe_bytes: None is null");

            var chunks = new List<string>();
            Action<uint[]> onChunk = c => chunks.Add(c == null ? "<null>" : string.Join(",", c));
            Eq(Callbacks.MaybeChunks(new uint[] { 1, 2, 3, 4, 5 }, 2, onChunk), 3u, "maybe_chunks: 3 calls");
            Eq(Callbacks.MaybeChunks(new uint[] { 9 }, 0, onChunk), 1u, "maybe_chunks: n == 0");
            Eq(string.Join("|", chunks), "1,2|3,4|5|<null>", "maybe_chunks: the chunks");
        }

        private static void Kept()
        {
            var seen = new List<string>();
            int thread = System.Threading.Thread.CurrentThread.ManagedThreadId;
            bool otherThread = true;
            uint calls = Callbacks.ReportOnThread(new[] { "first", "", "\u00e9t\u00e9" }, (i, line) =>
            {
                lock (seen)
                {
                    seen.Add(i + ":" + (line ?? "<null>"));
                    otherThread &= System.Threading.Thread.CurrentThread.ManagedThreadId != thread;
                }
            });
            Eq(calls, 3u, "report_on_thread: 3 calls");
            Eq(string.Join("|", seen), "0:first|1:<null>|2:\u00e9t\u00e9", "report_on_thread: the lines");
            Check(otherThread, "report_on_thread: called on a Rust thread");
        }

        private static void Tokenizer()
        {
            string[] kept = null;
            uint n = Callbacks.Tokenize("the quick  \u00e9t\u00e9\tfox ", words => { kept = words; return (uint)words.Length; });
            Eq(n, 4u, "tokenize: 4 words");
            Eq(string.Join("|", kept), "the|quick|\u00e9t\u00e9|fox", "tokenize: the words, kept after the call");
            Eq(Callbacks.Tokenize("   ", words => (uint)words.Length + 100), 100u, "tokenize: no words is an empty array");

            var batches = new List<string>();
            Action<string, string[]> onBatch = (label, words) => batches.Add((label ?? "<null>") + ":" + string.Join(",", words));
            Eq(Callbacks.TokenizeBatches("a b c", 2, "L", onBatch), 2u, "tokenize_batches: 2 batches");
            Eq(Callbacks.TokenizeBatches("x y", 0, null, onBatch), 1u, "tokenize_batches: n == 0");
            Eq(Callbacks.TokenizeBatches("", 3, "", onBatch), 1u, "tokenize_batches: empty text");
            Eq(string.Join("|", batches), "L:a,b|L:c|<null>:x,y|:", "tokenize_batches: labels and words");
            try
            {
                Callbacks.TokenizeBatches("a", 1, "\ud800", onBatch);
                Check(false, "a lone surrogate label: no exception");
            }
            catch (ArgumentException e)
            {
                Eq(e.ParamName, "label", "a lone surrogate label is refused, naming it");
            }
        }

        private static void Exceptions()
        {
            var thrown = new InvalidOperationException("boom in a word");
            try
            {
                Callbacks.Tokenize("a b", words => { throw thrown; });
                Check(false, "the tokenizer's exception: no exception");
            }
            catch (InvalidOperationException e)
            {
                Check(ReferenceEquals(e, thrown), "the tokenizer's exception rethrown by the waiting call");
            }
            try
            {
                Callbacks.Report(1, null, (code, message) => { throw new ArgumentException("no message"); });
                Check(false, "report's exception: no exception");
            }
            catch (ArgumentException e)
            {
                Eq(e.Message, "no message", "report's exception rethrown");
            }
            Eq(Callbacks.Report(1, "x", (code, message) => code), 1u, "calls work after an exception");
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
        /// Resident memory after 4 rounds of <paramref name="round"/>, minus before.
        /// </summary>
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
        /// Two windows of 4 × 30,000 calls (a 100-character message, 100-byte data, 20 words of a
        /// text) after a warm-up of the same: a leaked message or array per call would be 3+ MiB
        /// per window. The smaller growth of the two (.NET 8 may size its GC heap up once).
        /// </summary>
        private static void Memory()
        {
            string pad = new string('m', 99) + "\u00e9";
            byte[] data = new byte[100];
            string text = string.Join(" ", new string[20].Select(pad));
            long total = 0;
            Action round = () =>
            {
                for (int i = 0; i < 10000; i++)
                {
                    total += Callbacks.Report(1, pad, (code, message) => (uint)message.Length);
                    total += (long)Callbacks.MaybeBytes(data, d => (ulong)d.Length);
                    total += Callbacks.Tokenize(text, words => (uint)words.Length);
                }
            };
            for (int r = 0; r < 4; r++)
            {
                round();
            }
            long grew = System.Math.Min(Window(round), Window(round));
            Check(total > 0, "the calls ran");
            Check(grew < 5 * 1024 * 1024, "120,000 calls grew RSS by " + grew / 1024 + " KiB (< 5 MiB)");
        }
    }

    internal static class ArrayFill
    {
        internal static string[] Select(this string[] array, string value)
        {
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = value;
            }
            return array;
        }
    }
}
