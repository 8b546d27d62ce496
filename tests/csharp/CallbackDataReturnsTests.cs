// Closures returning data enums and tuples, and a closure Result whose error is a data enum or a
// String, from C# (the conformance fixture's `callback_data_returns` and `callback_data_extra`
// features, ADR 63): lambdas returning every variant of CbToken (a data enum owning a string) and
// of CbStep (C-compatible, by value), the tuples (uint, string) and (double, double);
// CbJobErrorException / CbStepException thrown for Err (every variant), ConformanceException for a
// String error; returned Rust closures' Invoke giving tokens, tuples and the exception of each
// variant; a (string, string) refused after its first string was allocated frees it. Null where
// Rust needs a value (a variant object, a string inside one, a tuple element, an exception's
// Error) and a lone surrogate are exceptions in the callback naming the path, rethrown by the
// waiting call, as is any other exception the lambda throws; GC.Collect() inside the callbacks; 4
// C# threads; resident memory flat over 100,000 calls of each kind. Run on Mono and .NET 8 with
// the same output (tests/csharp/callback_data_returns.rs). Prints "N passed, M failed"; exits 1
// when anything failed.

using System;
using System.Threading;
using Interop.Conformance;

namespace CallbackDataReturnsTests
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

        /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="E"/>; returns it.</summary>
        private static E Throws<E>(Action call, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E e)
            {
                Check(true, what);
                return e;
            }
            catch (Exception e)
            {
                Check(false, what + ": " + e.GetType().Name + ": " + e.Message);
            }
            return null;
        }

        private static void FullGc()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        private static int Main()
        {
            DataEnums();
            Tuples();
            Results();
            Returned();
            TextErrors();
            HalfWritten();
            Refused();
            Threads();
            Memory();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static CbToken Token(uint i)
        {
            switch (i % 3)
            {
                case 0:
                    return new CbToken.Word("w" + i);
                case 1:
                    return new CbToken.Number(i + 0.5);
                default:
                    return new CbToken.End();
            }
        }

        /// <summary>Every variant of a data enum owning data, and a C-compatible one by value.</summary>
        private static void DataEnums()
        {
            Eq(Callbacks.ReadTokens(5, i => i < 2 ? (CbToken)new CbToken.Word("w" + i) : i == 2 ? (CbToken)new CbToken.Number(2.5) : new CbToken.End()), "w:w0,w:w1,n:2.5,end", "Word, Number, End");
            Eq(Callbacks.ReadTokens(3, i => new CbToken.Word(i == 0 ? "" : i == 1 ? "\u65e5\u672c\u8a9e" : "\ud83d\ude00")), "w:,w:\u65e5\u672c\u8a9e,w:\ud83d\ude00", "empty and non-ASCII words");
            string big = new string('x', 100000);
            Eq(Callbacks.ReadTokens(1, i => new CbToken.Word(big)), "w:" + big, "a 100,000-char word (allocated, not lent)");
            Eq(Callbacks.ReadTokens(2, i => new CbToken.Number(i == 0 ? -0.125 : 1e21)), "n:-0.125,n:1000000000000000000000", "Number keeps the f64");
            Eq(Callbacks.ReadTokens(1, i => new CbToken.End()), "end", "End alone");
            Eq(Callbacks.ClassifyWord("hello", w => new CbToken.Word(w.ToUpperInvariant())), new CbToken.Word("HELLO"), "a &str-taking classifier, returned as it came");
            Eq(Callbacks.ClassifyWord("7", w => new CbToken.Number(double.Parse(w))), new CbToken.Number(7), "Number through the classifier");
            Eq(Callbacks.ClassifyWord("", w => new CbToken.End()), new CbToken.End(), "End through the classifier");
            Eq(Callbacks.ReadTokens(4, i => { FullGc(); return Token(i); }), "w:w0,n:1.5,end", "GC.Collect() inside the callback");
            Eq(Callbacks.Walk(4, i => i % 2 == 0 ? (CbStep)new CbStep.Move((int)i, -1) : new CbStep.Stay()), "2,-2", "CbStep by value: Move and Stay");
            Eq(Callbacks.Walk(2, i => new CbStep.Move(int.MinValue, int.MaxValue)), "-4294967296,4294967294", "CbStep's extremes");
            Eq(Callbacks.Walk(3, i => { FullGc(); return new CbStep.Move(1, 1); }), "3,3", "GC.Collect() inside a by-value callback");
        }

        private static void Tuples()
        {
            Eq(Callbacks.LabelAll(3, i => (i * 10, "n" + i)), "0=n0,10=n1,20=n2", "(uint, string)");
            Eq(Callbacks.LabelAll(2, i => (uint.MaxValue, i == 0 ? "" : "\u00e9\u65e5")), "4294967295=,4294967295=\u00e9\u65e5", "empty and non-ASCII strings in a tuple");
            Eq(Callbacks.LabelAll(1, i => (1u, new string('y', 5000))), "1=" + new string('y', 5000), "a long string in a tuple");
            Eq(Callbacks.SumPoints(4, i => (i * 1.0, 0.25)), 7.0, "(double, double) through the slot");
            Eq(Callbacks.SumPoints(0, i => (1.0, 1.0)), 0.0, "no call");
            Eq(Callbacks.LabelAll(2, i => { FullGc(); return (i, "g" + i); }), "0=g0,1=g1", "GC.Collect() inside a tuple callback");
        }

        /// <summary>A closure's Result whose error is a data enum: the exception of E is Err.</summary>
        private static void Results()
        {
            Eq(Callbacks.RunJobs(4, i =>
            {
                if (i == 1)
                {
                    throw new CbJobErrorException(new CbJobError.Retry(250), "later");
                }
                if (i == 2)
                {
                    throw new CbJobErrorException(new CbJobError.Fatal("disk \u65e5 full"), "fatal");
                }
                return i * 7;
            }), "ok:0,retry:250,fatal:disk \u65e5 full,ok:21", "Ok, Err(Retry), Err(Fatal)");
            Eq(Callbacks.RunJobs(1, i => { throw new CbJobErrorException.Fatal(new CbJobError.Fatal(""), "nested"); }), "fatal:", "the nested exception class of a variant, an empty reason");
            Eq(Callbacks.RunJobs(1, i => { throw new CbJobErrorException(new CbJobError.Fatal(new string('r', 2000)), "long"); }), "fatal:" + new string('r', 2000), "a long reason");
            Eq(Callbacks.RunJob(3, id => { }), "done", "Result<(), E>: Ok");
            Eq(Callbacks.RunJob(3, id => { throw new CbJobErrorException(new CbJobError.Retry(id), "r"); }), "retry:3", "Result<(), E>: Err(Retry)");
            Eq(Callbacks.RunJob(3, id => { throw new CbJobErrorException(new CbJobError.Fatal("no"), "f"); }), "fatal:no", "Result<(), E>: Err(Fatal)");
            Eq(Callbacks.TryStep(4, n => "made " + n), "made 4", "Result<String, CbStep>: Ok");
            Eq(Callbacks.TryStep(4, n => { throw new CbStepException(new CbStep.Move(-3, 9), "m"); }), "-3,9", "Result<String, CbStep>: Err(Move)");
            Eq(Callbacks.TryStep(4, n => { throw new CbStepException(new CbStep.Stay(), "s"); }), "stay", "Result<String, CbStep>: Err(Stay)");
            Eq(Callbacks.RunJobs(2, i => { FullGc(); throw new CbJobErrorException(new CbJobError.Fatal("gc" + i), "gc"); }), "fatal:gc0,fatal:gc1", "GC.Collect() before throwing");
        }

        /// <summary>Returned Rust closures: Invoke gives the token, the tuple, or throws the variant's exception.</summary>
        private static void Returned()
        {
            using (ClosureStrToCbToken tokenizer = Callbacks.MakeTokenizer())
            {
                Eq(tokenizer.Invoke("hello \u65e5"), new CbToken.Word("HELLO \u65e5"), "Invoke: Word");
                Eq(tokenizer.Invoke("2.5"), new CbToken.Number(2.5), "Invoke: Number");
                Eq(tokenizer.Invoke(""), new CbToken.End(), "Invoke: End");
                Check(tokenizer.Invoke("x") is CbToken.Word, "a Word object (switch on the type)");
                var panic = Throws<RustPanicException>(() => tokenizer.Invoke("panic"), "a panic in the tokenizer");
                Check(panic != null && panic.Message.Contains("no token for panic"), "the panic message");
                Eq(tokenizer.Invoke("after"), new CbToken.Word("AFTER"), "the next call is clean");
                Func<string, CbToken> asDelegate = tokenizer.ToDelegate();
                Eq(asDelegate("1"), new CbToken.Number(1), "ToDelegate");
                Eq(Callbacks.ReadTokens(3, i => asDelegate(i == 2 ? "" : "t" + i)), "w:T0,w:T1,end", "a returned closure as a foreign closure");
                tokenizer.Dispose();
                Throws<ObjectDisposedException>(() => tokenizer.Invoke("x"), "Invoke after Dispose");
            }
            using (ClosureU32ToTupleU32String labeller = Callbacks.MakeLabeller("p\u00e9"))
            {
                Eq(labeller.Invoke(3), (6u, "p\u00e93"), "Invoke: a tuple owning a string");
                Eq(Callbacks.LabelAll(2, labeller.ToDelegate()), "0=p\u00e90,2=p\u00e91", "its delegate as a foreign closure");
            }
            using (ClosureU32ToResultU32CbJobError runner = Callbacks.MakeJobRunner())
            {
                Eq(runner.Invoke(8), 4u, "Invoke: Ok");
                var retry = Throws<CbJobErrorException.Retry>(() => runner.Invoke(7), "Invoke: Err(Retry) is the variant's exception");
                Eq(retry != null ? retry.Error.AfterMs : 0u, 7u, "with the value");
                var fatal = Throws<CbJobErrorException.Fatal>(() => runner.Invoke(101), "Invoke: Err(Fatal)");
                Eq(fatal != null ? fatal.Error.Value : null, "too big: 101", "with the reason");
                Check(fatal != null && fatal.Message.Contains("too big: 101"), "the message shows the value");
                var any = Throws<CbJobErrorException>(() => runner.Invoke(9), "caught as the base exception");
                Eq(any != null ? any.Error : null, (CbJobError)new CbJobError.Retry(9), "Error is the value");
                Throws<ConformanceException>(() => runner.Invoke(103), "and as the library's base exception");
            }
        }

        /// <summary>A String error (feature callback_data_extra): the base exception, its message the text.</summary>
        private static void TextErrors()
        {
            Eq(Callbacks.CheckTexts(3, i => { if (i == 1) throw new ConformanceException("bad \u65e5"); return i * 2; }), "ok:0,err:bad \u65e5,ok:4", "Err(String) is the base exception's message");
            string long_ = new string('m', 3000);
            Eq(Callbacks.CheckTexts(1, i => { throw new ConformanceException(long_); }), "err:" + long_, "a message too long to lend");
            Eq(Callbacks.CheckTexts(1, i => { throw new ConformanceException(""); }), "err:", "an empty message");
            Eq(Callbacks.CheckTexts(1, i => { throw new CbJobErrorException(new CbJobError.Retry(1), "a library error"); }), "err:a library error", "a subclass (a library error passing through) is Err of its message");
            var bad = Throws<ArgumentException>(() => Callbacks.CheckTexts(1, i => { throw new ConformanceException("x\ud800"); }), "a lone surrogate in the message");
            Eq(bad != null ? bad.ParamName : null, "return", "it names the error value");
            var other = new TimeoutException("not an error of the library");
            var caught = Throws<TimeoutException>(() => Callbacks.CheckTexts(2, i => { throw other; }), "another exception is rethrown, not Err");
            Check(ReferenceEquals(caught, other), "as the original exception (String error)");
            using (ClosureU32ToResultU32String checker = Callbacks.MakeTextChecker())
            {
                Eq(checker.Invoke(10), 5u, "Invoke: Ok");
                var err = Throws<ConformanceException>(() => checker.Invoke(7), "Invoke: Err(String) throws the base exception");
                Check(err != null && err.GetType() == typeof(ConformanceException) && err.Message == "odd: 7", "its message is the text");
            }
        }

        /// <summary>
        /// A tuple owning two strings (feature callback_data_extra): refused after its first string
        /// was written, the writer frees it (no leak over 12,000 refusals of a 1,000-char first string).
        /// </summary>
        private static void HalfWritten()
        {
            Eq(Callbacks.JoinPairs(2, i => ("a" + i, "b\u00e9")), "a0|b\u00e9,a1|b\u00e9", "(string, string)");
            string big = new string('h', 1000);
            var second = Throws<ArgumentException>(() => Callbacks.JoinPairs(1, i => (big, "\ud800")), "a lone surrogate in the second string");
            Eq(second != null ? second.ParamName : null, "return.Item2", "the path to the element");
            var nullSecond = Throws<ArgumentNullException>(() => Callbacks.JoinPairs(1, i => (big, (string)null)), "null as the second string");
            Eq(nullSecond != null ? nullSecond.ParamName : null, "return.Item2", "the path to the null element");
            var nullFirst = Throws<ArgumentNullException>(() => Callbacks.JoinPairs(1, i => ((string)null, "b")), "null as the first string");
            Eq(nullFirst != null ? nullFirst.ParamName : null, "return.Item1", "the path to the first element");
            int refused = 0;
            long grew = Growth(() =>
            {
                for (int i = 0; i < 3000; i++)
                {
                    try
                    {
                        Callbacks.JoinPairs(1, n => (big, "\udc00"));
                    }
                    catch (ArgumentException)
                    {
                        refused++;
                    }
                }
            });
            Eq(refused, 36000, "every half-written tuple refused");
            Check(grew < 5 * 1024 * 1024, "12,000 tuples refused half way grew RSS by " + grew / 1024 + " KiB (< 5 MiB)");
            Eq(Callbacks.JoinPairs(1, i => ("x", "y")), "x|y", "the next call is clean");
        }

        /// <summary>What cannot be written is the callback's exception, rethrown by the waiting call.</summary>
        private static void Refused()
        {
            var nul = Throws<ArgumentNullException>(() => Callbacks.ReadTokens(2, i => null), "a null token");
            Eq(nul != null ? nul.ParamName : null, "return", "it names the return value");
            var word = Throws<ArgumentNullException>(() => Callbacks.ReadTokens(3, i => i == 1 ? new CbToken.Word(null) : Token(i)), "a null string inside Word");
            Eq(word != null ? word.ParamName : null, "return.Value", "the path into the variant");
            var surrogate = Throws<ArgumentException>(() => Callbacks.ReadTokens(1, i => new CbToken.Word("ab\ud800")), "a lone surrogate inside Word");
            Check(surrogate != null && surrogate.ParamName == "return.Value" && surrogate.Message.Contains("lone surrogate"), "names the path and the surrogate");
            Throws<ArgumentNullException>(() => Callbacks.ClassifyWord("x", w => null), "a null token from the classifier");
            var step = Throws<ArgumentNullException>(() => Callbacks.Walk(2, i => null), "a null CbStep (by value)");
            Eq(step != null ? step.ParamName : null, "return", "it names the return value");
            var item = Throws<ArgumentNullException>(() => Callbacks.LabelAll(2, i => (i, (string)null)), "a null string in a tuple");
            Eq(item != null ? item.ParamName : null, "return.Item2", "the path to the element");
            var itemSurrogate = Throws<ArgumentException>(() => Callbacks.LabelAll(1, i => (i, "\udc00")), "a lone surrogate in a tuple");
            Eq(itemSurrogate != null ? itemSurrogate.ParamName : null, "return.Item2", "the path to the element");
            Throws<ArgumentNullException>(() => Callbacks.RunJobs(1, i => { throw new CbJobErrorException(null, "no value"); }), "an error exception without a value");
            var reason = Throws<ArgumentNullException>(() => Callbacks.RunJobs(1, i => { throw new CbJobErrorException(new CbJobError.Fatal(null), "null reason"); }), "a null string inside the error");
            Eq(reason != null ? reason.ParamName : null, "return.Value", "the path into the error's variant");
            Throws<ArgumentException>(() => Callbacks.RunJob(1, id => { throw new CbJobErrorException(new CbJobError.Fatal("\ud800"), "bad"); }), "a lone surrogate inside the error");
            Throws<ArgumentNullException>(() => Callbacks.TryStep(1, n => { throw new CbStepException(null, "no step"); }), "a C-compatible error exception without a value");
            Throws<ArgumentNullException>(() => Callbacks.TryStep(1, n => null), "a null Ok string");

            var thrown = new InvalidOperationException("boom in a tokenizer");
            var caught = Throws<InvalidOperationException>(() => Callbacks.ReadTokens(3, i => { if (i == 1) throw thrown; return Token(i); }), "the lambda's exception rethrown");
            Check(ReferenceEquals(caught, thrown), "as the original exception");
            var other = new FormatException("not a job error");
            var caughtJob = Throws<FormatException>(() => Callbacks.RunJobs(2, i => { throw other; }), "another exception in a Result callback is rethrown, not Err");
            Check(ReferenceEquals(caughtJob, other), "as the original exception (Result)");
            var rustPanic = Throws<InvalidOperationException>(() => Callbacks.LabelAll(1, i => { throw new InvalidOperationException("tuple"); }), "an exception in a tuple callback");
            Check(rustPanic != null && rustPanic.Message == "tuple", "as the original exception (tuple)");
            Eq(Callbacks.ReadTokens(2, i => new CbToken.Word("ok")), "w:ok,w:ok", "the next call is clean");
            Eq(*ConformanceNative.PanicPending, 0u, "nothing pending");
        }

        /// <summary>4 C# threads at once, each calling the library with its own lambdas and one shared returned closure.</summary>
        private static void Threads()
        {
            var results = new string[4];
            var threads = new Thread[4];
            using (ClosureStrToCbToken tokenizer = Callbacks.MakeTokenizer())
            {
                for (int t = 0; t < threads.Length; t++)
                {
                    int k = t;
                    threads[t] = new Thread(() =>
                    {
                        bool ok = true;
                        for (int n = 0; n < 2000; n++)
                        {
                            ok &= Callbacks.ReadTokens(2, i => new CbToken.Word(k + ":" + n + ":" + i)) == "w:" + k + ":" + n + ":0,w:" + k + ":" + n + ":1";
                            ok &= Callbacks.LabelAll(1, i => ((uint)k, "t" + n)) == k + "=t" + n;
                            ok &= tokenizer.Invoke("t" + k) == new CbToken.Word("T" + k);
                        }
                        results[k] = ok ? "ok" : "wrong";
                    });
                    threads[t].Start();
                }
                foreach (Thread th in threads)
                {
                    th.Join();
                }
            }
            Eq(string.Join(",", results), "ok,ok,ok,ok", "4 C# threads, 6,000 calls each");
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        /// <summary>
        /// Resident memory grown by 4 rounds of <paramref name="round"/>, after 4 rounds of warm-up
        /// (the runtime's JIT tiers and GC budgets settle first): the smaller of two such windows in
        /// a row. A leak per call grows both; .NET 8 may size its GC heap up once, by a few MiB.
        /// </summary>
        private static long Growth(Action round)
        {
            for (int r = 0; r < 4; r++)
            {
                round();
            }
            return System.Math.Min(Window(round), Window(round));
        }

        private static long Window(Action round)
        {
            FullGc();
            long before = ResidentBytes();
            for (int r = 0; r < 4; r++)
            {
                round();
            }
            FullGc();
            return ResidentBytes() - before;
        }

        /// <summary>
        /// 100,000 calls per window returning a 100-char Word, a (uint, string), and 50,000 each of a
        /// thrown Fatal and a returned tokenizer's Word: a leaked 100-byte string per call would be
        /// 5-10+ MiB.
        /// </summary>
        private static void Memory()
        {
            string pad = new string('n', 100);
            var word = new CbToken.Word(pad);
            long total = 0;
            long w = Growth(() => { total += Callbacks.ReadTokens(25000, i => word).Length; });
            long t = Growth(() => { total += Callbacks.LabelAll(25000, i => (i, pad)).Length; });
            var fatal = new CbJobError.Fatal(pad);
            long e = Growth(() => { total += Callbacks.RunJobs(12500, i => { throw new CbJobErrorException(fatal, "m"); }).Length; });
            string text = new string('t', 400);
            long x = Growth(() => { total += Callbacks.CheckTexts(12500, i => { throw new ConformanceException(text); }).Length; });
            long r;
            using (ClosureStrToCbToken tokenizer = Callbacks.MakeTokenizer())
            {
                r = Growth(() =>
                {
                    for (int i = 0; i < 12500; i++)
                    {
                        total += ((CbToken.Word)tokenizer.Invoke(pad)).Value.Length;
                    }
                });
            }
            Check(total > 0, "the calls ran");
            Check(w < 5 * 1024 * 1024, "100,000 Word returns grew RSS by " + w / 1024 + " KiB (< 5 MiB)");
            Check(t < 5 * 1024 * 1024, "100,000 tuple returns grew RSS by " + t / 1024 + " KiB (< 5 MiB)");
            Check(e < 5 * 1024 * 1024, "50,000 thrown Fatal errors grew RSS by " + e / 1024 + " KiB (< 5 MiB)");
            Check(x < 5 * 1024 * 1024, "50,000 thrown 400-char String errors grew RSS by " + x / 1024 + " KiB (< 5 MiB)");
            Check(r < 5 * 1024 * 1024, "50,000 returned tokenizer Words grew RSS by " + r / 1024 + " KiB (< 5 MiB)");
        }
    }
}
