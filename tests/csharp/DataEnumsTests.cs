// Enums whose variants carry data, from C#: every function of the conformance fixture's `data_enums`
// feature through the generated bindings: one nested class per variant, `is` type patterns,
// value equality and ToString, payloads that own data (strings, arrays, nested enums), arrays and
// lists of enums, `ref` parameters, null refused with ArgumentNullException naming the parameter,
// invalid payloads refused by the library, panics, and the memory use of many round trips. Run on
// Mono and .NET 8 with the same output (tests/csharp/data_enums.rs). Prints "N passed, M failed";
// exits 1 when anything failed.
//   mcs -langversion:7.2 -unsafe -warnaserror -out:DataEnumsTests.exe DataEnumsTests.cs <bindings>.cs

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace DataEnumsTests
{
    internal static unsafe class Program
    {
        private const int MiB = 1024 * 1024;

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

        private static void Throws<E>(Action call, string part, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E e)
            {
                Check(e.Message.Contains(part), what + ": message \"" + e.Message + "\" lacks \"" + part + "\"");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
            Eq(*ConformanceNative.PanicPending, 0u, what + ": nothing pending");
        }

        /// <summary>What `is` type patterns say about a shape (Mono's mcs cannot compile `switch`
        /// type patterns, `case Shape.Circle c:`, which Roslyn compiles from C# 7.0 on).</summary>
        private static string Kind(Shape s)
        {
            if (s is Shape.Empty)
            {
                return "empty";
            }
            if (s is Shape.Circle c)
            {
                return "circle " + c.Item2;
            }
            if (s is Shape.Rect r)
            {
                return "rect " + (r.Max.X - r.Min.X);
            }
            if (s is Shape.Polygon p)
            {
                return "polygon " + p.Value.Length;
            }
            if (s is Shape.Label l)
            {
                return "label " + l.Text;
            }
            return "unknown";
        }

        private static void Payloads()
        {
            EnumPayload a = new EnumPayload.A();
            EnumPayload b = new EnumPayload.B(new Vec3f32(1, 2, 3));
            Conformance.Enums1(a);
            Eq(Conformance.Enums2(a), a, "enums_2 A");
            Eq(Conformance.Enums2(b), (EnumPayload)new EnumPayload.B(new Vec3f32(2, 4, 6)), "enums_2 B");
            Eq(Conformance.Enums2(new EnumPayload.C(21)), (EnumPayload)new EnumPayload.C(42), "enums_2 C");
            Eq(Conformance.Enums2(new EnumPayload.D(new Vec3f32(0.5f, 0, -1), true)),
               (EnumPayload)new EnumPayload.D(new Vec3f32(1, 0, -2), false), "enums_2 D");
            Eq(Conformance.Enums2(new EnumPayload.E(1, 2, 3)), (EnumPayload)new EnumPayload.E(2, 4, 6), "enums_2 E");

            EnumPayload c = new EnumPayload.C(5);
            EnumPayload back = Conformance.Enums3(ref c);
            Eq(c, (EnumPayload)new EnumPayload.C(10), "enums_3 writes back through ref");
            Eq(back, c, "enums_3 returns the new value");
            EnumPayload none = null;
            Throws<ArgumentNullException>(() => Conformance.Enums3(ref none), "x", "enums_3 null");

            Eq(Conformance.EnumsSum(new EnumPayload[] { a, b, new EnumPayload.C(42), new EnumPayload.E(1, 2, 3) }), 49u, "enums_sum");
            Eq(Conformance.EnumsSum(new List<EnumPayload>()), 0u, "enums_sum empty");
            Throws<ArgumentNullException>(() => Conformance.EnumsSum(new EnumPayload[] { a, null }), "xs", "enums_sum null element");
            Eq(Conformance.EnumsTag(new EnumPayload.E(0, 0, 0)), (byte)4, "enums_tag");
            Eq(Conformance.EnumsTag(null), (byte)99, "enums_tag null");

            Eq(Conformance.EnumRenamedNext(new EnumRenamed.Y(-8)), (EnumRenamed)new EnumRenamed.Y(-7), "renamed Y");
            Eq(Conformance.EnumRenamedNext(new EnumRenamed.X()), (EnumRenamed)new EnumRenamed.X(), "renamed X");

            // Value equality, operators, hashing and text.
            Check(new EnumPayload.C(1) == new EnumPayload.C(1), "== on equal variants");
            Check(new EnumPayload.C(1) != new EnumPayload.C(2), "!= on different fields");
            Check(!new EnumPayload.A().Equals(new EnumRenamed.X()), "different enums differ");
            Check((EnumPayload)new EnumPayload.A() != null, "!= null");
            EnumPayload n1 = null, n2 = null;
            Check(n1 == n2, "null == null");
            Eq(new EnumPayload.E(1, 2, 3).GetHashCode(), new EnumPayload.E(1, 2, 3).GetHashCode(), "hash of equal values");
            Eq(new EnumPayload.C(7).ToString(), "EnumPayload.C { Value = 7 }", "ToString C");
            Eq(new EnumPayload.A().ToString(), "EnumPayload.A", "ToString A");
            Eq(new EnumPayload.D(new Vec3f32(1, 2, 3), true).On, true, "struct variant property");
        }

        private static void Shapes()
        {
            Shape empty = new Shape.Empty();
            Shape label = new Shape.Label("gr\u00f6\u00dfe", new[] { "a", "b\u00e9" });
            Shape polygon = new Shape.Polygon(new[] { new Point(0, 0), new Point(4, 0), new Point(0, 3) });
            Eq(Conformance.ShapeArea(empty), 0.0, "area empty");
            Eq(Conformance.ShapeArea(new Shape.Circle(new Point(1, 2), 2)), 12.0, "area circle");
            Eq(Conformance.ShapeArea(new Shape.Rect(new Point(0, 0), new Point(2, 5))), 10.0, "area rect");
            Eq(Conformance.ShapeArea(polygon), 6.0, "area polygon");
            Eq(Conformance.ShapeDescribe(empty), "empty", "describe empty");
            Eq(Conformance.ShapeDescribe(new Shape.Circle(new Point(1, 2), 3)), "circle (1, 2) r=3", "describe circle");
            Eq(Conformance.ShapeDescribe(label), "label \"gr\u00f6\u00dfe\" [a, b\u00e9]", "describe label");
            Eq(Conformance.ShapeDescribe(polygon), "polygon of 3", "describe polygon");
            Throws<ArgumentNullException>(() => Conformance.ShapeArea(null), "s", "null shape");
            Throws<ArgumentNullException>(() => Conformance.ShapeDescribe(new Shape.Label(null, new string[0])), "s", "null string in a variant");

            Eq(Conformance.ShapeScale(label, 2), (Shape)new Shape.Label("gr\u00f6\u00dfe", new[] { "a", "b\u00e9", "2" }), "scale label");
            Eq(Conformance.ShapeScale(polygon, 0.5), (Shape)new Shape.Polygon(new[] { new Point(0, 0), new Point(2, 0), new Point(0, 1.5) }), "scale polygon");
            Eq(Conformance.ShapeScale(new Shape.Circle(new Point(1, 1), 1), 3), (Shape)new Shape.Circle(new Point(3, 3), 3), "scale circle");

            Shape[] all = Conformance.ShapesAll();
            Eq(all.Length, 5, "shapes_all length");
            string kinds = "";
            foreach (Shape s in all)
            {
                kinds += Kind(s) + ";";
            }
            Eq(kinds, "empty;circle 3;rect 2;polygon 3;label gr\u00f6\u00dfe \u2713;", "is type patterns");
            Eq(((Shape.Label)all[4]).Tags.Length, 2, "label tags");
            Eq(Conformance.ShapesTotalArea(all), 43.0, "shapes_total_area of the returned shapes");
            Eq(Conformance.ShapesTotalArea(new Shape[0]), 0.0, "shapes_total_area empty");
            Check(all[1].Equals(new Shape.Circle(new Point(1, 2), 3)), "returned circle equals");
            Eq(new Shape.Label("hi", new[] { "a", "b" }).ToString(), "Shape.Label { Text = \"hi\", Tags = [\"a\", \"b\"] }", "ToString label");

            Throws<RustPanicException>(() => Conformance.ShapePanic(7), "shape panic 7", "shape_panic");
        }

        private static void Events()
        {
            Eq(Conformance.EventEcho(new Event.Key(41, "enter")), (Event)new Event.Key(42, "enter"), "key");
            Eq(Conformance.EventEcho(new Event.Draw(new Shape.Rect(new Point(1, 1), new Point(2, 3)))),
               (Event)new Event.Draw(new Shape.Rect(new Point(2, 2), new Point(4, 6))), "draw");
            Eq(Conformance.EventEcho(new Event.Payload(new EnumPayload.C(5))), (Event)new Event.Payload(new EnumPayload.C(5)), "payload");
            Eq(Conformance.EventEcho(new Event.Batch(new Shape[] { new Shape.Circle(new Point(0, 0), 1), new Shape.Empty() })),
               (Event)new Event.Batch(new Shape[] { new Shape.Circle(new Point(0, 0), 2), new Shape.Empty() }), "batch");
            Throws<ArgumentNullException>(() => Conformance.EventEcho(new Event.Draw(null)), "e", "null nested enum");

            Event[] made = Conformance.EventsMake(2);
            Eq(made.Length, 2, "events_make length");
            Eq(made[0], (Event)new Event.Draw(new Shape.Circle(new Point(0, 0), 2)), "events_make draw");
            Event.Payload p = made[1] as Event.Payload;
            Check(p != null && p.Value is EnumPayload.B, "events_make payload B");
        }

        private static void Layers()
        {
            Layer layer = Conformance.LayerMake("top");
            Eq(layer.Name, "top", "layer name");
            Check(layer.Focus is Shape.Label, "layer focus");
            Eq(layer.Shapes.Length, 5, "layer shapes");
            Eq(Conformance.LayerArea(layer), 43.0, "layer_area of the returned layer");
            Layer mine = new Layer("by hand", new Shape.Circle(new Point(0, 0), 1), new Shape[] { new Shape.Rect(new Point(0, 0), new Point(3, 3)) });
            Eq(Conformance.LayerArea(mine), 12.0, "layer_area by hand");
            Check(layer.Equals(Conformance.LayerMake("top")), "layers are equal by value");
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        /// <summary>Resident memory after <paramref name="count"/> calls, minus before, after a
        /// warm-up of five times as many: .NET 8's GC grows its heap to the generation-0 budget
        /// (tens of MB here) before it reuses it, which a short warm-up would count as growth
        /// (Mono stays flat: the native side is freed either way).</summary>
        private static long Growth(int count, Action roundTrip)
        {
            for (int i = 0; i < count * 5; i++)
            {
                roundTrip();
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = ResidentBytes();
            for (int i = 0; i < count; i++)
            {
                roundTrip();
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            return ResidentBytes() - before;
        }

        private static void Memory(int count)
        {
            Shape label = new Shape.Label("round trip \u00e9", new[] { "a", "b" });
            Event batch = new Event.Batch(new Shape[] { label, new Shape.Polygon(new[] { new Point(1, 2) }) });
            long s = Growth(count, () => Conformance.ShapeScale(label, 2));
            long e = Growth(count, () => Conformance.EventEcho(batch));
            Check(s < 5 * MiB, "Shape round trips grew RSS by " + s + " bytes");
            Check(e < 5 * MiB, "Event round trips grew RSS by " + e + " bytes");
        }

        private static int Main(string[] args)
        {
            Payloads();
            Shapes();
            Events();
            Layers();
            Memory(args.Length > 0 ? int.Parse(args[0]) : 20000);
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
