// Records (fixture feature `records`): named, tuple and packed structs, fixed arrays in fields
// behind Get/Set accessors, every primitive in a field, fields named like keywords, records by
// value, methods on a value type. See Runner.cs.

using System;
using System.Runtime.InteropServices;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class RecordsTests
    {
        internal static void Run()
        {
            Structs();
            Methods();
        }

        private static void Structs()
        {
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
            Eq(Conformance.PackedSum(ref pk), 9UL + 0xDEADBEEFUL, "PackedSum(ref pk), the ref overload");

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
            Eq(Conformance.MatrixTrace(ref m), 8f, "MatrixTrace(ref m), the ref overload");
            Eq(m.M[2], 100f, "MatrixTrace(ref m) leaves m");
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
        }
    }
}
