// Generic records at concrete types and tuples, from C#: every function of the conformance
// fixture's `generics` feature through the generated bindings: one struct (or class, when it owns
// data) per instantiation (`PairU32`, `TaggedU8n4`, the alias `Pixels`) and per tuple type
// (a `ValueTuple`: `var (r, phi) = Conformance.TuplePolar(3, 4);`), `ref` and nullable parameters, owned data round trips,
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
            var (r, phi) = Conformance.TuplePolar(3.0f, 4.0f);
            Check(r == 5.0f && System.Math.Abs(phi - System.Math.Atan2(4.0, 3.0)) < 1e-6, "(f32, f32) deconstructed");
            ValueTuple<float, float> polar = Conformance.TuplePolar(0.0f, 2.0f);
            Check(polar.Item1 == 2.0f, "(f32, f32) as a ValueTuple");
            Eq(Conformance.TupleSum((-1, 10000000000L, (byte)200)), 10000000199L, "(i32, i64, u8)");
            Eq(Conformance.TupleSwap(((byte)9, 0.25)), (0.25, (byte)9), "(u8, f64) -> (f64, u8)");
            Eq(Conformance.TupleFlagged((true, 7u)), 7u, "(bool, u32) true");
            Eq(Conformance.TupleFlagged((false, 7u)), 0u, "(bool, u32) false");
            PairU32 shifted = Conformance.TupleShift((new PairU32(1, 2), 10u));
            Check(shifted.A == 11 && shifted.B == 12, "(Pair<u32>, u32)");
            var (text, len) = Conformance.TupleText(12345);
            Check(text == "12345" && len == 5, "(String, u32) returned");
            Eq(Conformance.TupleTextWeight(("four", 3u)), 12ul, "(String, u32) argument");
            Eq(Conformance.TupleTextWeight(("", 3u)), 0ul, "(String, u32) empty");
            try
            {
                Conformance.TupleTextWeight((null, 3u));
                Check(false, "a null string element is refused");
            }
            catch (ArgumentNullException e)
            {
                Eq(e.ParamName, "t", "the null element names the parameter");
            }
            for (int i = 0; i < 10000; i++)
            {
                if (Conformance.TupleText(7).Item1 != "7")
                {
                    Check(false, "round trip " + i);
                    break;
                }
            }
            Segment seg = new Segment((0f, 0f), (3f, 4f));
            Eq(Conformance.TupleSegmentLength(seg), 5.0f, "tuples in a record");
            Segment back = Conformance.TupleSegmentReverse(seg);
            Eq(back.From, (3f, 4f), "a tuple field returned");
            Eq(back.To, (0f, 0f), "a tuple field returned (second)");
            back.From = (1f, 1f);
            Eq(back.From, (1f, 1f), "a tuple field set");
            Labeled next = Conformance.TupleLabeledNext(new Labeled(("n", 41u), (-1, 2)));
            Eq(next.Label, ("n", 42u), "a tuple owning data in a class");
            Eq(next.At, (0, 2), "a tuple in a class");
            Eq(next, new Labeled(("n", 42u), (0, 2)), "value equality of a class with tuples");
            var some = Conformance.TupleOptionSwap((1f, 2f));
            Check(some.HasValue && some.Value.Equals((2f, 1f)), "(f32, f32)? some");
            Check(!Conformance.TupleOptionSwap(null).HasValue, "(f32, f32)? none");
            Eq(Conformance.TupleSliceSum(new[] { (1u, 2u), (3u, 4u) }), 10ul, "a slice of tuples");
            Eq(Conformance.TupleSliceSum(new ValueTuple<uint, uint>[0]), 0ul, "an empty slice of tuples");
            var made = Conformance.TupleVecMake(3);
            Check(made.Length == 3 && made[0].Equals(("0", 0u)) && made[2].Equals(("2", 2u)), "Vec<(String, u32)> returned");
            Eq(Conformance.TupleVecWeight(made), 6ul, "Vec<(String, u32)> argument");
            // mcs has no tuple literal of more than 7 elements: the eighth is nested in `Rest`.
            var eight = new ValueTuple<byte, ushort, uint, ulong, sbyte, short, int, ValueTuple<long>>(
                1, 2, 3, 4, -5, -6, -7, new ValueTuple<long>(-8));
            Eq(Conformance.TupleEight(eight), -16L, "an 8-tuple");
            var (s, inner) = Conformance.TupleNested((((byte)1, (byte)2), "x"));
            var (b, a) = inner;
            Check(s == "x" && b == 2 && a == 1, "a tuple in a tuple");
            Eq(*ConformanceNative.PanicPending, 0u, "nothing pending");
        }

        private static void GenericEnums()
        {
            MaybeU32 doubled = Conformance.GenericMaybeDouble(new MaybeU32.Just(21));
            MaybeU32.Just just = doubled as MaybeU32.Just;
            Check(just != null && just.Value == 42, "MaybeU32.Just doubled");
            Check(Conformance.GenericMaybeDouble(new MaybeU32.Nothing()) is MaybeU32.Nothing, "MaybeU32.Nothing");
            Eq(Conformance.GenericMaybeDouble(new MaybeU32.Just(4)), (MaybeU32)new MaybeU32.Just(8), "value equality of an instantiation");
            Eq(Conformance.GenericMaybeSum(new MaybeU32[] { new MaybeU32.Just(5), new MaybeU32.Nothing(), new MaybeU32.Just(6) }), 11ul, "a slice of MaybeU32");
            MaybeString text = Conformance.GenericMaybeText(1234);
            MaybeString.Just textJust = text as MaybeString.Just;
            Check(textJust != null && textJust.Value == "1234", "Maybe<String> owning data");
            Check(Conformance.GenericMaybeText(-1) is MaybeString.Nothing, "Maybe<String> nothing");
            EitherStringPairU32 left = Conformance.GenericEitherMake(true);
            EitherStringPairU32.Left l = left as EitherStringPairU32.Left;
            Check(l != null && l.Value == "left", "Either<String, Pair<u32>> left");
            EitherStringPairU32 right = Conformance.GenericEitherMake(false);
            EitherStringPairU32.Right r = right as EitherStringPairU32.Right;
            Check(r != null && r.Value.A == 1 && r.Value.B == 2, "Either<String, Pair<u32>> right");
            Eq(Conformance.GenericEitherWeight(right), 3ul, "Either right argument");
            Eq(Conformance.GenericEitherWeight(new EitherStringPairU32.Left("abcde")), 5ul, "Either left argument");
            EitherF32u8 flipped = Conformance.GenericEitherFlip(new EitherU8f32.Left(9));
            EitherF32u8.Right fr = flipped as EitherF32u8.Right;
            Check(fr != null && fr.Value == 9, "Either<u8, f32> flipped");
            EitherF32u8.Left fl = Conformance.GenericEitherFlip(new EitherU8f32.Right(2.5f)) as EitherF32u8.Left;
            Check(fl != null && fl.Value == 2.5f, "Either<u8, f32> flipped back");
            try
            {
                Conformance.GenericEitherWeight(null);
                Check(false, "a null enum is refused");
            }
            catch (ArgumentNullException e)
            {
                Eq(e.ParamName, "e", "the null enum names the parameter");
            }
            for (int i = 0; i < 10000; i++)
            {
                if (!(Conformance.GenericMaybeText(7) is MaybeString.Just))
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
            GenericEnums();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
