// Feature `arrays`: arrays of records in fields, references to arrays as C# arrays. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ArraysTests
    {
        internal static void Run()
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
    }
}
