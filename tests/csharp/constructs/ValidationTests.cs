// An enum value that is not one of its discriminants is undefined behaviour in Rust: the shim
// refuses it through the error channel, as an argument and as a field (feature `validation`). See
// Runner.cs.

using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ValidationTests
    {
        internal static void Run()
        {
            Panics(() => Conformance.SmallValue((Small)7), "panic in `small_value`: argument `s` of `small_value`: 7 is not a value of enum `Small`", "SmallValue((Small)7)");
            Panics(() => Conformance.ColorNext((Color)3), "panic in `color_next`: argument `c` of `color_next`: 3 is not a value of enum `Color`", "ColorNext((Color)3)");
            Panics(() => Conformance.SignedFlip((Signed)5), "panic in `signed_flip`: argument `s` of `signed_flip`: 5 is not a value of enum `Signed`", "SignedFlip((Signed)5)");
            Panics(() => Conformance.WideOther((Wide)2), "panic in `wide_other`: argument `w` of `wide_other`: 2 is not a value of enum `Wide`", "WideOther((Wide)2)");
            Eq(Conformance.SmallValue(Small.B), (byte)2, "SmallValue(B) after refused values");
            var tagged = new Tagged((Color)9, new Meters(1));
            Panics(() => Conformance.TaggedColor(tagged), "panic in `tagged_color`: argument `t` of `tagged_color`: field `color`: 9 is not a value of enum `Color`", "TaggedColor(color 9)");
            Panics(() => Conformance.TaggedColorRef(tagged), "panic in `tagged_color_ref`: argument `t` of `tagged_color_ref`: field `color`: 9 is not a value of enum `Color`", "TaggedColorRef(color 9)");
            Eq(Conformance.TaggedColor(new Tagged(Color.Blue, new Meters(1))), 2, "TaggedColor(Blue)");
        }
    }
}
