// Rust closures the library returns whose results own data, from C# (the conformance fixture's
// `callback_returned_owned` feature, ADR 56): Invoke returns string, byte[] (null: None), string[],
// uint[], the record's class (CbPerson); a Result is its value or CbErrorException (Err); empty,
// non-ASCII and 1 MiB strings; a panic inside is RustPanicException and the closure stays usable;
// ToDelegate; Dispose then Invoke is ObjectDisposedException; one closure called from several C#
// threads at once; a closure a service method returned outlives the service; resident memory flat
// over 100,000 calls returning strings and records (each native value freed once). Run on Mono and
// .NET 8 with the same output (tests/csharp/callback_returned_owned.rs). Prints "N passed, M
// failed"; exits 1 when anything failed.

using System;
using System.Text;
using System.Threading;
using Interop.Conformance;

namespace CallbackReturnedOwnedTests
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

        private static void SeqEq<T>(T[] actual, T[] expected, string what)
        {
            bool same = actual != null && actual.Length == expected.Length;
            for (int i = 0; same && i < expected.Length; i++)
            {
                same = Equals(actual[i], expected[i]);
            }
            Check(same, what + ": expected [" + string.Join(", ", expected) + "], got " + (actual == null ? "null" : "[" + string.Join(", ", actual) + "]"));
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
            Results();
            Lifetime();
            Threads();
            Memory();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Strings()
        {
            using (var format = Callbacks.MakeFormatter("n="))
            {
                Eq(format.Invoke(42), "n=42", "a returned closure returning string");
                Func<uint, string> asDelegate = format.ToDelegate();
                Eq(asDelegate(7), "n=7", "ToDelegate is a Func<uint, string>");
                var panic = Throws<RustPanicException>(() => format.Invoke(uint.MaxValue), "a panic inside throws RustPanicException");
                Check(panic != null && panic.Message.Contains("no format for u32::MAX"), "the panic's message: " + (panic == null ? "" : panic.Message));
                Eq(format.Invoke(1), "n=1", "usable after the panic");
            }
            using (var format = Callbacks.MakeFormatter("\u65e5\u672c\u00e9\ud83d\ude00-"))
            {
                Eq(format.Invoke(3), "\u65e5\u672c\u00e9\ud83d\ude00-3", "non-ASCII (CJK, accent, astral) string");
            }
            using (var repeat = Callbacks.MakeRepeater("ab"))
            {
                string empty = repeat.Invoke(0);
                Check(empty != null && empty.Length == 0, "an empty string is \"\", not null");
                Eq(repeat.Invoke(3), "ababab", "repeated");
            }
            using (var repeat = Callbacks.MakeRepeater("x"))
            {
                string big = repeat.Invoke(1 << 20);
                Check(big.Length == 1 << 20 && big.IndexOf('y') < 0 && big[0] == 'x' && big[(1 << 20) - 1] == 'x', "a 1 MiB string");
            }
            using (var repeat = Callbacks.MakeRepeater("\u00e9"))
            {
                Eq(repeat.Invoke(1000), new string('\u00e9', 1000), "1,000 two-byte characters");
            }
        }

        private static void Vectors()
        {
            using (var load = Callbacks.MakeLoader("root"))
            {
                SeqEq(load.Invoke("a.txt"), Encoding.UTF8.GetBytes("root/a.txt"), "Option<Vec<u8>>: Some is byte[]");
                SeqEq(load.Invoke("\u65e5\u672c"), Encoding.UTF8.GetBytes("root/\u65e5\u672c"), "bytes of a non-ASCII name (a &str argument)");
                Eq(load.Invoke(""), null, "None is null (empty name)");
                Eq(load.Invoke("missing.txt"), null, "None is null");
                Func<string, byte[]> asDelegate = load.ToDelegate();
                Eq(asDelegate("b").Length, 6, "ToDelegate is a Func<string, byte[]>");
                Throws<ArgumentNullException>(() => load.Invoke(null), "a null &str argument refused");
            }
            using (var split = Callbacks.MakeSplitter(","))
            {
                SeqEq(split.Invoke("a,\u00e9\u00e9,,c"), new[] { "a", "\u00e9\u00e9", "", "c" }, "Vec<String> is string[]");
                SeqEq(split.Invoke(""), new[] { "" }, "one empty part");
            }
            using (var count = Callbacks.MakeCounter(5))
            {
                SeqEq(count.Invoke(3), new uint[] { 5, 6, 7 }, "Box<[u32]> is uint[]");
                uint[] none = count.Invoke(0);
                Check(none != null && none.Length == 0, "an empty Box<[u32]> is an empty array");
                uint[] big = count.Invoke(1 << 18);
                Check(big.Length == 1 << 18 && big[0] == 5 && big[(1 << 18) - 1] == 5 + (1 << 18) - 1, "a 1 MiB uint[]");
            }
        }

        private static void Records()
        {
            using (var make = Callbacks.MakePersonFactory("Zo\u00eb"))
            {
                CbPerson adult = make.Invoke(20);
                Eq(adult.Name, "Zo\u00eb", "the record's string");
                SeqEq(adult.Tags, new[] { "age:20", "adult" }, "the record's Vec<String>");
                Eq(adult.Age, 20u, "the record's number");
                Eq(make.Invoke(3), new CbPerson("Zo\u00eb", new[] { "age:3", "minor" }, 3), "a second record (value equality)");
                Func<uint, CbPerson> asDelegate = make.ToDelegate();
                Eq(asDelegate(1).Tags[1], "minor", "ToDelegate is a Func<uint, CbPerson>");
            }
        }

        private static void Results()
        {
            using (var parse = Callbacks.MakeParser(100))
            {
                Eq(parse.Invoke("42"), "#42", "Ok(String) is the string");
                var odd = Throws<CbErrorException>(() => parse.Invoke("7"), "Err is CbErrorException");
                Check(odd != null && odd.Error == CbError.Odd, "its Error is Odd");
                Check(odd is ConformanceException, "under the bindings' error base");
                var large = Throws<CbErrorException>(() => parse.Invoke("200"), "Err(TooLarge)");
                Check(large != null && large.Error == CbError.TooLarge, "its Error is TooLarge");
                Throws<RustPanicException>(() => parse.Invoke("x"), "a panic in a closure returning a Result");
                Eq(parse.Invoke("8"), "#8", "usable after an error and a panic");
            }
            using (var check = Callbacks.MakeLengthChecker(3))
            {
                Eq(check.Invoke("\u65e5\u672c"), 2u, "Ok(u32)");
                var large = Throws<CbErrorException>(() => check.Invoke("abcd"), "Err of a Result of C-compatible values");
                Check(large != null && large.Error == CbError.TooLarge, "its Error is TooLarge");
            }
            using (var validate = Callbacks.MakeEvenValidator())
            {
                validate.Invoke(4);
                Check(true, "Ok(()) returns");
                var odd = Throws<CbErrorException>(() => validate.Invoke(3), "Err of a Result<(), E>");
                Check(odd != null && odd.Error == CbError.Odd, "its Error is Odd");
                Action<uint> asDelegate = validate.ToDelegate();
                Throws<CbErrorException>(() => asDelegate(5), "ToDelegate is an Action<uint> that throws");
            }
        }

        private static void Lifetime()
        {
            var format = Callbacks.MakeFormatter("p");
            format.Dispose();
            var disposed = Throws<ObjectDisposedException>(() => format.Invoke(1), "Invoke after Dispose refused");
            Check(disposed != null && disposed.ObjectName == format.GetType().Name && disposed.Message.Contains("This " + format.GetType().Name + " was disposed."), "the message names the closure's class: " + (disposed == null ? "" : disposed.Message));
            format.Dispose();
            Check(true, "Dispose twice is harmless");

            var make = Callbacks.MakePersonFactory("gone");
            make.Dispose();
            Throws<ObjectDisposedException>(() => make.Invoke(1), "a disposed record factory refused");

            ClosureStrToString greet;
            using (var greeter = new CbGreeter("Hello"))
            {
                greet = greeter.Greeter();
            }
            Eq(greet.Invoke("Ana"), "Hello, Ana!", "a closure a service method returned outlives the service");
            greet.Dispose();

            // Never disposed: the finalizer drops them.
            for (int i = 0; i < 100; i++)
            {
                Callbacks.MakeFormatter("f" + i);
            }
            FullGc();
            Check(true, "undisposed closures finalized");
        }

        private static void Threads()
        {
            using (var format = Callbacks.MakeFormatter("t"))
            {
                var threads = new Thread[4];
                int wrong = 0;
                int calls = 0;
                for (int t = 0; t < threads.Length; t++)
                {
                    threads[t] = new Thread(() =>
                    {
                        for (uint i = 0; i < 2000; i++)
                        {
                            if (format.Invoke(i) != "t" + i)
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
                Eq(calls, 8000, "4 C# threads x 2,000 calls of one closure");
                Eq(wrong, 0, "every thread got its own string");
            }
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        /// <summary>
        /// Resident memory after 4 rounds of <paramref name="round"/> (25,000 calls each), minus before,
        /// after 4 rounds of warm-up (the runtime's JIT tiers and GC budgets settle first).
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
        /// 100,000 calls returning a 100-byte string, and 100,000 returning a record, leave resident memory
        /// flat: a leaked string per call would be 12+ MiB.
        /// </summary>
        private static void Memory()
        {
            long total = 0;
            using (var format = Callbacks.MakeFormatter(new string('m', 100)))
            using (var make = Callbacks.MakePersonFactory(new string('p', 100)))
            {
                long s = Growth(() =>
                {
                    for (uint i = 0; i < 25000; i++)
                    {
                        total += format.Invoke(i).Length;
                    }
                });
                long p = Growth(() =>
                {
                    for (uint i = 0; i < 25000; i++)
                    {
                        total += make.Invoke(i).Name.Length;
                    }
                });
                Check(total > 0, "the calls ran");
                Check(s < 5 * 1024 * 1024, "100,000 string returns grew RSS by " + s / 1024 + " KiB (< 5 MiB)");
                Check(p < 5 * 1024 * 1024, "100,000 CbPerson returns grew RSS by " + p / 1024 + " KiB (< 5 MiB)");
            }
        }
    }
}
