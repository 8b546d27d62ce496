// Options and results from C#: every function of the conformance fixture's `options_results` and
// `error_variants` features through the generated bindings: `T?` for value types and null for
// reference types in parameters, returns and fields (nested in arrays too); a Result returns its
// value or throws the error type's exception (typed `Error`, the library's message), one nested
// exception class per variant of an enum with data, caught by type; String errors as the base
// exception; a panic inside a Result function is still the panic exception; null refused with
// ArgumentNullException naming the parameter; the memory use of many calls that raise. Run on Mono
// and .NET 8 with the same output (tests/csharp/options_results.rs). Prints "N passed, M failed";
// exits 1 when anything failed.
//   mcs -langversion:7.2 -unsafe -warnaserror -out:OptionsResultsTests.exe OptionsResultsTests.cs <bindings>.cs

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace OptionsResultsTests
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
            Check(Equals(actual, expected), what + ": expected " + Show(expected) + ", got " + Show(actual));
        }

        private static string Show(object value)
        {
            if (value == null)
            {
                return "null";
            }
            string[] texts = value as string[];
            return texts == null ? value.ToString() : "[" + string.Join(", ", Array.ConvertAll(texts, t => t ?? "null")) + "]";
        }

        private static void Same(string[] actual, string[] expected, string what)
        {
            bool ok = actual != null && actual.Length == expected.Length;
            for (int i = 0; ok && i < actual.Length; i++)
            {
                ok = actual[i] == expected[i];
            }
            Check(ok, what + ": expected " + Show(expected) + ", got " + Show(actual));
        }

        /// <summary>Runs <paramref name="call"/>, which must throw exactly <typeparamref name="E"/>
        /// with <paramref name="message"/>; returns it (null when it did not), nothing pending after.</summary>
        /// <summary>What the runtime appends to an <c>ArgumentException</c>'s message for <paramref name="param"/>
        /// (" (Parameter 'x')" on .NET, a second line on Mono).</summary>
        private static string ArgumentSuffix(string param)
        {
            string bare = new ArgumentException("", param).Message;
            return bare;
        }

        private static E Raises<E>(Action call, string message, string what) where E : Exception
        {
            E caught = null;
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E e)
            {
                caught = e;
                Check(e.GetType() == typeof(E), what + ": exactly " + typeof(E) + ", got " + e.GetType());
                Eq(e.Message, message, what + ": message");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
            Eq(*ConformanceNative.PanicPending, 0u, what + ": nothing pending");
            return caught;
        }

        private static void Options()
        {
            Eq(Conformance.OptionAdd(2, 3), (uint?)5, "option_add(2, 3)");
            Eq(Conformance.OptionAdd(2, null), (uint?)null, "option_add(2, null)");
            Eq(Conformance.OptionAdd(null, null), (uint?)null, "option_add(null, null)");
            Eq(Conformance.OptionNegate(long.MaxValue), (long?)(-long.MaxValue), "option_negate");
            Eq(Conformance.OptionNegate(null), (long?)null, "option_negate(null)");
            Eq(Conformance.OptionHalf(5.0), (double?)2.5, "option_half");
            Eq(Conformance.OptionHalf(null), (double?)null, "option_half(null)");
            Eq(Conformance.OptionNot(true), (bool?)false, "option_not(true)");
            Eq(Conformance.OptionNot(null), (bool?)null, "option_not(null)");
            Eq(Conformance.OptionFlip(Shade.Light), (Shade?)Shade.Dark, "option_flip");
            Eq(Conformance.OptionFlip(null), (Shade?)null, "option_flip(null)");
            Eq(Conformance.OptionUpper("straße"), "STRASSE", "option_upper");
            Eq(Conformance.OptionUpper(null), (string)null, "option_upper(null)");
            Eq(Conformance.OptionChars("héllo"), 5L, "option_chars");
            Eq(Conformance.OptionChars(null), -1L, "option_chars(null)");
            Eq(Conformance.OptionChars(""), 0L, "option_chars(\"\") is Some(\"\"), not None");
            Eq(Conformance.OptionSum(new uint[] { 1, 2, 3 }), (ulong?)6, "option_sum");
            Eq(Conformance.OptionSum(new uint[0]), (ulong?)0, "option_sum([]) is Some");
            Eq(Conformance.OptionSum(null), (ulong?)null, "option_sum(null)");
            Same(Conformance.OptionDeep(new[] { "a", null, "b" }), new[] { "A", null, "B" }, "option_deep keeps null entries");
            Eq(Conformance.OptionDeep(null), (string[])null, "option_deep(null)");
            Same(Conformance.OptionDeep(new string[0]), new string[0], "option_deep([])");

            OptInner? echoed = Conformance.OptionInnerEcho(new OptInner(1.5f));
            Check(echoed.HasValue && echoed.Value.X == 1.5f, "option_inner_echo");
            Check(!Conformance.OptionInnerEcho(null).HasValue, "option_inner_echo(null)");
            Eq(Conformance.OptionInnerOrNan(new OptInner(2f)).X, 2f, "option_inner_or_nan");
            Check(float.IsNaN(Conformance.OptionInnerOrNan(null).X), "option_inner_or_nan(null) is NaN");

            OptOuter outer = Conformance.OptionOuterMake(4f, 7);
            Check(outer.Inner.HasValue && outer.Inner.Value.X == 4f, "option_outer_make inner");
            Eq(outer.Count, (ushort?)7, "option_outer_make count");
            OptOuter empty = Conformance.OptionOuterMake(null, null);
            Check(!empty.Inner.HasValue && !empty.Count.HasValue, "option_outer_make(null, null)");
            Eq(Conformance.OptionOuterInner(outer).X, 4f, "option_outer_inner");
            Check(float.IsNaN(Conformance.OptionOuterInner(empty).X), "option_outer_inner of none");
            OptOuter mine = new OptOuter(new OptInner(9f), null);
            mine.Count = 3;
            Eq(mine.Count, (ushort?)3, "a field set to a value");
            mine.Inner = null;
            Check(float.IsNaN(Conformance.OptionOuterInner(mine).X), "a field set to null crosses as None");

            Eq(Conformance.OptionPanics(null), "fine", "option_panics(null)");
            try
            {
                Conformance.OptionPanics("boom");
                Check(false, "option_panics: no exception");
            }
            catch (RustPanicException e)
            {
                Eq(e.Message, "panic in `option_panics`: option_panics: boom", "option_panics panics");
            }
        }

        private static void Profiles()
        {
            Profile p = new Profile("ann", null, 41, new uint[] { 7, 8 }, true, null, null);
            Profile q = Conformance.ProfileBirthday(p);
            Eq(q.Name, "ann", "profile name");
            Eq(q.Nickname, "ann", "profile nickname defaulted");
            Eq(q.Age, (uint?)42, "profile age");
            Check(q.Scores != null && q.Scores.Length == 2 && q.Scores[1] == 8, "profile scores");
            Eq(q.Active, (bool?)true, "profile active");
            Check(!q.Shade.HasValue && !q.Home.HasValue, "profile shade and home stay null");
            Profile full = new Profile("bo", "b", null, null, null, Shade.Dark, new OptInner(1f));
            Profile r = Conformance.ProfileBirthday(full);
            Check(r.Equals(new Profile("bo", "b", null, null, null, Shade.Dark, new OptInner(1f))), "profile value equality with nulls");
            Eq(r.Scores, (uint[])null, "profile scores null");
            // The parameterless constructor leaves optional strings and arrays null (None), not
            // empty (Some): an object initializer that does not set them passes None.
            Profile init = new Profile { Name = "cy" };
            Eq(init.Nickname, (string)null, "parameterless constructor: optional string null");
            Eq(init.Scores, (uint[])null, "parameterless constructor: optional array null");
            Profile s = Conformance.ProfileBirthday(init);
            Eq(s.Nickname, "cy", "an unset optional string is None (defaulted by Rust)");
            Eq(s.Scores, (uint[])null, "an unset optional array is None");

            Eq(Conformance.ProfilesMaybe(0), (Profile[])null, "profiles_maybe(0)");
            Profile[] list = Conformance.ProfilesMaybe(3);
            Eq(list.Length, 3, "profiles_maybe(3)");
            Eq(list[0].Nickname, "n0", "even profile nickname");
            Eq(list[1].Nickname, (string)null, "odd profile nickname");
            Eq(list[2].Age, (uint?)2, "even profile age");
            Eq(list[1].Age, (uint?)null, "odd profile age");
            Eq(list[2].Scores.Length, 2, "even profile scores");
            Eq(list[1].Scores, (uint[])null, "odd profile scores");
            Eq(list[0].Active, (bool?)true, "profile 0 active");
            Eq(list[2].Active, (bool?)false, "profile 2 active");
            Eq(list[2].Shade, (Shade?)Shade.Dark, "even profile shade");
            Check(list[2].Home.HasValue && list[2].Home.Value.X == 2f, "even profile home");
            Check(!list[1].Home.HasValue, "odd profile home");
        }

        private static void Results()
        {
            Eq(Conformance.ResultParse("42"), 42u, "result_parse ok");
            ParseErrorException e1 = Raises<ParseErrorException>(() => Conformance.ResultParse(""), "the text is empty", "result_parse(\"\")");
            Check(e1 != null && e1.Error == ParseError.Empty, "result_parse(\"\") Error");
            ParseErrorException e2 = Raises<ParseErrorException>(() => Conformance.ResultParse("x"), "the text is not a number", "result_parse(x)");
            Check(e2 != null && e2.Error == ParseError.NotANumber, "result_parse(x) Error");
            ParseErrorException e3 = Raises<ParseErrorException>(() => Conformance.ResultParse("99999999999"), "the number is too large", "result_parse(big)");
            Check(e3 != null && e3.Error == ParseError.TooLarge, "result_parse(big) Error");
            try
            {
                Conformance.ResultParse("");
            }
            catch (ParseErrorException e) when (e.Error == ParseError.Empty)
            {
                Check(true, "an exception filter on the error value");
            }
            Check(e1 is ConformanceException, "every error exception derives from the base");
            Check(!typeof(RustPanicException).IsAssignableFrom(typeof(ParseErrorException)), "an error is not a panic");

            Eq(Conformance.ResultEcho(7, false), 7u, "result_echo ok");
            Raises<ParseErrorException>(() => Conformance.ResultEcho(7, true), "the text is not a number", "result_echo error");
            // A bool byte of 2 through the raw layer: status 2 (panic) with kind 5 in the channel, thrown as an
            // ArgumentException naming the parameter (ADR 47), not as a panic.
            ConformanceNative.__Result_uint_ParseError refused = ConformanceNative.result_echo(7, 2);
            Eq((int)refused.Status, 2, "a refused argument of a Result function: status 2");
            ArgumentException invalid = Raises<ArgumentException>(() => ConformanceNative.ThrowPendingPanic(), "argument `fail` of `result_echo`: 2 is not a bool (0 or 1)" + ArgumentSuffix("fail"), "result_echo(7, 2) through the raw layer");
            Check(invalid != null && invalid.ParamName == "fail", "ParamName of the refused argument");
            Conformance.ResultUnit(false);
            Check(true, "result_unit ok");
            Raises<ParseErrorException>(() => Conformance.ResultUnit(true), "the text is empty", "result_unit error");

            Eq(Conformance.ResultReverse("abc"), "cba", "result_reverse ok");
            Raises<ConformanceException>(() => Conformance.ResultReverse(""), "nothing to reverse", "a String error is the base exception");
            Conformance.ResultUnitText(false);
            Raises<ConformanceException>(() => Conformance.ResultUnitText(true), "failed on purpose", "result_unit_text error");

            Item[] items = Conformance.ResultItems(3);
            Eq(items.Length, 3, "result_items(3)");
            Eq(items[2], new Item("item2", 20), "result_items(3)[2]");
            Eq(Conformance.ResultItems(0).Length, 0, "result_items(0)");
            ValidationErrorException v = Raises<ValidationErrorException>(() => Conformance.ResultItems(5), "invalid n (code 5)", "result_items(5)");
            Check(v != null && v.Error.Equals(new ValidationError("n", 5)), "a record error that owns data is the typed Error");

            Eq(Conformance.ResultFault(4), true, "result_fault ok");
            FaultException f1 = Raises<FaultException>(() => Conformance.ResultFault(-1), "Fault::Minor", "result_fault(-1): a rendering without Display");
            Check(f1 != null && f1.Error == Fault.Minor, "Fault.Minor");
            FaultException f2 = Raises<FaultException>(() => Conformance.ResultFault(-5), "Fault::Major", "result_fault(-5)");
            Check(f2 != null && f2.Error == Fault.Major, "Fault.Major");
            // ADR 35: a fieldless enum's message is rendered once per variant and kept; a Display
            // that panics gives the documented fallback, every time.
            for (int i = 0; i < 3; i++)
            {
                Raises<ParseErrorException>(() => Conformance.ResultParse(""), "the text is empty", "result_parse(\"\") again");
                GlitchException g = Raises<GlitchException>(() => Conformance.ResultGlitch(true), "(the error's message could not be formatted: it panicked)", "result_glitch(true): Display panics");
                Check(g != null && g.Error == Glitch.Broken, "Glitch.Broken");
                Raises<GlitchException>(() => Conformance.ResultGlitch(false), "all calm", "result_glitch(false)");
            }

            Eq(Conformance.ResultClamp(5, 0, 10), 5, "result_clamp ok");
            LimitsException l = Raises<LimitsException>(() => Conformance.ResultClamp(11, 0, 10), "Limits { min: 0, max: 10 }", "result_clamp error: Debug");
            Check(l != null && l.Error.Min == 0 && l.Error.Max == 10, "Limits value");

            Eq(Conformance.ResultMaybe(0), (string)null, "result_maybe(0): Ok(None)");
            Eq(Conformance.ResultMaybe(1), "one", "result_maybe(1)");
            Raises<ParseErrorException>(() => Conformance.ResultMaybe(2), "the number is too large", "result_maybe(2)");
            Eq(Conformance.ResultInner(1.5f).X, 1.5f, "result_inner ok");
            Raises<ParseErrorException>(() => Conformance.ResultInner(float.NaN), "the text is not a number", "result_inner(NaN)");

            Eq(Conformance.ResultPanics(9), 9u, "result_panics ok");
            Raises<ParseErrorException>(() => Conformance.ResultPanics(1), "the text is empty", "result_panics(1) is an error");
            Raises<RustPanicException>(() => Conformance.ResultPanics(0), "panic in `result_panics`: result_panics: zero", "a panic in a Result function is the panic exception");
        }

        private static void Variants()
        {
            Parsed[] parsed = Conformance.ParseList("1,22,333");
            Eq(parsed.Length, 3, "parse_list ok");
            Eq(parsed[1], new Parsed("22", 22), "parse_list ok [1]");

            try
            {
                Conformance.ParseList("1,,2");
                Check(false, "parse_list(1,,2): no exception");
            }
            catch (ParseFailureException.UnexpectedEnd e)
            {
                Eq(e.Error.Position, 2UL, "UnexpectedEnd caught by type, its position");
                Eq(e.Message, "a number was expected at 2", "UnexpectedEnd message");
                Check(e.Error is ParseFailure.UnexpectedEnd, "Error is typed as the variant");
            }
            try
            {
                Conformance.ParseList("12,3x");
                Check(false, "parse_list(12,3x): no exception");
            }
            catch (ParseFailureException.UnexpectedEnd)
            {
                Check(false, "BadChar caught as UnexpectedEnd");
            }
            catch (ParseFailureException.BadChar e)
            {
                Eq(e.Error.Item1, "x", "BadChar character");
                Eq(e.Error.Item2, 4UL, "BadChar position");
                Eq(e.Message, "bad character \"x\" at 4", "BadChar message");
            }
            ParseFailureException.Overflow o = Raises<ParseFailureException.Overflow>(() => Conformance.ParseList("1,99999999999"), "99999999999 is too large", "Overflow");
            Check(o != null && o.Error.Text == "99999999999", "Overflow text");
            ParseFailureException.Empty empty = Raises<ParseFailureException.Empty>(() => Conformance.ParseList(""), "empty text", "Empty");
            Check(empty != null && empty.Error.Equals(new ParseFailure.Empty()), "Empty value");
            try
            {
                Conformance.ParseList("");
            }
            catch (ParseFailureException e)
            {
                Check(e is ParseFailureException.Empty && e.Error is ParseFailure.Empty, "a variant is caught by the error type's exception too");
            }

            Conformance.FailWith(0, null);
            Check(true, "fail_with(0)");
            Raises<ParseFailureException.Empty>(() => Conformance.FailWith(1, null), "empty text", "fail_with(1)");
            ParseFailureException.UnexpectedEnd u = Raises<ParseFailureException.UnexpectedEnd>(() => Conformance.FailWith(2, "abc"), "a number was expected at 3", "fail_with(2)");
            Check(u != null && u.Error.Position == 3, "fail_with(2) position");
            ParseFailureException.BadChar b = Raises<ParseFailureException.BadChar>(() => Conformance.FailWith(3, "é"), "bad character \"é\" at 7", "fail_with(3)");
            Check(b != null && b.Error.Equals(new ParseFailure.BadChar("é", 7)), "fail_with(3) value");
            Raises<ParseFailureException.Overflow>(() => Conformance.FailWith(4, null), "none is too large", "fail_with(4)");
            Raises<RustPanicException>(() => Conformance.FailWith(5, "boom"), "panic in `fail_with`: fail_with: boom", "fail_with(5) panics");
        }

        /// <summary>Runs <paramref name="call"/>, which must throw ArgumentNullException naming
        /// <paramref name="parameter"/> (the message differs between the runtimes).</summary>
        private static void NullRefused(Action call, string parameter, string what)
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (ArgumentNullException e)
            {
                Eq(e.ParamName, parameter, what + ": the parameter named");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
        }

        private static void NullArguments()
        {
            NullRefused(() => Conformance.ResultParse(null), "s", "a null string");
            NullRefused(() => Conformance.ProfileBirthday(null), "p", "a null class");
            NullRefused(() => Conformance.ParseList(null), "text", "a null string to a Result function");
            NullRefused(() => Conformance.ProfileBirthday(new Profile(null, null, null, null, null, null, null)), "p.name", "a null non-optional field (its path)");
        }

        /// <summary>What the library never returns is still an exception, never undefined
        /// behaviour: an option tag other than 0/1, a result status the bindings do not know (the
        /// raw layer is internal: this program is compiled with the bindings).</summary>
        private static void InvalidValues()
        {
            ConformanceNative.__Option_U32 tag = default(ConformanceNative.__Option_U32);
            tag.IsSome = 7;
            Raises<InvalidOperationException>(() => ConformanceNative.__Take_Option_U32(tag), "the library returned an option whose tag is 7", "an invalid option tag");
            ConformanceNative.__Option_String text = default(ConformanceNative.__Option_String);
            text.IsSome = 2;
            Raises<InvalidOperationException>(() => ConformanceNative.__Take_Option_String(text), "the library returned an option whose tag is 2", "an invalid option tag of an owning value");
            Exception status = ConformanceNative.__Raise_ParseError(9, null);
            Check(status is InvalidOperationException && status.Message == "the library returned a result whose status is 9", "an invalid result status: " + status.Message);
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        /// <summary>Runs <paramref name="call"/> <paramref name="count"/> times in five rounds and
        /// returns the resident memory after the last round minus after the second (after a full
        /// GC each time): the first rounds let .NET 8's GC grow its heap to its budget, after which
        /// it stays flat; a leak of even a few bytes per call shows.</summary>
        private static long Growth(int count, Action call)
        {
            long[] after = new long[5];
            for (int round = 0; round < after.Length; round++)
            {
                for (int i = 0; i < count / after.Length; i++)
                {
                    call();
                }
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                after[round] = ResidentBytes();
            }
            return after[4] - after[1];
        }

        /// <summary>Calls that raise, and calls that succeed, do not grow the memory: 1,000,000
        /// raising calls on Mono (about 13 us each), 200,000 on .NET 8, where throwing costs about
        /// 50 us on this machine.</summary>
        private static void Memory(int count)
        {
            int raised = 0;
            long typed = Growth(count, () =>
            {
                try
                {
                    Conformance.FailWith(3, "owned text");
                }
                catch (ParseFailureException.BadChar)
                {
                    raised++;
                }
            });
            Eq(raised, count, "every call raised");
            long text = Growth(count / 10, () =>
            {
                try
                {
                    Conformance.ResultReverse("");
                }
                catch (ConformanceException)
                {
                }
            });
            long kept = Growth(count / 10, () =>
            {
                try
                {
                    Conformance.ResultParse("x");
                }
                catch (ParseErrorException)
                {
                }
            });
            long ok = Growth(count / 10, () => Conformance.ResultItems(2));
            Check(typed < 4 * MiB, "calls raising a data-enum error grew RSS by " + typed + " bytes");
            Check(text < 4 * MiB, "String errors grew RSS by " + text + " bytes");
            Check(kept < 4 * MiB, "enum errors with a kept message (ADR 35) grew RSS by " + kept + " bytes");
            Check(ok < 4 * MiB, "Ok returns grew RSS by " + ok + " bytes");
        }

        private static int Main(string[] args)
        {
            Options();
            Profiles();
            Results();
            Variants();
            NullArguments();
            InvalidValues();
            bool mono = Type.GetType("Mono.Runtime") != null;
            Memory(args.Length > 0 ? int.Parse(args[0]) : mono ? 1000000 : 200000);
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
