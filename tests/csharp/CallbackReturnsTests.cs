// Closures returning owned data, from C# (the conformance fixture's `callback_returns` feature, ADR
// 54): lambdas returning string, byte[] / uint[], string[], a record owning data (CbPerson), string
// (null: None) for Option<String> and string for Result<String, CbError> (CbErrorException: Err).
// Empty, non-ASCII and 1 MiB values, nested data; null where Rust needs a value and a lone surrogate
// are exceptions in the callback, rethrown by the waiting call (naming the return value), as is any
// exception the lambda throws; a kept closure called from a Rust thread (many calls, none lost; an
// exception there goes to UnhandledCallbackException); GC.Collect() inside the callback; resident
// memory flat over 100,000+ calls of a string- and a CbPerson-returning callback. Run on Mono and
// .NET 8 with the same output (tests/csharp/callback_returns.rs). Prints "N passed, M failed";
// exits 1 when anything failed.

using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using Interop.Conformance;

namespace CallbackReturnsTests
{
    internal static unsafe class Program
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

        /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="E"/>; returns it.</summary>
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

        private static void FullGc()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        private static int Main()
        {
            Strings();
            Vectors();
            Records();
            OptionsAndResults();
            Refused();
            Threads();
            Memory();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Strings()
        {
            Eq(Callbacks.JoinNames(3, i => "n" + i), "n0,n1,n2", "Func<uint, string>");
            Eq(Callbacks.JoinNames(3, i => ""), ",,", "empty strings");
            Eq(Callbacks.JoinNames(0, i => "never"), "", "no call");
            Eq(Callbacks.JoinNames(3, i => new[] { "\u00e9t\u00e9", "\u65e5\u672c", "\ud83d\ude00" }[i]), "\u00e9t\u00e9,\u65e5\u672c,\ud83d\ude00", "non-ASCII: \u00e9, \u65e5\u672c, an emoji (a surrogate pair)");
            string big = new string('x', 1 << 20);
            string joined = Callbacks.JoinNames(2, i => big);
            Eq(joined.Length, 2 * (1 << 20) + 1, "two 1 MiB strings");
            Check(joined.StartsWith(big, StringComparison.Ordinal) && joined[1 << 20] == ',', "1 MiB string content");
            string wide = new string('\u65e5', 100000);
            Eq(Callbacks.JoinNames(1, i => wide), wide, "a 300 kB UTF-8 string of 3-byte characters");
            Eq(Callbacks.JoinNames(2, i => { FullGc(); return "gc" + i; }), "gc0,gc1", "GC.Collect() inside the callback");
            // Up to 341 chars the trampoline lends this thread's 1 KiB scratch buffer (cap == 0), beyond it
            // it allocates: both sides of the boundary, with 3-byte characters and surrogate pairs.
            string fits = new string('\u65e5', 341);
            Eq(Callbacks.JoinNames(2, i => fits), fits + "," + fits, "341 3-byte characters (1023 bytes, lent)");
            string over = new string('\u65e5', 342);
            Eq(Callbacks.JoinNames(2, i => over), over + "," + over, "342 3-byte characters (1026 bytes, allocated)");
            var pairs = new StringBuilder();
            for (int i = 0; i < 170; i++)
            {
                pairs.Append("\ud83d\ude00");
            }
            string emoji = pairs.ToString() + "!";
            Eq(Callbacks.JoinNames(1, i => emoji), emoji, "170 surrogate pairs and one ASCII char (681 bytes, lent)");
            Eq(Callbacks.JoinNames(3, i => i == 1 ? over : "s" + i), "s0," + over + ",s2", "lent, allocated, lent in one call");
            // A callback calling into Rust, which calls another string callback on the same thread before the
            // outer one returns: each string is copied by Rust before the next one is encoded.
            Eq(Callbacks.JoinNames(2, i => "o" + i + "[" + Callbacks.JoinNames(2, j => "i" + i + j) + "]"), "o0[i00,i01],o1[i10,i11]", "nested string callbacks on one thread");
            Eq(Callbacks.RenderOrError(3, n => "r" + Callbacks.JoinNames(2, j => "e" + j)), "re0,e1", "a Result<String, E> Ok around a nested string callback");
            // Short-lived threads, each with its own scratch buffer (freed by a finalizer when the thread ends).
            bool churnOk = true;
            for (int t = 0; t < 50; t++)
            {
                string got = null;
                int k = t;
                var th = new Thread(() => { got = Callbacks.JoinNames(2, i => "t" + k + "." + i); });
                th.Start();
                th.Join();
                churnOk &= got == "t" + k + ".0,t" + k + ".1";
            }
            Check(churnOk, "50 short-lived threads returning strings");
            var items = new[] { new CbItem(1, 250), new CbItem(2, 1999) };
            Eq(Callbacks.FormatItems(items, item => "#" + item.Id + ":" + item.Cents), "#1:250|#2:1999", "a formatter Func<CbItem, string>");
            Eq(Callbacks.FormatItems(new CbItem[0], item => "never"), "", "a formatter never called");
            var labeler = new CbLabeler("value=");
            Eq(labeler.Label(7, v => "<" + v + ">"), "value=<7>", "a service method taking a closure returning string");
            labeler.Dispose();
        }

        private static void Vectors()
        {
            byte[] loaded = Callbacks.LoadBytes("a/b", path => Encoding.UTF8.GetBytes(path + "!"));
            Eq(Encoding.UTF8.GetString(loaded), "a/b!", "Func<string, byte[]>");
            Eq(Callbacks.LoadBytes("x", path => new byte[0]).Length, 0, "an empty byte[]");
            var mib = new byte[1 << 20];
            for (int i = 0; i < mib.Length; i++)
            {
                mib[i] = (byte)(i * 7);
            }
            byte[] back = Callbacks.LoadBytes("big", path => mib);
            Check(back.Length == mib.Length && back[12345] == mib[12345] && back[mib.Length - 1] == mib[mib.Length - 1], "a 1 MiB byte[] round trip");
            var list = new List<byte> { 1, 2, 3 };
            Eq(Callbacks.SumVectors(1, i => new uint[] { 1, 2, 3 }), 6ul, "uint[]");
            Eq(Callbacks.SumVectors(4, i => new uint[] { i, 10 * i }), 66ul, "uint[] from every call");
            Eq(Callbacks.SumVectors(3, i => new uint[0]), 0ul, "empty uint[]");
            Eq(Callbacks.SumBoxed(3, n => new uint[] { n, n, n }), 9ul, "Box<[u32]> is uint[]");
            Eq(Callbacks.JoinWords(3, n => new[] { "one", "d\u00e9j\u00e0", "\ud83d\ude00" }), "one d\u00e9j\u00e0 \ud83d\ude00", "string[]");
            Eq(Callbacks.JoinWords(0, n => new string[0]), "", "an empty string[]");
            Eq(Callbacks.JoinWords(2, n => new[] { "", "" }), " ", "a string[] of empty strings");
            var many = new string[10000];
            for (int i = 0; i < many.Length; i++)
            {
                many[i] = "w" + i;
            }
            string words = Callbacks.JoinWords(1, n => many);
            Check(words.StartsWith("w0 w1 ", StringComparison.Ordinal) && words.EndsWith(" w9999", StringComparison.Ordinal), "a string[] of 10,000 strings");
            GC.KeepAlive(list);
        }

        private static void Records()
        {
            CbPerson p = Callbacks.MakePerson(42, age => new CbPerson("Ana \u00e9", new[] { "a", "\u65e5\u672c" }, age));
            Eq(p.Name, "Ana \u00e9", "record: the string field");
            Eq(string.Join(",", p.Tags), "a,\u65e5\u672c", "record: the string[] field");
            Eq(p.Age, 42u, "record: the number field");
            Eq(Callbacks.DescribePerson(7, age => new CbPerson("Bo", new[] { "x", "y" }, age + 1)), "Bo (8): x,y", "a record owning data, read by Rust");
            Eq(Callbacks.DescribePerson(1, age => new CbPerson("", new string[0], 0)), " (0): ", "an empty record");
            Eq(Callbacks.DescribePerson(1, age => new CbPerson { Age = 3 }), " (3): ", "a record from the parameterless constructor");
        }

        private static void OptionsAndResults()
        {
            Eq(Callbacks.FindOr("k", "fallback", key => "found " + key), "found k", "Option<String>: a string is Some");
            Eq(Callbacks.FindOr("k", "fallback", key => null), "fallback", "Option<String>: null is None");
            Eq(Callbacks.FindOr("k", "fallback", key => ""), "", "Option<String>: an empty string is Some");
            Eq(Callbacks.RenderOrError(5, n => "ok " + n), "ok 5", "Result<String, E>: Ok");
            Eq(Callbacks.RenderOrError(5, n => { throw new CbErrorException(CbError.Odd, "odd"); }), "error: odd value", "Result<String, E>: the typed exception is Err");
            Eq(Callbacks.RenderOrError(2, n => "\u65e5" + n), "\u65e52", "Result<String, E>: non-ASCII Ok");
        }

        /// <summary>Null where Rust needs a value, a lone surrogate, the lambda's own exception.</summary>
        private static void Refused()
        {
            var nul = Throws<ArgumentNullException>(() => Callbacks.JoinNames(2, i => i == 1 ? null : "a"), "null string: ArgumentNullException rethrown by the call");
            Eq(nul != null ? nul.ParamName : null, "return", "it names the callback's return value");
            var surrogate = Throws<ArgumentException>(() => Callbacks.JoinNames(1, i => "ab\ud800"), "lone surrogate: ArgumentException rethrown by the call");
            Check(surrogate != null && surrogate.ParamName == "return" && surrogate.Message.Contains("lone surrogate"), "it names the return value and the surrogate");
            var longSurrogate = Throws<ArgumentException>(() => Callbacks.JoinNames(1, i => new string('x', 400) + "\udc00"), "lone surrogate in a string too long to lend");
            Check(longSurrogate != null && longSurrogate.ParamName == "return", "it names the return value (allocated path)");
            Throws<ArgumentException>(() => Callbacks.JoinNames(2, i => i == 0 ? "fine" : "\ud800" + "tail"), "lone surrogate after a lent string");
            Throws<ArgumentException>(() => Callbacks.RenderOrError(1, n => "ok\ud800"), "lone surrogate in the Ok value of a Result");
            Throws<ArgumentNullException>(() => Callbacks.LoadBytes("p", path => null), "null byte[]");
            var inner = Throws<ArgumentException>(() => Callbacks.JoinWords(1, n => new[] { "a", "b", "c\udc00" }), "lone surrogate inside a string[]");
            Eq(inner != null ? inner.ParamName : null, "return[2]", "the path to the bad element");
            var nullWord = Throws<ArgumentNullException>(() => Callbacks.JoinWords(1, n => new[] { "a", null }), "null inside a string[]");
            Eq(nullWord != null ? nullWord.ParamName : null, "return[1]", "the path to the null element");
            Throws<ArgumentNullException>(() => Callbacks.MakePerson(1, age => null), "null record");
            var tag = Throws<ArgumentException>(() => Callbacks.MakePerson(1, age => new CbPerson("ok", new[] { "fine", "\ud800x" }, age)), "lone surrogate in a record's string[] (after allocating the name and a tag)");
            Eq(tag != null ? tag.ParamName : null, "return.tags[1]", "the path into the record");
            var nullTags = Throws<ArgumentNullException>(() => Callbacks.MakePerson(1, age => new CbPerson("ok", null, age)), "null string[] field");
            Eq(nullTags != null ? nullTags.ParamName : null, "return.tags", "the path to the null field");
            Throws<ArgumentNullException>(() => Callbacks.RenderOrError(1, n => null), "null Ok value of a Result");
            var thrown = new InvalidOperationException("boom in a formatter");
            var caught = Throws<InvalidOperationException>(() => Callbacks.JoinNames(3, i => { if (i == 1) throw thrown; return "x"; }), "the lambda's exception rethrown");
            Check(ReferenceEquals(caught, thrown), "as the original exception");
            var personError = new FormatException("no person");
            var caughtPerson = Throws<FormatException>(() => Callbacks.DescribePerson(1, age => { throw personError; }), "an exception in a CbPerson factory");
            Check(ReferenceEquals(caughtPerson, personError), "as the original exception (record)");
            Eq(Callbacks.JoinNames(2, i => "ok"), "ok,ok", "the next call is clean");
            Eq(*ConformanceNative.PanicPending, 0u, "nothing pending");
        }

        private static void Threads()
        {
            Eq(Callbacks.RenderOnThread(3, i => "t" + i), "t0,t1,t2", "a kept closure returning string on a Rust thread");
            int calls = 0;
            string all = Callbacks.RenderOnThread(100000, i => { Interlocked.Increment(ref calls); return (i % 10).ToString(); });
            Eq(calls, 100000, "100,000 calls from a Rust thread");
            Eq(all.Length, 2 * 100000 - 1, "no result lost");
            Check(all.StartsWith("0,1,2,3,4,5,6,7,8,9,0", StringComparison.Ordinal) && all.EndsWith("7,8,9", StringComparison.Ordinal), "in order");
            var results = new string[4];
            var threads = new Thread[4];
            for (int t = 0; t < threads.Length; t++)
            {
                int k = t;
                threads[t] = new Thread(() => { results[k] = Callbacks.RenderOnThread(1000, i => k + ":" + i); });
                threads[t].Start();
            }
            foreach (Thread th in threads)
            {
                th.Join();
            }
            bool allOk = true;
            for (int t = 0; t < results.Length; t++)
            {
                allOk &= results[t] != null && results[t].StartsWith(t + ":0," + t + ":1,", StringComparison.Ordinal) && results[t].Split(',').Length == 1000;
            }
            Check(allOk, "4 C# threads, each with a Rust thread calling its own closure");

            Exception unhandled = null;
            EventHandler<UnhandledExceptionEventArgs> handler = (sender, e) => { unhandled = (Exception)e.ExceptionObject; };
            Conformance.UnhandledCallbackException += handler;
            var onThread = new ApplicationException("thrown on a Rust thread");
            Eq(Callbacks.RenderOnThread(3, i => { if (i == 1) throw onThread; return "r" + i; }), "r0,,r2", "Rust got the panic value (empty) for the failed call");
            Check(ReferenceEquals(unhandled, onThread), "UnhandledCallbackException got the exception");
            unhandled = null;
            Eq(Callbacks.RenderOnThread(2, i => i == 0 ? "ok" : null), "ok,", "null on a Rust thread: the panic value");
            Check(unhandled is ArgumentNullException, "UnhandledCallbackException got the ArgumentNullException");
            Conformance.UnhandledCallbackException -= handler;
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        /// <summary>
        /// Resident memory after 4 rounds of <paramref name="round"/> (30,000 callback calls each), minus
        /// before, after 4 rounds of warm-up (the runtime's JIT tiers and GC budgets settle first).
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
        /// 120,000 calls of a string- and of a CbPerson-returning callback leave resident memory flat: a
        /// leaked 100-byte string or person per call would be 12+ MiB.
        /// </summary>
        private static void Memory()
        {
            string[] tags = { "alpha", "\u65e5\u672c", "gamma" };
            string pad = new string('n', 100);
            int total = 0;
            long s = Growth(() => { total += Callbacks.JoinNames(30000, i => pad + i).Length; });
            long p = Growth(() =>
            {
                for (int i = 0; i < 30000; i++)
                {
                    total += Callbacks.DescribePerson((uint)i, age => new CbPerson(pad, tags, age)).Length;
                }
            });
            // Refused half way (the name and a tag allocated, then a lone surrogate): what was allocated
            // is freed. A leaked 1 kB name per call would be 12 MiB.
            string big = new string('b', 1000);
            string[] bad = { "fine", "\ud800" };
            int refused = 0;
            long h = Growth(() =>
            {
                for (int i = 0; i < 3000; i++)
                {
                    try
                    {
                        Callbacks.DescribePerson(1, age => new CbPerson(big, bad, age));
                    }
                    catch (ArgumentException)
                    {
                        refused++;
                    }
                }
            });
            Eq(refused, 24000, "every half-written person refused");
            Check(h < 5 * 1024 * 1024, "12,000 persons refused half way grew RSS by " + h / 1024 + " KiB (< 5 MiB)");
            Check(total > 0, "the calls ran");
            Check(s < 5 * 1024 * 1024, "120,000 string returns grew RSS by " + s / 1024 + " KiB (< 5 MiB)");
            Check(p < 5 * 1024 * 1024, "120,000 CbPerson returns grew RSS by " + p / 1024 + " KiB (< 5 MiB)");
        }
    }
}
