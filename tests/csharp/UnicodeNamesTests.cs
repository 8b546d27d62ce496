// Non-ASCII names from C# (the conformance fixture's `unicode_names` feature, built alone): the
// record Größe with its field Länge, the enum Richtung with Rückwärts, the function Grüße (symbol
// `gruesse`), compiled by mcs from UTF-8 source and run on Mono and .NET 8 (tests/csharp/unicode_names.rs).
// Prints "N passed, M failed"; exits 1 when anything failed.

using System;
using System.Runtime.InteropServices;
using Interop.Conformance;

namespace UnicodeNamesTests
{
    internal static unsafe class Program
    {
        private static int s_passed;
        private static int s_failed;

        private static void Eq<T>(T actual, T expected, string what)
        {
            if (Equals(actual, expected))
            {
                s_passed++;
            }
            else
            {
                s_failed++;
                Console.WriteLine("FAIL: " + what + ": expected " + expected + ", got " + actual);
            }
        }

        private static int Main()
        {
            var größe = new Größe(3, 4);
            Eq(größe.Länge, 3u, "Größe.Länge");
            Eq(größe.Width, 4u, "Größe.Width");
            Eq(sizeof(Größe), 8, "sizeof(Größe)");
            Eq(Marshal.OffsetOf(typeof(Größe), "Width").ToInt32(), 4, "offset of Width");
            Eq((byte)Richtung.Rückwärts, (byte)2, "Richtung.Rückwärts");
            Eq(Conformance.Grüße(größe, Richtung.Links), 12u, "Grüße(Links)");
            Eq(Conformance.Grüße(größe, Richtung.Rückwärts), 24u, "Grüße(Rückwärts)");
            Eq(Conformance.Grüße(new Größe(länge: 5, width: 1), Richtung.Links), 5u, "named argument länge");
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
