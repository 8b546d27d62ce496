// The C# conformance test: calls every function of tests/fixtures/conformance through the generated
// bindings (namespace Interop.Conformance, class Conformance) and checks every result.
// Compiled together with the bindings (so the internal raw layer is reachable for the NULL tests):
//   mcs -langversion:7.2 -unsafe -warnaserror -out:Conformance.exe Conformance.cs <bindings>.cs
// Prints one line per failure and "N passed, M failed"; exits 1 when anything failed.

using System;
using System.Runtime.InteropServices;
using Interop.Conformance;

namespace ConformanceTests
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
            bool ok = Equals(actual, expected);
            Check(ok, what + ": expected " + expected + ", got " + actual);
        }

        private static void Near(double actual, double expected, string what)
        {
            Check(System.Math.Abs(actual - expected) < 1e-5, what + ": expected " + expected + ", got " + actual);
        }

        /// <summary>Runs <paramref name="call"/>, which must throw RustPanicException with exactly
        /// <paramref name="message"/>; afterwards nothing may be pending.</summary>
        private static void Panics(Action call, string message, string what)
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (RustPanicException e)
            {
                Eq(e.Message, message, what + " message");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
            Eq(*ConformanceNative.PanicPending, 0u, what + ": pending counter back to 0");
        }

        private static int Main()
        {
            try
            {
                Constants();
                Primitives();
                Structs();
                Enums();
                Pointers();
                Methods();
                Panics();
                Misc();
                ReturnedReferences();
                Accessors();
                PackedByValue();
                DocControls();
                Arrays();
                InvalidValues();
                Handles();
                CStrings();
            }
            catch (Exception e)
            {
                Check(false, "unexpected exception: " + e);
            }
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Constants()
        {
            Eq(Conformance.MaxPlayers, 16u, "MaxPlayers");
            Eq(Conformance.Computed, 1UL << 40, "Computed");
            Eq(Conformance.Negative, -42, "Negative");
            Eq(Conformance.Big, ulong.MaxValue, "Big");
            // MIN_I64 keeps its Rust name: `MinI64` is the function min_i64.
            Eq(Conformance.MIN_I64, long.MinValue, "MIN_I64");
            Eq(Conformance.PiIsh, 3.14159, "PiIsh");
            Eq(Conformance.Half, 0.5f, "Half");
            Eq(Conformance.Enabled, true, "Enabled");
            Eq(Conformance.RenamedConst, (byte)7, "RenamedConst");
            Eq(Interop.Conformance.Math.Tau, 6.283185307179586, "Math.Tau");
        }

        private static void Primitives()
        {
            Conformance.Noop();
            Eq(Conformance.AddU8(250, 10), (byte)4, "AddU8 wraps");
            Eq(Conformance.AddU16(65535, 2), (ushort)1, "AddU16 wraps");
            Eq(Conformance.AddU32(uint.MaxValue, 1), 0u, "AddU32 wraps");
            Eq(Conformance.AddU64(ulong.MaxValue, 2), 1UL, "AddU64 wraps");
            Eq(Conformance.AddUsize(ulong.MaxValue, 1), 0UL, "AddUsize wraps");
            Eq(Conformance.AddUsize(40, 2), 42UL, "AddUsize");
            Eq(Conformance.AddI8(127, 1), (sbyte)-128, "AddI8 wraps");
            Eq(Conformance.AddI16(-5, 3), (short)-2, "AddI16");
            Eq(Conformance.AddI32(int.MaxValue, 1), int.MinValue, "AddI32 wraps");
            Eq(Conformance.AddI64(long.MinValue, -1), long.MaxValue, "AddI64 wraps");
            Eq(Conformance.AddIsize(-10, 3), -7L, "AddIsize");
            Eq(Conformance.AddF32(1.5f, 2.25f), 3.75f, "AddF32");
            Eq(Conformance.AddF64(0.5, 0.25), 0.75, "AddF64");
            Eq(Conformance.Negate(true), false, "Negate(true)");
            Eq(Conformance.Negate(false), true, "Negate(false)");
            Eq(Conformance.MaxU64(), ulong.MaxValue, "MaxU64");
            Eq(Conformance.MinI64(), long.MinValue, "MinI64");
        }

        private static void Structs()
        {
            Vec2f32 d = Conformance.MyGameFunction(new Vec2f32(1, 2, 3));
            Eq(d.X, 2f, "MyGameFunction.X");
            Eq(d.Y, 4f, "MyGameFunction.Y");
            Eq(d.Z, 6f, "MyGameFunction.Z");
            Vec2f32 n = Conformance.MyGameFunction(null);
            Check(n.X == 2 && n.Y == 4 && n.Z == 6, "MyGameFunction(null) = (2, 4, 6)");

            Pair p = Conformance.PairScale(new Pair(21, -5));
            Eq(p.Item0, 42, "PairScale.Item0");
            Eq(p.Item1, -15L, "PairScale.Item1");

            Eq(Marshal.SizeOf(typeof(Packed)), 5, "sizeof(Packed)");
            Eq(sizeof(Packed), 5, "unmanaged sizeof(Packed)");
            Packed pk = Conformance.PackedMake(9, 0xDEADBEEF);
            Eq(pk.Tag, (byte)9, "PackedMake.Tag");
            Eq(pk.Value, 0xDEADBEEFu, "PackedMake.Value");
            Eq(Conformance.PackedSum(pk), 9UL + 0xDEADBEEFUL, "PackedSum");
            Eq(Conformance.PackedSum(new Packed(1, 2)), 3UL, "PackedSum(1, 2)");

            Matrix id = Conformance.MatrixIdentity();
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    Eq(id.GetM(i, j), i == j ? 1f : 0f, "MatrixIdentity[" + i + "," + j + "]");
                }
            }
            Eq(Conformance.MatrixTrace(id), 3f, "MatrixTrace(identity)");
            Matrix m = new Matrix();
            m.SetM(0, 0, 1.5f);
            m.SetM(1, 1, 2.5f);
            m.SetM(2, 2, 4f);
            m.SetM(0, 2, 100f);
            Eq(m.M[2], 100f, "Matrix row-major flattening");
            Eq(Conformance.MatrixTrace(m), 8f, "MatrixTrace");
            try
            {
                m.GetM(3, 0);
                Check(false, "GetM(3, 0) throws");
            }
            catch (IndexOutOfRangeException)
            {
                Check(true, "GetM(3, 0) throws");
            }
            Eq(sizeof(Matrix), 36, "sizeof(Matrix)");

            Interop.Conformance.Buffer b = new Interop.Conformance.Buffer();
            for (int i = 0; i < 8; i++)
            {
                b.SetBytes(i, (byte)(10 * (i + 1)));
            }
            b.Len = 3;
            Eq(Conformance.BufferSum(b), 60u, "BufferSum(first 3)");
            b.Len = 8;
            Eq(Conformance.BufferSum(b), 360u, "BufferSum(all 8)");
            Eq(b.GetBytes(7), (byte)80, "Buffer.GetBytes");
            Eq(sizeof(Interop.Conformance.Buffer), 9, "sizeof(Buffer)");

            var prims = new Interop.Conformance.Primitives(false, 1, 2, 3, 4, 5, -6, -7, -8, -9, -10, 1.5f, 2.5);
            var bumped = Conformance.PrimitivesBump(prims);
            Eq(bumped.Flag, true, "PrimitivesBump.Flag");
            Eq(bumped.U8, (byte)2, "PrimitivesBump.U8");
            Eq(bumped.U16, (ushort)3, "PrimitivesBump.U16");
            Eq(bumped.U32, 4u, "PrimitivesBump.U32");
            Eq(bumped.U64, 5UL, "PrimitivesBump.U64");
            Eq(bumped.USize, 6UL, "PrimitivesBump.USize");
            Eq(bumped.I8, (sbyte)-5, "PrimitivesBump.I8");
            Eq(bumped.I16, (short)-6, "PrimitivesBump.I16");
            Eq(bumped.I32, -7, "PrimitivesBump.I32");
            Eq(bumped.I64, -8L, "PrimitivesBump.I64");
            Eq(bumped.ISize, -9L, "PrimitivesBump.ISize");
            Eq(bumped.F32, 2.5f, "PrimitivesBump.F32");
            Eq(bumped.F64, 3.5, "PrimitivesBump.F64");
            Eq(Conformance.PrimitivesBump(bumped).Flag, false, "PrimitivesBump twice: Flag");
            Eq(sizeof(Interop.Conformance.Primitives), 64, "sizeof(Primitives)");

            Eq(Conformance.KeywordsSum(1, 1, 1, 1, 1, 1, 1, 1, 1), 45, "KeywordsSum(all 1)");
            Eq(Conformance.KeywordsSum(@new: 1, lambda: 0, @class: 0, from: 0, @params: 0, @object: 0, @string: 0, @event: 0, @int: 0), 9, "KeywordsSum(new only)");
            var k = Conformance.KeywordsNegate(new Keywords(1, 2, 3, 4, 5, 6, 7, 8, 9));
            Check(k.Lambda == -1 && k.Class == -2 && k.From == -3 && k.Params == -4 && k.Object == -5
                && k.String == -6 && k.Event == -7 && k.Int == -8 && k.New == -9, "KeywordsNegate");

            Tagged t = Conformance.TaggedMake(Color.Blue, new Meters(2.5));
            Eq(t.Color, Color.Blue, "TaggedMake.Color");
            Eq(t.Distance.Item0, 2.5, "TaggedMake.Distance");
            Eq(Conformance.MetersAdd(new Meters(1.25), new Meters(2)).Item0, 3.25, "MetersAdd");

            Eq(Conformance.RenamedFunction(new Renamed(41)), 42u, "RenamedFunction(Renamed)");
        }

        private static void Enums()
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

        private static void Pointers()
        {
            var v = new Vec2f32(1, -2, 3);
            Conformance.VecDoubleInPlace(ref v);
            Check(v.X == 2 && v.Y == -4 && v.Z == 6, "VecDoubleInPlace");

            Vec2f32? maybe = new Vec2f32(5, 5, 5);
            Eq(Conformance.VecReset(ref maybe), true, "VecReset(some)");
            Check(maybe.HasValue && maybe.Value.X == 1 && maybe.Value.Y == 1 && maybe.Value.Z == 1, "VecReset wrote (1, 1, 1)");
            Vec2f32? none = null;
            Eq(Conformance.VecReset(ref none), false, "VecReset(null)");
            Check(!none.HasValue, "VecReset(null) leaves null");

            Eq(Conformance.VecX(new Vec2f32(7.5f, 0, 0)), 7.5f, "VecX");

            // NULL for `&T` is not expressible in the public layer; through the raw layer it is an
            // error (not undefined behaviour) reported on the panic channel.
            float x = ConformanceNative.vec_x(null);
            Eq(x, 0f, "raw vec_x(NULL) returns the panic value 0");
            Check(*ConformanceNative.PanicPending != 0, "raw vec_x(NULL) leaves a pending error");
            Panics(() => ConformanceNative.ThrowPendingPanic(), "panic in `vec_x`: argument `v` of `vec_x` must not be null", "vec_x(NULL)");

            Node* nodes = stackalloc Node[3];
            nodes[2] = new Node(30, null);
            nodes[1] = new Node(20, &nodes[2]);
            nodes[0] = new Node(10, &nodes[1]);
            Eq(Conformance.ListSum(&nodes[0]), 60, "ListSum");
            Eq(Conformance.ListSum(null), 0, "ListSum(null)");

            int[] values = { 1, 2, 3, int.MaxValue };
            fixed (int* pv = values)
            {
                Eq(Conformance.SumRaw(pv, 4), 6L + int.MaxValue, "SumRaw");
                Eq(Conformance.SumRaw(pv, 0), 0L, "SumRaw(len 0)");
            }
            Eq(Conformance.SumRaw(null, 3), 0L, "SumRaw(null)");

            byte[] buf = new byte[6];
            fixed (byte* pb = buf)
            {
                Conformance.FillRaw(pb + 1, 4, 0xAB);
            }
            Check(buf[0] == 0 && buf[1] == 0xAB && buf[4] == 0xAB && buf[5] == 0, "FillRaw");
            Conformance.FillRaw(null, 4, 1);

            int local = 5;
            Eq(Conformance.IsNull(null), true, "IsNull(null)");
            Eq(Conformance.IsNull(&local), false, "IsNull(&local)");
        }

        private static void Methods()
        {
            // Value type: static associated function, &self, &mut self, self.
            Vec2f32 z = Vec2f32.Zero();
            Check(z.X == 0 && z.Y == 0 && z.Z == 0, "Vec2f32.Zero");
            var v = new Vec2f32(3, 4, 12);
            Eq(v.Length(), 13f, "Vec2f32.Length");
            v.Scale(2);
            Check(v.X == 6 && v.Y == 8 && v.Z == 24, "Vec2f32.Scale mutates in place");
            Eq(v.Sum(), 38f, "Vec2f32.Sum");

            // Opaque type: a handle struct.
            Counter c = Counter.New(10);
            Check(!c.IsNull, "Counter.New not null");
            Eq(c.Get(), 10UL, "Counter.Get");
            Eq(c.Increment(5), 15UL, "Counter.Increment");
            Eq(c.Increment(ulong.MaxValue), 14UL, "Counter.Increment wraps");
            Eq(c.Get(), 14UL, "Counter.Get after increments");
            Eq(c.Increments(), 2UL, "Counter.Increments");
            Counter same = new Counter(c.Handle);
            Check(same == c && same.Equals(c) && !(same != c), "Counter handle equality");
            Counter.Destroy(c);
            Counter.Destroy(default(Counter));

            // A NULL handle for `&self` is an error, not undefined behaviour.
            Panics(() => default(Counter).Get(), "panic in `counter_get`: argument `self` of `counter_get` must not be null", "default(Counter).Get()");
        }

        private static void Panics()
        {
            Eq(Conformance.PanicIf(false), 7u, "PanicIf(false)");
            Panics(() => Conformance.PanicIf(true), "panic in `panic_if`: boom: requested panic", "PanicIf(true)");
            Eq(Conformance.PanicIf(false), 7u, "PanicIf(false) after a panic");
            Panics(() => Conformance.PanicStruct(42), "panic in `panic_struct`: struct panic 42", "PanicStruct(42)");
            Panics(() => Conformance.PanicEnum(5), "panic in `panic_enum`: enum panic 5", "PanicEnum(5)");
            // Thrown by the call that panicked, not by the next one.
            bool thrown = false;
            try
            {
                Conformance.PanicIf(true);
            }
            catch (RustPanicException)
            {
                thrown = true;
            }
            Check(thrown, "the panicking call throws");
            Eq(Conformance.AddU32(1, 2), 3u, "a call after a panic succeeds");
        }

        private static void Misc()
        {
            Eq(Conformance.RenamedFunction(new Renamed(0)), 1u, "RenamedFunction");
            Eq(Conformance.ExplicitSymbol(), 5u, "ExplicitSymbol (symbol cf_explicit_symbol)");
            Eq(Interop.Conformance.Math.Clamp(5, 0, 2), 2.0, "Math.Clamp high");
            Eq(Interop.Conformance.Math.Clamp(-5, 0, 2), 0.0, "Math.Clamp low");
            Near(Interop.Conformance.Math.Clamp(1.5, 0, 2), 1.5, "Math.Clamp inside");
            Eq(Conformance.DocEdgeCases(), 1u, "DocEdgeCases");
            Eq(Conformance.HiddenAnswer(), 42u, "HiddenAnswer (private module)");
            Eq(Conformance.DepDouble(21), 42u, "DepDouble (dependency crate)");
            Eq(Conformance.ExtraAnswer(), 99u, "ExtraAnswer (crate linked through `use as _`)");
        }

        // Feature `returned_references`: `Option<&T>` returns are copies (`T?`), never pointers.
        private static void ReturnedReferences()
        {
            var a = new Big(1, 2, 3, 4);
            var b = new Big(5, 6, 7, 8);
            Big? first = Conformance.Pick(a, b, 0);
            Big? second = Conformance.Pick(a, b, 1);
            // Further calls reuse whatever stack the earlier ones used: the results must not change.
            Conformance.Pick(new Big(9, 9, 9, 9), new Big(9, 9, 9, 9), 0);
            Conformance.AddU64(ulong.MaxValue, ulong.MaxValue);
            Check(first.HasValue && first.Value.A == 1 && first.Value.B == 2 && first.Value.C == 3 && first.Value.D == 4, "Pick(a, b, 0) is a copy of a");
            Check(second.HasValue && second.Value.A == 5 && second.Value.D == 8, "Pick(a, b, 1) is a copy of b");
            Check(!Conformance.Pick(a, b, 2).HasValue, "Pick(a, b, 2) is null");
            Big? origin = Conformance.BigOrigin();
            Check(origin.HasValue && origin.Value.A == 1 && origin.Value.D == 4, "BigOrigin() copies the library's value");
            Eq(Conformance.PickFlag(true, true), (bool?)true, "PickFlag(true, true)");
            Eq(Conformance.PickFlag(false, true), (bool?)false, "PickFlag(false, true)");
            Check(!Conformance.PickFlag(true, false).HasValue, "PickFlag(true, false) is null");
            Eq(Conformance.PickLen(ulong.MaxValue, true), (ulong?)ulong.MaxValue, "PickLen(max, true)");
            Check(!Conformance.PickLen(1, false).HasValue, "PickLen(1, false) is null");
            var big = new Big(1, 0, 0, 0);
            Big? bumped = Conformance.BumpAndPick(ref big, true);
            Eq(big.A, 11UL, "BumpAndPick changed the argument");
            Check(bumped.HasValue && bumped.Value.A == 11, "BumpAndPick returned its value");
            big.A = 99;
            Eq(bumped.Value.A, 11UL, "the returned value is a copy");
            Check(!Conformance.BumpAndPick(ref big, false).HasValue && big.A == 109, "BumpAndPick(false) is null");
        }

        // Feature `accessors`: a getter named like its field becomes Get<Field>().
        private static void Accessors()
        {
            var s = new Size(3, 0.5f);
            Eq(s.Width, 3f, "Size.Width (field)");
            Eq(s.GetWidth(), 3f, "Size.GetWidth()");
            Eq(s.Height, 0.5f, "Size.Height (field)");
            Eq(s.GetHeight(), 1f, "Size.GetHeight() (at least 1)");
            Eq(s.Area(), 1.5f, "Size.Area()");
        }

        // Feature `packed_by_value`: packed structs passed by value (on the stack on x86-64 System V).
        private static void PackedByValue()
        {
            Eq(Conformance.PackedByValue(new Packed(7, 9)), 7009UL, "PackedByValue");
            Eq(Conformance.PackedBetween(1, new Packed(7, 9), 3), 301007009UL, "PackedBetween");
            Eq(Conformance.PackedCrowded(1, new Packed(2, 3), 4, 5, 6, 7, 8, 9, new Packed(10, 11), 0.5), 66.5, "PackedCrowded");
            Packed bumped = Conformance.PackedBump(new Packed(255, 0xFFFFFFFF));
            Check(bumped.Tag == 0 && bumped.Value == 0, "PackedBump wraps both fields");
            bumped = Conformance.PackedBump(new Packed(1, 41));
            Check(bumped.Tag == 2 && bumped.Value == 42, "PackedBump");
            Eq(new Packed(200, 100000).Total(), 100200UL, "Packed.Total (self by value)");
        }

        // Feature `doc_controls`: control characters in doc comments (the bindings compile with -doc).
        private static void DocControls()
        {
            Eq(Conformance.DocControls(), 3u, "DocControls");
        }

        // Feature `arrays`: arrays of records in fields, references to arrays as C# arrays.
        private static void Arrays()
        {
            Eq(sizeof(Row), 14, "sizeof(Row) (the cells start at offset 2)");
            Row made = Conformance.RowMake(7);
            Eq(made.Id, (byte)7, "RowMake.Id");
            Check(made.GetCells(0).Alive && !made.GetCells(1).Alive && made.GetCells(2).Alive, "RowMake cells alive, dead, alive");
            Eq(made.GetCells(2).Age, (ushort)3, "RowMake.GetCells(2).Age");
            Eq(Conformance.RowScore(made), 602u, "RowScore(RowMake)");
            var row = new Row();
            row.SetCells(0, new Cell(true, 10));
            row.SetCells(2, new Cell(true, 1));
            Eq(Conformance.RowScore(row), 1102u, "RowScore(set cells)");
            try
            {
                row.GetCells(3);
                Check(false, "GetCells(3) throws");
            }
            catch (IndexOutOfRangeException)
            {
                Check(true, "GetCells(3) throws");
            }

            Eq(Conformance.BytesWeighted(new byte[] { 1, 2, 3, 4 }), 30u, "BytesWeighted");
            var bytes = new byte[] { 0, 1, 254, 255 };
            Conformance.BytesBump(bytes);
            Check(bytes[0] == 1 && bytes[1] == 2 && bytes[2] == 255 && bytes[3] == 0, "BytesBump writes into the array");
            Eq(Conformance.BlockWeighted(new short[,] { { 1, 2, 3 }, { 4, 5, 6 } }), 91, "BlockWeighted (row-major)");
            Eq(Conformance.MaybeWeighted(new byte[] { 1, 0, 0, 1 }), 5L, "MaybeWeighted");
            Eq(Conformance.MaybeWeighted(null), -1L, "MaybeWeighted(null)");
            Eq(Conformance.MaybeBlock(new short[,] { { 1, 0, 0 }, { 0, 0, 1 } }), 7L, "MaybeBlock");
            Eq(Conformance.MaybeBlock(null), -1L, "MaybeBlock(null)");
            Eq(Conformance.FlagsCount(new[] { true, false, true }), (byte)2, "FlagsCount");
            var cells = new[] { new Cell(true, 1), new Cell(false, 2), new Cell(true, 3) };
            Conformance.CellsAge(cells);
            Check(cells[0].Age == 2 && cells[1].Age == 3 && cells[2].Age == 4 && !cells[1].Alive, "CellsAge writes into the array");
            Throws<ArgumentException>(() => Conformance.BytesWeighted(new byte[3]), "BytesWeighted(3 bytes)");
            Throws<ArgumentException>(() => Conformance.BlockWeighted(new short[3, 2]), "BlockWeighted(3 x 2)");
            Throws<ArgumentNullException>(() => Conformance.BytesWeighted(null), "BytesWeighted(null)");
            var raw = new byte[4];
            fixed (byte* p = raw)
            {
                Conformance.BytesFillRaw(p, 9);
            }
            Check(raw[0] == 9 && raw[3] == 9, "BytesFillRaw through a byte*");
        }

        private static void Throws<E>(Action call, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E)
            {
                Check(true, what);
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType());
            }
        }

        // An enum value that is not one of its discriminants is undefined behaviour in Rust: the shim
        // refuses it through the error channel, as an argument and as a field (feature `validation`).
        private static void InvalidValues()
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

        // Feature `handles`: a type with a destructor; a second destroy is an exception, not a double free.
        private static void Handles()
        {
            Session s = Session.Open();
            Eq(s.Hit(), 1u, "Session.Hit");
            Eq(s.Hit(), 2u, "Session.Hit again");
            Session copy = s;
            Session.Close(s);
            Throws<ObjectDisposedException>(() => Session.Close(s), "Session.Close twice");
            Throws<ObjectDisposedException>(() => Session.Close(copy), "Session.Close of a copy");
            Session.Close(default(Session));
            Session.Close(default(Session));
            // The allocator may hand the same address out again: a returned handle is live.
            for (int i = 0; i < 100; i++)
            {
                Session t = Session.Open();
                Eq(t.Hit(), 1u, "a new session starts at 0");
                Session.Close(t);
            }
            Throws<ObjectDisposedException>(() => Session.Close(s), "Session.Close of a closed session, later");
        }

        // Feature `c_strings`: `*const c_char` parameters are strings (NUL-terminated UTF-8 copies),
        // `*mut c_char` buffers and returned C strings are `byte*`.
        private static void CStrings()
        {
            Eq(Conformance.CStrlen("hello"), 5L, "CStrlen(hello)");
            Eq(Conformance.CStrlen("h\u00e9llo \u263a"), 10L, "CStrlen counts UTF-8 bytes");
            Eq(Conformance.CStrlen(""), 0L, "CStrlen(empty)");
            Eq(Conformance.CStrlen(null), -1L, "CStrlen(null) passes NULL");
            Eq(Conformance.CByteSum("AB"), 131u, "CByteSum(AB)");
            Eq(Conformance.CByteSum("\u00e9"), 0xC3u + 0xA9u, "CByteSum(e acute) is the UTF-8 bytes");
            Throws<ArgumentException>(() => Conformance.CStrlen("a\0b"), "CStrlen(a NUL b)");
            Throws<ArgumentException>(() => Conformance.CStrlen("\ud800"), "CStrlen(lone surrogate)");
            byte* buffer = stackalloc byte[4];
            Eq(Conformance.CWriteHi(buffer, 4), true, "CWriteHi");
            Check(buffer[0] == (byte)'h' && buffer[1] == (byte)'i' && buffer[2] == 0, "CWriteHi wrote hi");
            Eq(Conformance.CWriteHi(buffer, 2), false, "CWriteHi without room");
            byte* greeting = Conformance.CGreeting();
            Check(greeting[0] == (byte)'h' && greeting[4] == (byte)'o' && greeting[5] == 0, "CGreeting is a C string");
        }
    }
}
