// Optional borrowed views from C#: every function of the conformance fixture's `optional_views`
// feature (ADR 46). `Option<&str>` is a `string` and `Option<&[T]>` a `T[]` where null is None,
// exactly as for `Option<String>` / `Option<Vec<T>>` arguments, `Option<&CStr>` a `string` (null is
// a NULL pointer); None, Some(empty) and Some(text)
// are told apart, lone surrogates are refused before the call, a service method takes them too.
// `Option<&mut [T]>` (ADR 53) is a `Span<T>` / `T[]` pair: a null array is None, any span or array
// (an empty one too) is Some, written in place; invalid bools and enum values are refused.
// Run on Mono and .NET 8 with the same output (tests/csharp/optional_views.rs). Prints
// "N passed, M failed"; exits 1 when anything failed.
//   mcs -langversion:7.2 -unsafe -warnaserror -out:OptionalViewsTests.exe OptionalViewsTests.cs <bindings>.cs

using System;
using Interop.Conformance;

namespace OptionalViewsTests
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

        private static void Throws<E>(Action call, string part, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E e)
            {
                Check(e.Message.Contains(part), what + ": message \"" + e.Message + "\" lacks \"" + part + "\"");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
            Eq(*ConformanceNative.PanicPending, 0u, what + ": nothing pending");
        }

        private static void Text()
        {
            Eq(OptionalViews.OptTextLen(null), -1L, "None");
            Eq(OptionalViews.OptTextLen(""), 0L, "Some(\"\")");
            Eq(OptionalViews.OptTextLen("\u65e5\u672c"), 6L, "Some(non-ASCII)");
            Eq(OptionalViews.OptTextLen(new string('x', 1024)), 1024L, "Some(1 KiB)");
            Eq(OptionalViews.OptFind("x", null), "x", "find without scope");
            Eq(OptionalViews.OptFind("x", ""), "/x", "find with an empty scope");
            Eq(OptionalViews.OptFind("\u00e9t\u00e9", "\u65e5"), "\u65e5/\u00e9t\u00e9", "find with a scope");
            Throws<ArgumentException>(() => OptionalViews.OptTextLen("a\udc80"), "lone surrogate", "lone surrogate");
            Throws<ArgumentException>(() => OptionalViews.OptFind("x", "\ud800"), "lone surrogate", "lone surrogate in Some");
        }

        private static void Slices()
        {
            byte[] data = { 1, 2, 3 };
            Eq(OptionalViews.OptHash(data, null), -7L, "key None");
            Eq(OptionalViews.OptHash(data, new byte[0]), 6L, "key Some(empty)");
            Eq(OptionalViews.OptHash(data, new byte[] { 10, 20 }), 2036L, "key Some");
            Eq(OptionalViews.OptSum(null), -1L, "sum None");
            Eq(OptionalViews.OptSum(new uint[0]), 0L, "sum Some(empty)");
            Eq(OptionalViews.OptSum(new uint[] { 1, 2, 3, 4000000000u }), 4000000006L, "sum Some");
            uint[] big = new uint[1024];
            for (int i = 0; i < big.Length; i++)
            {
                big[i] = 1;
            }
            Eq(OptionalViews.OptSum(big), 1024L, "sum of 1 Ki elements");
            Eq(OptionalViews.OptJoin(null), "none", "join None");
            Eq(OptionalViews.OptJoin(new string[0]), "", "join Some(empty)");
            Eq(OptionalViews.OptJoin(new[] { "a\u00e9", "b" }), "a\u00e9+b", "join Some");
            Throws<ArgumentException>(() => OptionalViews.OptJoin(new[] { "ok", "\udcff" }), "lone surrogate", "lone surrogate in an element");
            Throws<ArgumentNullException>(() => OptionalViews.OptJoin(new string[] { null }), "words", "null element");
        }

        private static void CStrings()
        {
            Eq(OptionalViews.OptCLen(null), -1L, "C string None");
            Eq(OptionalViews.OptCLen(""), 0L, "C string Some(\"\")");
            Eq(OptionalViews.OptCLen("\u65e5\u672c"), 6L, "C string Some(non-ASCII)");
            Eq(OptionalViews.OptOpen("a.txt", null), "a.txt:r", "open without a mode");
            Eq(OptionalViews.OptOpen("a.txt", ""), "a.txt:", "open with an empty mode");
            Eq(OptionalViews.OptOpen("\u65e5", "w+"), "\u65e5:w+", "open with a mode");
            Throws<ArgumentException>(() => OptionalViews.OptCLen("a\0b"), "NUL at index 1", "interior NUL");
            Throws<ArgumentException>(() => OptionalViews.OptCLen("\udc80"), "lone surrogate", "lone surrogate in a C string");
            Throws<ArgumentNullException>(() => OptionalViews.OptOpen(null, "w"), "path", "null path (not optional)");
        }

        private static void SeqEq<T>(T[] actual, T[] expected, string what)
        {
            bool same = actual.Length == expected.Length;
            for (int i = 0; same && i < actual.Length; i++)
            {
                same = Equals(actual[i], expected[i]);
            }
            Check(same, what + ": expected [" + string.Join(", ", expected) + "], got [" + string.Join(", ", actual) + "]");
        }

        private static void Writable()
        {
            byte[] buf = new byte[16];
            Eq(OptionalViews.OptRead(null), 8ul, "read None (the size needed)");
            Eq(OptionalViews.OptRead(new byte[0]), 0ul, "read Some(empty array)");
            Eq(OptionalViews.OptRead(Span<byte>.Empty), 0ul, "read Some(empty span)");
            Eq(OptionalViews.OptRead(default(Span<byte>)), 0ul, "read Some(default span)");
            Eq(OptionalViews.OptRead(new Span<byte>(buf, 0, 3)), 3ul, "read into a span");
            Eq(System.Text.Encoding.ASCII.GetString(buf, 0, 4), "opt\0", "span written");
            Eq(OptionalViews.OptRead(buf), 8ul, "read into an array");
            Eq(System.Text.Encoding.ASCII.GetString(buf, 0, 9), "optional\0", "array written");
            uint[] nums = { 1, 2, 3 };
            Eq(OptionalViews.OptScale(null, 2), -1L, "scale None");
            Eq(OptionalViews.OptScale(nums, 2), 3L, "scale Some");
            SeqEq(nums, new uint[] { 2, 4, 6 }, "scaled");
            Eq(OptionalViews.OptScale(new Span<uint>(nums, 1, 2), 10), 2L, "scale a span");
            SeqEq(nums, new uint[] { 2, 40, 60 }, "span scaled");
            double[] halves = { 3.0, -1.0 };
            Eq(OptionalViews.OptHalve(null), -1L, "halve None");
            Eq(OptionalViews.OptHalve(halves), 2L, "halve Some");
            SeqEq(halves, new[] { 1.5, -0.5 }, "halved");
            Toggle[] toggles = { new Toggle(1, true), new Toggle(-5, false) };
            Eq(OptionalViews.OptToggle(null), -1L, "toggle None");
            Eq(OptionalViews.OptToggle(toggles), 2L, "toggle Some");
            Check(toggles[0].X == 2 && !toggles[0].On && toggles[1].X == -4 && toggles[1].On, "toggled");
            fixed (Toggle* p = toggles)
            {
                ((byte*)(p + 1))[4] = 2;
            }
            Throws<ArgumentException>(() => OptionalViews.OptToggle(toggles), "OptionalViews.OptToggle argument 'toggles': element `[1].on`: 2 is not a bool", "invalid bool in an element");
            Eq(toggles[0].X, 2, "nothing written after a refused call");
            Signal[] signals = { Signal.Red, Signal.Amber, Signal.Green };
            Eq(OptionalViews.OptCycle(null), -1L, "cycle None");
            Eq(OptionalViews.OptCycle(signals), 3L, "cycle Some");
            SeqEq(signals, new[] { Signal.Amber, Signal.Green, Signal.Red }, "cycled");
            signals[2] = (Signal)7;
            Throws<ArgumentException>(() => OptionalViews.OptCycle(signals), "OptionalViews.OptCycle argument 'signals': element `[2]`: 7 is not a value of enum `Signal`", "invalid enum element");
            Eq(signals[0], Signal.Amber, "nothing written after a refused enum");
        }

        /// <summary>
        /// <paramref name="call"/> throws exactly <c>ArgumentException</c> with the message
        /// <paramref name="message"/> (then the runtime's parameter suffix) and <c>ParamName</c>
        /// <paramref name="param"/>.
        /// </summary>
        private static void Refused(Action call, string message, string param, string what)
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (ArgumentException e) when (e.GetType() == typeof(ArgumentException))
            {
                Check(e.Message.StartsWith(message + " (Parameter '" + param + "')", StringComparison.Ordinal)
                    || e.Message.StartsWith(message + Environment.NewLine + "Parameter name: " + param, StringComparison.Ordinal)
                    || e.Message.StartsWith(message + "\nParameter name: " + param, StringComparison.Ordinal),
                    what + ": message \"" + e.Message + "\", expected \"" + message + "\"");
                Eq(e.ParamName, param, what + ": ParamName");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
        }

        private static void Service()
        {
            using (Interop.Conformance.Directory dir = new Interop.Conformance.Directory("home"))
            {
                Eq(dir.Lookup("a", null), "home/a", "lookup None");
                Eq(dir.Lookup("a", ""), "/a", "lookup Some(\"\")");
                Eq(dir.Lookup("a", "\u65e5"), "\u65e5/a", "lookup Some");
                Eq(dir.Retag(null, null), -1L, "retag None, None");
                Eq(dir.Lookup("a", null), "home/a", "scope kept");
                Eq(dir.Retag("work", new byte[] { 1, 2, 3 }), 3L, "retag Some, Some");
                Eq(dir.Retag(null, new byte[0]), 0L, "retag None, Some(empty)");
                Eq(dir.Lookup("b", null), "work/b", "scope replaced");
                Throws<ArgumentException>(() => dir.Lookup("a", "\udc80"), "lone surrogate", "lone surrogate in a method");
                // Issue 13: an argument the library refuses names the C# method, not the C symbol.
                Eq(dir.SignalRank(Signal.Green), 2u, "a service method taking an enum");
                Refused(() => dir.SignalRank((Signal)7), "Directory.SignalRank argument 'signal': 7 is not a value of enum `Signal`", "signal", "a service method");
                Eq(Interop.Conformance.Directory.RankOf(Signal.Amber), 1u, "a static method taking an enum");
                Refused(() => Interop.Conformance.Directory.RankOf((Signal)5), "Directory.RankOf argument 'signal': 5 is not a value of enum `Signal`", "signal", "a static method");
                Refused(() => OptionalViews.OptCycle(new[] { (Signal)9 }), "OptionalViews.OptCycle argument 'signals': element `[0]`: 9 is not a value of enum `Signal`", "signals", "a module function");
                byte[] scope = new byte[2];
                Eq(dir.ScopeInto(null), 4ul, "scope_into None");
                Eq(dir.ScopeInto(scope), 4ul, "scope_into Some");
                Eq(System.Text.Encoding.ASCII.GetString(scope), "wo", "scope written");
            }
        }

        private static int Main()
        {
            Text();
            Slices();
            CStrings();
            Writable();
            Service();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
