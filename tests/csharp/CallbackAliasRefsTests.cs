// Named callback types whose parameters borrow, from C# (the conformance fixture's
// `callback_alias_refs` feature, ADR 60): each is its own delegate type (OnMessage, OnChunk,
// OnPoint, OnWord, OnText) used in the signatures; a lambda or a variable of the delegate type
// works. A kept OnMessage called from a Rust thread, an optional one, a FnMut over uint[] chunks, an
// owned string returned, a Result (CbErrorException), a record of them, a service method keeping
// one, and a returned OnTextClosure called with our strings. Run on Mono and .NET 8 with the same
// output (tests/csharp/callback_alias_refs.rs). Prints "N passed, M failed"; exits 1 when anything
// failed.

using System;
using System.Collections.Generic;
using Interop.Conformance;

namespace CallbackAliasRefsTests
{
    internal static class Program
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

        private static int Main()
        {
            Kept();
            Borrowed();
            Returned();
            Record();
            Service();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Kept()
        {
            var seen = new List<string>();
            OnMessage handler = s => { lock (seen) { seen.Add(s); } };
            Eq(Callbacks.AliasDeliver(handler, "h\u00e9llo"), 2u, "alias_deliver: two calls");
            Eq(string.Join(";", seen), "h\u00e9llo;oll\u00e9h", "called from a Rust thread, then this one");
            Eq(Callbacks.AliasMaybeDeliver(s => seen.Add("maybe " + s), "x"), true, "an optional handler (a lambda)");
            Eq(Callbacks.AliasMaybeDeliver(null, "x"), false, "null is None");
            Eq(seen.Count, 3, "three messages");
            try
            {
                Callbacks.AliasDeliver(handler, null);
                Check(false, "a null message is refused");
            }
            catch (ArgumentNullException e)
            {
                Eq(e.ParamName, "message", "ArgumentNullException names the argument");
            }
            Eq(seen.Count, 3, "not called after the refusal");
        }

        private static void Borrowed()
        {
            var chunks = new List<int>();
            uint sum = 0;
            OnChunk chunk = c => { chunks.Add(c.Length); foreach (uint v in c) { sum += v; } return (uint)c.Length; };
            Eq(Callbacks.AliasVisit(new uint[] { 1, 2, 3, 4, 5 }, 2, chunk), 5u, "alias_visit: every value used");
            Eq(string.Join(",", chunks), "2,2,1", "chunks of 2");
            Eq(sum, 15u, "their sum");

            OnPoint label = p => p.X + "," + p.Y;
            Eq(Callbacks.AliasLabel(new CbPoint { X = 1.5f, Y = -2f }, label), "1.5,-2|-2,1.5", "an owned string from a &CbPoint");
            Eq(Callbacks.AliasLabel(new CbPoint(), p => "\u00e9"), "\u00e9|\u00e9", "a non-ASCII label");

            OnWord word = w =>
            {
                if (w.Length > 5)
                {
                    throw new CbErrorException(CbError.TooLarge, "too large");
                }
                if (w == "odd")
                {
                    throw new CbErrorException(CbError.Odd, "odd");
                }
                return (uint)w.Length;
            };
            Eq(Callbacks.AliasCheckWords("ab odd abcdefg x", word), 2u + 1000u + 2000u + 1u, "Err from CbErrorException");
            try
            {
                Callbacks.AliasCheckWords("boom", w => { throw new InvalidOperationException("boom"); });
                Check(false, "another exception is rethrown");
            }
            catch (InvalidOperationException e)
            {
                Eq(e.Message, "boom", "the callback's exception, rethrown by the waiting call");
            }
        }

        private static void Returned()
        {
            using (OnTextClosure measure = Callbacks.AliasMakeMeasure(10))
            {
                Eq(measure.Invoke("h\u00e9"), 12u, "a returned closure called with our string");
                OnText d = measure.ToDelegate();
                Eq(d("abcd"), 14u, "through its delegate");
                Eq(measure.Invoke(""), 10u, "an empty string");
                try
                {
                    measure.Invoke(null);
                    Check(false, "null is refused");
                }
                catch (ArgumentNullException)
                {
                    Check(true, "null is refused before the call");
                }
            }
        }

        private static void Record()
        {
            var lines = new List<string>();
            int labels = 0;
            var handlers = new AliasHandlers
            {
                OnLine = s => lines.Add(s),
                OnOrigin = p => { labels++; return "o"; },
            };
            Eq(Callbacks.AliasRun("a\nbb\n", handlers), 102u, "alias_run: two lines and a label");
            Eq(string.Join(";", lines), "a;bb", "the lines");
            Eq(labels, 1, "the origin labelled once");
            Eq(Callbacks.AliasRun("x", new AliasHandlers(s => lines.Add(s), null)), 1u, "no origin handler");
            try
            {
                Callbacks.AliasRun("x", new AliasHandlers());
                Check(false, "a null required handler is refused");
            }
            catch (ArgumentNullException e)
            {
                Eq(e.ParamName, "handlers.OnLine", "ArgumentNullException names the field");
            }
        }

        private static void Service()
        {
            var seen = new List<string>();
            using (var bus = new AliasBus())
            {
                Eq(bus.Subscribe(s => { lock (seen) { seen.Add("a:" + s); } }), 1u, "one subscriber");
                OnMessage b = s => { lock (seen) { seen.Add("b:" + s); } };
                Eq(bus.Subscribe(b), 2u, "two subscribers");
                Eq(bus.PublishOnThread("ping"), 2u, "both called from a Rust thread");
                Eq(string.Join(";", seen), "a:ping;b:ping", "in order");
                bus.Clear();
                Eq(bus.PublishOnThread("none"), 0u, "none after Clear");
            }
            Eq(seen.Count, 2, "nothing more");
        }
    }
}
