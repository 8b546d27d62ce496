// Callbacks, from C#: the closure slot table of the raw layer (ADR 38, typed per delegate type since
// ADR 44), through the conformance fixture's `callbacks` feature, and a returned Rust closure taking a
// string and a record owning data (`callback_args`). Part of CallbacksTests.cs's class.

using System;
using System.Threading;
using Interop.Conformance;

namespace CallbacksTests
{
    internal static partial class Program
    {
        // Closure slots are numbered across delegate types and typed per type (ADR 44): 40 kept handlers
        // grow the OnEvent table, their freed slots go to delegates of other types, then to handlers again.
        private static void ManySlots()
        {
            Emitter emitter = Emitter.Create();
            long sum = 0;
            Action<uint> subscribe = first =>
            {
                for (uint w = first; w < first + 40; w++)
                {
                    uint weight = w;
                    emitter.Subscribe(v => Interlocked.Add(ref sum, v * weight));
                }
            };
            subscribe(1);
            Eq(emitter.Emit(1) + "," + sum, "40,820", "40 kept handlers, each with its own weight");
            emitter.Clear();
            ulong logged = 0;
            emitter.SetLogger(v => logged += v);
            Check(emitter.Log(5), "a logger (Action<ulong>) in a slot an OnEvent handler had");
            Eq(Callbacks.CallTwice(x => x + 7, 1), 15u, "a borrowed MyCallback next to it");
            sum = 0;
            subscribe(101);
            Check(emitter.Log(6) && logged == 11, "the logger after its neighbours' slots were taken again");
            Eq(emitter.Emit(2) + "," + sum, "40," + 2 * (40 * 100 + 820), "40 handlers in reused slots, each its own");
            emitter.SetLogger(null);
            emitter.Clear();
            Eq(emitter.Emit(1), 0u, "all released");
            Emitter.Destroy(emitter);
        }

        // A returned Rust closure whose parameters own data or borrow (`&str`, a record with a `String`
        // and a `Vec<String>`, by value): invoked as a method and as a delegate, refused inputs named.
        private static void ReturnedOwning()
        {
            using (ClosureStrCbTaggedToU32 count = Callbacks.MakeTagCounter(100))
            {
                Eq(count.Invoke("a", new CbTagged("x", new[] { "a", "b", "a" })), 2u, "tags counted");
                Func<string, CbTagged, uint> asDelegate = count.ToDelegate();
                Eq(asDelegate("\u00e9", new CbTagged("\u00e9", new[] { "\u00e9" })), 101u, "name and tag (UTF-8)");
                var nul = Throws<ArgumentNullException>(() => count.Invoke("a", new CbTagged("x", null)), "null field refused");
                Eq(nul.ParamName, "arg1.tags", "the refused field named");
                Throws<ArgumentException>(() => count.Invoke("\udc80", new CbTagged("x", new string[0])), "lone surrogate refused");
                Eq(count.Invoke("b", new CbTagged("b", new[] { "b" })), 101u, "usable after refused calls");
                // Issue 13: the arena holding the first argument's UTF-8 (1 MiB) is disposed in a
                // `finally` when the second argument is refused (it leaked before: RSS grew ~300 MiB).
                string big = new string('a', 1 << 20);
                var bad = new CbTagged("\udc80", new string[0]);
                int refused = 0;
                long grew = Growth(300, 10, () =>
                {
                    try
                    {
                        count.Invoke(big, bad);
                    }
                    catch (ArgumentException e) when (e.ParamName == "arg1.name")
                    {
                        refused++;
                    }
                });
                Eq(refused, 310, "every throwing Invoke refused the second argument");
                Check(grew < 48 * 1024 * 1024, "300 throwing Invokes grew RSS by " + grew / 1024 + " KiB (< 48 MiB)");
            }
            using (ClosureSliceF64ToF64 weigh = Callbacks.MakeWeigher(new[] { 1.0, 2.0 }))
            {
                Eq(weigh.Invoke(new[] { 3.0, 4.0 }), 11.0, "a returned closure taking a slice");
                Throws<RustPanicException>(() => weigh.Invoke(new[] { 1.0 }), "its panic, as the panic exception");
            }
        }
    }
}
