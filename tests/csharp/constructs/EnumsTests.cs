// C-like enums (fixture feature `enums`): the width of each Rust repr, explicit, negative, 64-bit
// and sparse discriminants, variants named like keywords. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class EnumsTests
    {
        internal static void Run()
        {
            Eq(Conformance.ColorNext(Color.Red), Color.Green, "ColorNext(Red)");
            Eq(Conformance.ColorNext(Color.Blue), Color.Red, "ColorNext(Blue)");
            Eq((int)Color.Blue, 2, "Color.Blue value");
            Eq(Conformance.SmallValue(Small.C), (byte)255, "SmallValue(C)");
            Eq(Conformance.SmallValue(Small.A), (byte)1, "SmallValue(A)");
            Eq(sizeof(Small), 1, "sizeof(Small)");
            Eq(Conformance.SignedFlip(Signed.MinusOne), Signed.Big, "SignedFlip(MinusOne)");
            Eq(Conformance.SignedFlip(Signed.Big), Signed.MinusOne, "SignedFlip(Big)");
            Eq(Conformance.SignedFlip(Signed.Min), Signed.Zero, "SignedFlip(Min)");
            Eq((short)Signed.Min, (short)-32768, "Signed.Min value");
            Eq((ulong)Wide.Huge, 18446744073709551615UL, "Wide.Huge value");
            Eq(Conformance.WideOther(Wide.Small), Wide.Huge, "WideOther(Small)");
            Eq(Conformance.WideOther(Wide.Huge), Wide.Small, "WideOther(Huge)");
            Eq(sizeof(Wide), 8, "sizeof(Wide)");
            Eq((int)Sequence.B, 6, "Sequence.B = 6");
            Eq((int)Sequence.D, 11, "Sequence.D = 11");
            Eq(Conformance.SequenceNext(Sequence.B), Sequence.C, "SequenceNext(B)");
            Eq(Conformance.SequenceNext(Sequence.D), Sequence.A, "SequenceNext(D)");
            Eq(Conformance.ModeCode(Mode.None), 100u, "ModeCode(None)");
            Eq(Conformance.ModeCode(Mode.True), 101u, "ModeCode(True)");
            Eq(Conformance.ModeCode(Mode.Default), 102u, "ModeCode(Default)");
        }
    }
}
