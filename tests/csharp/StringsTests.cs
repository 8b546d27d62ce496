// Strings, slices, vectors and records that own them, from C#: every function of the conformance
// fixture's `strings` feature through the generated bindings, with empty, non-ASCII and 1 MiB data,
// spans and arrays (pinned: the callee sees the caller's memory), the bad input the bindings refuse
// before the call (lone surrogates, NUL in C strings, null) and what the library refuses (checked bools
// and enums), panics, and the memory use of many round trips. Run on Mono and .NET 8 with the same
// output (tests/csharp/strings.rs). Prints "N passed, M failed"; exits 1 when anything failed.
//   mcs -langversion:7.2 -unsafe -warnaserror -out:StringsTests.exe StringsTests.cs <bindings>.cs

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace StringsTests
{
    internal static unsafe class Program
    {
        private const int MiB = 1024 * 1024;
        private const string Text = "h\u00e9llo \u65e5\u672c \ud83e\udd80";

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

        private static void SeqEq<T>(T[] actual, T[] expected, string what)
        {
            bool ok = actual != null && actual.Length == expected.Length;
            for (int i = 0; ok && i < actual.Length; i++)
            {
                ok = Equals(actual[i], expected[i]);
            }
            Check(ok, what + ": expected [" + string.Join(", ", expected) + "], got [" + (actual == null ? "null" : string.Join(", ", actual)) + "]");
        }

        /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="E"/> whose
        /// message contains <paramref name="part"/>.</summary>
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

        private static void CStrings()
        {
            Eq(Conformance.CStrLen("h\u00e9llo"), 6u, "c_str_len");
            Eq(Conformance.CStrLen(""), 0u, "c_str_len empty");
            Eq(Conformance.CStrEmpty(), "", "c_str_empty");
            Eq(Conformance.CStrVersion(), "1.2.3-\u00e9", "c_str_version");
            Eq(Conformance.CStrByteAt("abc", 1), (byte)'b', "c_str_byte_at");
            Eq(Conformance.CStrByteAt("abc", 9), (byte)0, "c_str_byte_at past the end");
            Throws<ArgumentException>(() => Conformance.CStrLen("a\0b"), "NUL at index 1", "interior NUL");
            Throws<ArgumentNullException>(() => Conformance.CStrLen(null), "s", "null C string");
        }

        private static void Strings()
        {
            Eq(Conformance.StringEcho(Text), Text, "string_echo");
            Eq(Conformance.StringEcho(""), "", "string_echo empty");
            Eq(Conformance.StringLen("\u00e9"), 2u, "string_len");
            Eq(Conformance.StringMake(), "pattern_string_3", "string_make");
            Conformance.StringConsume("dropped");
            Conformance.StrIgnore("ignored");
            Eq(Conformance.StrCharCount("\u00e9\u65e5\u672c\ud83e\udd80"), 4u, "str_char_count");
            Eq(Conformance.StrCharCount(""), 0u, "str_char_count empty");
            Eq(Conformance.StrByteLen(Text), (ulong)System.Text.Encoding.UTF8.GetByteCount(Text), "str_byte_len");
            Eq(Conformance.StrUpper("stra\u00dfe"), "STRASSE", "str_upper");
            Eq(Conformance.StrConcat("a", " - ", "\u00e9"), "a - \u00e9", "str_concat");
            Eq(Conformance.StringReverse("\u65e5\u672c"), "\u672c\u65e5", "string_reverse");
            Eq(Conformance.StringEmpty(), "", "string_empty");
            // Long strings go through a pooled buffer, short ones through the stack.
            string big = Conformance.StrRepeat("ab", MiB / 2);
            Eq(big.Length, MiB, "str_repeat 1 MiB");
            Check(big.StartsWith("abab") && big.EndsWith("b"), "str_repeat content");
            Eq(Conformance.StrByteLen(big), (ulong)MiB, "str_byte_len 1 MiB");
            Eq(Conformance.StrCharCount(new string('\u00e9', MiB)), (uint)MiB, "str_char_count 1 MiB of \u00e9");
            Eq(Conformance.StringEcho(big), big, "string_echo 1 MiB");
            Eq(Conformance.StrCharCount(new string('x', 257)), 257u, "str_char_count 257 (pooled)");
            Eq(Conformance.StringOrPanic(false), "ok", "string_or_panic(false)");
            Throws<RustPanicException>(() => Conformance.StringOrPanic(true), "no string today", "string_or_panic(true)");
        }

        private static void LoneSurrogates()
        {
            Throws<ArgumentException>(() => Conformance.StrCharCount("a\udc80"), "lone surrogate at index 1", "lone low surrogate");
            Throws<ArgumentException>(() => Conformance.StrConcat("ok", "", "\ud800"), "lone surrogate", "lone high surrogate");
            Throws<ArgumentException>(() => Conformance.StrCharCount(new string('x', 300) + "\udc80"), "lone surrogate at index 300", "lone surrogate in a long string");
            try
            {
                Conformance.StrCharCount("\udc80");
            }
            catch (ArgumentException e)
            {
                Eq(e.ParamName, "s", "the exception names the parameter");
            }
            Throws<ArgumentNullException>(() => Conformance.StrCharCount(null), "s", "null string");
        }

        private static void Slices()
        {
            uint[] words = { 1, 2, 3, 4 };
            Eq(Conformance.SliceLen(words), 4u, "slice_len array");
            Eq(Conformance.SliceLen(new ReadOnlySpan<uint>(words, 1, 2)), 2u, "slice_len span");
            Eq(Conformance.SliceLen(new uint[0]), 0u, "slice_len empty");
            Eq(Conformance.SliceLen(ReadOnlySpan<uint>.Empty), 0u, "slice_len empty span");
            Eq(Conformance.SliceLen((uint[])null), 0u, "slice_len null array");
            Eq(Conformance.SliceMutLen(words), 4u, "slice_mut_len");
            Eq(Conformance.BytesSum(new byte[] { 1, 2 }), 3ul, "bytes_sum");
            Eq(Conformance.F64Sum(new[] { 0.5, 0.25, -1.0 }), -0.25, "f64_sum");
            Eq(Conformance.BoolsCount(new[] { true, false, true }), 2u, "bools_count");
            byte[] big = new byte[MiB];
            for (int i = 0; i < big.Length; i++)
            {
                big[i] = (byte)i;
            }
            Eq(Conformance.BytesSum(big), (ulong)(32640L * (MiB / 256)), "bytes_sum 1 MiB");
            // Pinned, not copied: the callee sees the array itself.
            long[] values = { 1, 2, 3 };
            fixed (long* p = values)
            {
                Eq(Conformance.SliceAddress(values), (ulong)p, "slice_address (array)");
                Eq(Conformance.SliceAddress(new ReadOnlySpan<long>(values)), (ulong)p, "slice_address (span)");
            }
            Vec3f32[] points = { new Vec3f32(1, 2, 3), new Vec3f32(4, 5, 6) };
            Eq(Conformance.SliceVec3Get(points, 1), points[1], "slice_vec3_get");
            Check(float.IsNaN(Conformance.SliceVec3Get(points, 2).X), "slice_vec3_get out of range");
        }

        private static void MutableSlices()
        {
            float[] values = { 1.5f, -2f };
            Conformance.F32Scale(values, 2);
            SeqEq(values, new[] { 3f, -4f }, "f32_scale array");
            Conformance.F32Scale(new Span<float>(values, 1, 1), 2);
            SeqEq(values, new[] { 3f, -8f }, "f32_scale span");
            byte[] bytes = { 255, 7 };
            Conformance.SliceMutBumpFirst(bytes);
            SeqEq(bytes, new byte[] { 0, 7 }, "slice_mut_bump_first");
            Conformance.SliceMutBumpFirst(new byte[0]);
            byte[] to = new byte[2];
            Eq(Conformance.SliceCopy(new byte[] { 1, 2, 3 }, to), 2u, "slice_copy");
            SeqEq(to, new byte[] { 1, 2 }, "slice_copy target");
            Color[] colors = { Color.Red, Color.Green, Color.Blue };
            Conformance.ColorsRotate(colors);
            SeqEq(colors, new[] { Color.Green, Color.Blue, Color.Red }, "colors_rotate");
            colors[1] = (Color)7;
            Throws<ArgumentException>(() => Conformance.ColorsRotate(colors), "Conformance.ColorsRotate argument 's': element `[1]`: 7 is not a value of enum `Color`", "invalid enum element");
            Eq(colors[0], Color.Green, "nothing written after a refused call");
            byte[] raw = { 1, 2, 0 };
            fixed (byte* p = raw)
            {
                ReadOnlySpan<bool> flags = new ReadOnlySpan<bool>(p, 3);
                bool threw = false;
                try
                {
                    Conformance.BoolsCount(flags);
                }
                catch (ArgumentException e)
                {
                    threw = e.Message.Contains("element `[1]`: 2 is not a bool") && e.ParamName == "s";
                }
                Check(threw, "invalid bool element");
            }
        }

        private static void SlicesOfStrings()
        {
            string[] parts = { "ab", "\u65e5\u672c", "" };
            Eq(Conformance.StringsTotalLen(parts), 8ul, "strings_total_len");
            Eq(Conformance.StringsJoin(parts, ", "), "ab, \u65e5\u672c, ", "strings_join");
            Eq(Conformance.StringsJoin(new List<string> { "x", "y" }, "+"), "x+y", "strings_join (a List)");
            Eq(Conformance.StringsPick(parts, 1), "\u65e5\u672c", "strings_pick");
            Eq(Conformance.StringsPick(parts, 9), "", "strings_pick out of range");
            Eq(Conformance.StringsJoin(new string[0], "-"), "", "strings_join empty");
            Throws<ArgumentException>(() => Conformance.StringsJoin(new[] { "ok", "\udcff" }, ""), "lone surrogate", "lone surrogate in an element");
            Throws<ArgumentNullException>(() => Conformance.StringsJoin(new string[] { null }, ""), "s", "null element");
        }

        private static void Vectors()
        {
            SeqEq(Conformance.VecU8Make(), new byte[] { 1, 2, 3 }, "vec_u8_make");
            Conformance.VecU8Consume(new byte[] { 1 });
            SeqEq(Conformance.VecU8Echo(new byte[] { 9, 8 }), new byte[] { 9, 8 }, "vec_u8_echo");
            SeqEq(Conformance.VecU8Echo(new byte[0]), new byte[0], "vec_u8_echo empty");
            SeqEq(Conformance.VecU8FromSlice(new byte[] { 5 }), new byte[] { 5 }, "vec_u8_from_slice");
            byte[] filled = Conformance.VecU8Filled((uint)MiB, 7);
            Eq(filled.Length, MiB, "vec_u8_filled 1 MiB");
            Check(Array.TrueForAll(filled, b => b == 7), "vec_u8_filled content");
            uint[] range = Conformance.VecU32Range(5);
            SeqEq(range, new uint[] { 0, 1, 2, 3, 4 }, "vec_u32_range");
            SeqEq(Conformance.VecU32Double(range), new uint[] { 0, 2, 4, 6, 8 }, "vec_u32_double");
            Eq(Conformance.VecF64Empty().Length, 0, "vec_f64_empty");
            SeqEq(Conformance.VecBoolAlternating(5), new[] { true, false, true, false, true }, "vec_bool_alternating");
            SeqEq(Conformance.VecColorAll(), new[] { Color.Red, Color.Green, Color.Blue }, "vec_color_all");
            SeqEq(Conformance.BoxedReverse(new short[] { -1, 0, 300 }), new short[] { 300, 0, -1 }, "boxed_reverse");
            SeqEq(Conformance.VecStringEcho(new[] { "un", "\u00e9t\u00e9", "" }), new[] { "un", "\u00e9t\u00e9", "" }, "vec_string_echo");
            SeqEq(Conformance.VecStringWords("a bb ccc"), new[] { "a", "bb", "ccc" }, "vec_string_words");
            Vec3f32[] points = { new Vec3f32(1, 2, 3) };
            SeqEq(Conformance.VecVec3Echo(points), points, "vec_vec3_echo");
            SeqEq(Conformance.VecNestedLengths(new[] { new byte[] { 1, 1 }, new byte[0], new byte[3] }), new ulong[] { 2, 0, 3 }, "vec_nested_lengths");
            byte[][] rows = Conformance.VecNestedMake(4);
            Eq(rows.Length, 4, "vec_nested_make rows");
            SeqEq(rows[3], new byte[] { 3, 3, 3 }, "vec_nested_make row 3");
            SeqEq(rows[0], new byte[0], "vec_nested_make row 0");
            SeqEq(Conformance.VecOrPanic(false), new uint[] { 7 }, "vec_or_panic(false)");
            Throws<RustPanicException>(() => Conformance.VecOrPanic(true), "no vector today", "vec_or_panic(true)");
        }

        private static void Records()
        {
            UseString u = new UseString("one", "\u65e5");
            Eq(Conformance.UseStringEcho(u), u, "use_string_echo");
            Eq(Conformance.UseStringSwap(u), new UseString("\u65e5", "one"), "use_string_swap");
            UseString[] many = { u, new UseString("x", "y") };
            Eq(Conformance.UseStringsPick(many, 1), new UseString("x", "y"), "use_strings_pick");
            Eq(Conformance.UseStringsPick(many, 2), new UseString("", ""), "use_strings_pick out of range");
            Eq(Conformance.UseStringsFirstS1(many), "one", "use_strings_first_s1");
            Eq(Conformance.UseStringsFirstS1(new UseString[0]), "", "use_strings_first_s1 empty");
            Eq(u.ToString(), "UseString { S1 = \"one\", S2 = \"\u65e5\" }", "ToString");
            Check(u.GetHashCode() == new UseString("one", "\u65e5").GetHashCode(), "GetHashCode");
            Throws<ArgumentNullException>(() => Conformance.UseStringEcho(new UseString(null, "a")), "x", "null field");
        }

        private static void People()
        {
            Person p = Conformance.PersonNew("Zo\u00eb", 30);
            Eq(p, new Person("Zo\u00eb", new string[0], 30, true), "person_new");
            Person older = Conformance.PersonBirthday(new Person("Ann", new[] { "a", "\u00e9" }, 41, true));
            Eq(older, new Person("Ann", new[] { "a", "\u00e9", "birthday" }, 42, true), "person_birthday");
            Eq(Conformance.PersonDescribe(new Person("Ann", new[] { "a", "\u00e9" }, 41, true)), "Ann (41): a, \u00e9", "person_describe");
            Person[] people = Conformance.PeopleMake(3);
            Eq(people.Length, 3, "people_make");
            SeqEq(people[2].Tags, new[] { "t0", "t1" }, "people_make tags");
            Check(!people[1].Active && people[2].Active, "people_make active");
            Eq(Conformance.PeopleTotalAge(people), 63ul, "people_total_age");
            Eq(Conformance.PeopleOldest(people), people[2], "people_oldest");
            Eq(Conformance.PeopleOldest(new Person[0]), new Person("", new string[0], 0, false), "people_oldest empty");
            Person lead = new Person("L", new string[0], 41, true);
            Person[] members = { new Person("Bo", new[] { "x" }, 20, false), new Person("Carl", new string[0], 21, true) };
            Team team = Conformance.TeamMake(lead, members);
            Eq(team.Lead, lead, "team lead");
            SeqEq(team.Members, members, "team members");
            SeqEq(team.Scores, new ushort[] { 2, 4 }, "team scores");
            Eq(Conformance.TeamSize(team), 3u, "team_size");
            Eq(Conformance.PersonOrPanic(false).Name, "ok", "person_or_panic(false)");
            Throws<RustPanicException>(() => Conformance.PersonOrPanic(true), "nobody today", "person_or_panic(true)");
            Throws<ArgumentException>(() => Conformance.PersonBirthday(new Person("x", new[] { "\ud800" }, 1, true)), "lone surrogate", "lone surrogate in a field");
            Throws<ArgumentNullException>(() => Conformance.PersonBirthday(null), "p", "null record");
            ElementPaths(members);
            ObjectInitializers();
        }

        /// <summary>Records that own data have a parameterless constructor (strings and arrays empty),
        /// so an object initializer builds one; a null left in a field is refused by path.</summary>
        private static void ObjectInitializers()
        {
            Person empty = new Person();
            Eq(empty, new Person("", new string[0], 0, false), "new Person(): empty strings and arrays");
            Person ann = new Person { Name = "Ann", Age = 41 };
            Eq(Conformance.PersonBirthday(ann), new Person("Ann", new[] { "birthday" }, 42, false), "person_birthday of an object initializer");
            Eq(Conformance.PersonDescribe(new Person { Name = "Bo", Tags = new[] { "x" }, Age = 3, Active = true }), "Bo (3): x", "person_describe of an object initializer");
            Path<ArgumentNullException>(() => Conformance.PersonBirthday(new Person { Name = null, Age = 1 }), "p.name", "", "a null string set by an initializer");
            Path<ArgumentNullException>(() => Conformance.PersonBirthday(new Person { Tags = null }), "p.tags", "", "a null array set by an initializer");
        }

        /// <summary>A bad value inside a list or a record is named by its path, as the library and
        /// Python name it (<c>people[1].tags[0]</c>), on both runtimes.</summary>
        private static void ElementPaths(Person[] members)
        {
            Person bad = new Person("B", new[] { "ok", "\udc80" }, 3, false);
            Path<ArgumentException>(() => Conformance.StringsJoin(new[] { "ok", "\udcff" }, ""), "s[1]", "lone surrogate", "an element");
            Path<ArgumentNullException>(() => Conformance.StringsJoin(new List<string> { "a", "b", null }, ""), "s[2]", "", "a null element of a List");
            Path<ArgumentException>(() => Conformance.PeopleTotalAge(new[] { members[0], bad }), "people[1].tags[1]", "lone surrogate at index 0", "a nested element");
            Path<ArgumentNullException>(() => Conformance.TeamMake(new Person(null, new string[0], 1, true), members), "lead.name", "", "a null field");
            Path<ArgumentNullException>(() => Conformance.TeamMake(members[0], new[] { members[1], null }), "members[1]", "", "a null record element");
            Path<ArgumentException>(() => Conformance.TeamSize(new Team(members[0], new[] { members[1], bad }, new ushort[0])), "t.members[1].tags[1]", "lone surrogate", "a field's element's field");
            Path<ArgumentNullException>(() => Conformance.TeamSize(new Team(members[0], new[] { new Person("x", null, 1, true) }, new ushort[0])), "t.members[0].tags", "", "a null list field");
        }

        /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="E"/> whose
        /// <c>ParamName</c> is <paramref name="path"/> and whose message holds <paramref name="part"/>.</summary>
        private static void Path<E>(Action call, string path, string part, string what) where E : ArgumentException
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E e)
            {
                Eq(e.ParamName, path, what + ": the path");
                Check(e.Message.Contains(part), what + ": message \"" + e.Message + "\" lacks \"" + part + "\"");
                Check(e.GetType() == typeof(E), what + ": " + e.GetType() + " is not " + typeof(E));
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
            Eq(*ConformanceNative.PanicPending, 0u, what + ": nothing pending");
        }

        private static void Labels()
        {
            Eq(Conformance.LabelSummary(new Label("w\u00e9", new byte[] { 1, 2, 3 }, new[] { 0.5f, 1f })), "w\u00e9:3:1.5", "label_summary");
            Eq(Conformance.LabelSummary(new Label("", new byte[0], new float[0])), ":0:-0", "label_summary empty");
            Conformance.LabelIgnore(new Label("x", new byte[0], new float[0]));
            Throws<ArgumentException>(() => Conformance.LabelSummary(new Label("\udc80", new byte[0], new float[0])), "lone surrogate", "lone surrogate in a view field");
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        /// <summary>Resident memory after <paramref name="count"/> calls, minus before (after a warm-up).</summary>
        private static long Growth(int count, Action roundTrip)
        {
            for (int i = 0; i < count / 10; i++)
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
            uint[] values = new uint[64];
            Person person = new Person("Ann", new[] { "a", "b" }, 41, true);
            long s = Growth(count, () => Conformance.StringEcho("round trip \u00e9 \u65e5\u672c"));
            long v = Growth(count, () => Conformance.VecU32Double(values));
            long p = Growth(count, () => Conformance.PersonBirthday(person));
            Check(s < 5 * MiB, "String round trips grew RSS by " + s + " bytes");
            Check(v < 5 * MiB, "Vec<u32> round trips grew RSS by " + v + " bytes");
            Check(p < 5 * MiB, "Person round trips grew RSS by " + p + " bytes");
        }

        private static int Main(string[] args)
        {
            CStrings();
            Strings();
            LoneSurrogates();
            Slices();
            MutableSlices();
            SlicesOfStrings();
            Vectors();
            Records();
            People();
            Labels();
            Memory(args.Length > 0 ? int.Parse(args[0]) : 20000);
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
