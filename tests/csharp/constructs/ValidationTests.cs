// An enum value that is not one of its discriminants is undefined behaviour in Rust: the shim
// refuses it through the error channel (an ArgumentException naming the parameter), as an argument and as a field (feature `validation`). See
// Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ValidationTests
    {
        internal static void Run()
        {
            Refuses(() => Conformance.SmallValue((Small)7), "Conformance.SmallValue argument 's': 7 is not a value of enum `Small`", "s", "SmallValue((Small)7)");
            Refuses(() => Conformance.ColorNext((Color)3), "Conformance.ColorNext argument 'c': 3 is not a value of enum `Color`", "c", "ColorNext((Color)3)");
            Refuses(() => Conformance.SignedFlip((Signed)5), "Conformance.SignedFlip argument 's': 5 is not a value of enum `Signed`", "s", "SignedFlip((Signed)5)");
            Refuses(() => Conformance.WideOther((Wide)2), "Conformance.WideOther argument 'w': 2 is not a value of enum `Wide`", "w", "WideOther((Wide)2)");
            Eq(Conformance.SmallValue(Small.B), (byte)2, "SmallValue(B) after refused values");
            var tagged = new Tagged((Color)9, new Meters(1));
            Refuses(() => Conformance.TaggedColor(tagged), "Conformance.TaggedColor argument 't': field `color`: 9 is not a value of enum `Color`", "t", "TaggedColor(color 9)");
            Refuses(() => Conformance.TaggedColorRef(tagged), "Conformance.TaggedColorRef argument 't': field `color`: 9 is not a value of enum `Color`", "t", "TaggedColorRef(color 9)");
            Eq(Conformance.TaggedColor(new Tagged(Color.Blue, new Meters(1))), 2, "TaggedColor(Blue)");
        }
    }
}
