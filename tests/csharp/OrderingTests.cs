// core::cmp::Ordering from C# (the conformance fixture's `ordering` feature, ADR 57): an int with the
// .NET comparer convention (negative, zero, positive), so a Comparison<T>-shaped lambda
// ((a, b) => a.CompareTo(b), or a - b) is a comparator; any int is read by its sign, -1/0/1 come
// back. A returned comparator (its Invoke, its delegate, List<T>.Sort with it), a closure taking an
// Ordering, int? for Option<Ordering>, int[] for Vec<Ordering>, a record field. Run on Mono and .NET 8
// with the same output (tests/csharp/ordering.rs). Prints "N passed, M failed"; exits 1 when anything
// failed.

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace OrderingTests
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

        private static void Seq<T>(T[] actual, T[] expected, string what)
        {
            Eq(string.Join(",", actual), string.Join(",", expected), what);
        }

        private static int Main()
        {
            Comparators();
            Values();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Comparators()
        {
            var items = new[]
            {
                new OrdItem(1, 30), new OrdItem(2, -4), new OrdItem(3, 30), new OrdItem(4, 7), new OrdItem(5, -100),
            };
            Seq(Ordering.SortIds(items, (a, b) => a.Rank.CompareTo(b.Rank)), new uint[] { 5, 2, 4, 1, 3 }, "CompareTo, stable");
            Seq(Ordering.SortIds(items, (a, b) => (b.Rank - a.Rank) * 1000), new uint[] { 1, 3, 4, 2, 5 }, "any magnitude");
            Seq(Ordering.SortIds(items, (a, b) => a.Rank < b.Rank ? int.MinValue : a.Rank > b.Rank ? int.MaxValue : 0), new uint[] { 5, 2, 4, 1, 3 }, "int.MinValue / int.MaxValue");
            Comparison<OrdItem> byId = (a, b) => b.Id.CompareTo(a.Id);
            Seq(Ordering.SortIds(items, new Func<OrdItem, OrdItem, int>(byId)), new uint[] { 5, 4, 3, 2, 1 }, "a Comparison<T>");
            Seq(Ordering.SortIds(new OrdItem[0], (a, b) => 0), new uint[0], "nothing to sort");
            IComparer<uint> comparer = Comparer<uint>.Default;
            Seq(Ordering.SortValues(new uint[] { 3, 10, 1, 7 }, comparer.Compare), new uint[] { 1, 3, 7, 10 }, "IComparer<T>.Compare");
            try
            {
                Ordering.SortValues(new uint[] { 2, 1 }, (a, b) => { throw new InvalidOperationException("no"); });
                Check(false, "an exception in the comparator: none");
            }
            catch (InvalidOperationException e)
            {
                Eq(e.Message, "no", "an exception in the comparator comes back");
            }

            using (ClosureU32U32ToOrdering largestFirst = Ordering.Descending())
            {
                Eq(largestFirst.Invoke(1, 2), 1, "returned comparator 1 < 2");
                Eq(largestFirst.Invoke(2, 1), -1, "returned comparator 2 > 1");
                Eq(largestFirst.Invoke(9, 9), 0, "returned comparator 9 = 9");
                Seq(Ordering.SortValues(new uint[] { 3, 10, 1, 7 }, largestFirst.ToDelegate()), new uint[] { 10, 7, 3, 1 }, "the returned comparator drives SortValues");
                var list = new List<uint> { 3, 10, 1 };
                Func<uint, uint, int> f = largestFirst.ToDelegate();
                list.Sort((a, b) => f(a, b));
                Seq(list.ToArray(), new uint[] { 10, 3, 1 }, "and List<T>.Sort");
            }

            var seen = new List<int>();
            Func<int, int> record = o => { seen.Add(o); return o * 10; };
            Eq(Ordering.OnCompare(1, 2, record), 90, "Less");
            Eq(Ordering.OnCompare(2, 2, record), 100, "Equal");
            Eq(Ordering.OnCompare(3, 2, record), 110, "Greater");
            Seq(seen.ToArray(), new[] { -1, 0, 1 }, "a closure gets -1, 0, 1");
        }

        private static void Values()
        {
            Eq(Ordering.CompareVersions(new OrdVersion(1, 2, 3), new OrdVersion(1, 10, 0)), -1, "1.2.3 < 1.10.0");
            Eq(Ordering.CompareVersions(new OrdVersion(2, 0, 0), new OrdVersion(1, 10, 0)), 1, "2.0.0 > 1.10.0");
            Eq(Ordering.CompareVersions(new OrdVersion(1, 1, 1), new OrdVersion(1, 1, 1)), 0, "equal versions");
            Eq(Ordering.CompareFloats(1.5, 0.5), (int?)1, "partial_cmp Greater");
            Eq(Ordering.CompareFloats(0.5, 0.5), (int?)0, "partial_cmp Equal");
            Eq(Ordering.CompareFloats(double.NaN, 1.0), (int?)null, "partial_cmp NaN: null");
            Eq(Ordering.Reverse(-1), 1, "reverse -1");
            Eq(Ordering.Reverse(int.MinValue), 1, "reverse int.MinValue");
            Eq(Ordering.Reverse(0), 0, "reverse 0");
            Eq(Ordering.Reverse(42), -1, "reverse 42");
            Eq(Ordering.Reverse(int.MaxValue), -1, "reverse int.MaxValue");
            Eq(Ordering.OrElse(null, 77), 1, "OrElse(null, 77)");
            Eq(Ordering.OrElse(-9, 77), -1, "OrElse(-9, 77)");

            OrdVerdict v = Ordering.Verdict(new OrdItem(7, 3), new OrdItem(8, 5));
            Check(v.Left == 7 && v.Right == 8 && v.Order == -1, "a returned record's Ordering field");
            Eq(Ordering.Verdict(new OrdItem(8, 5), new OrdItem(7, 3)).Order, 1, "Greater field");
            Eq(Ordering.VerdictSign(new OrdVerdict(1, 2, -123456)), -1, "a field read by its sign: negative");
            Eq(Ordering.VerdictSign(new OrdVerdict(1, 2, 0)), 0, "zero");
            Eq(Ordering.VerdictSign(new OrdVerdict(1, 2, 5)), 1, "positive");

            int[] signs = Ordering.Signs(new long[] { -3, 0, 12, long.MinValue, 1 });
            Seq(signs, new[] { -1, 0, 1, -1, 1 }, "Vec<Ordering> out");
            Eq(Ordering.Tally(signs), 20102u, "Vec<Ordering> back in");
            Eq(Ordering.Tally(new[] { -7, 0, 0, 3, int.MinValue, int.MaxValue }), 20202u, "any ints in, by sign");
            Eq(Ordering.Tally(new int[0]), 0u, "no orderings");
        }
    }
}
