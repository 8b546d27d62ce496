// Feature `services_results`: fallible constructors. A static factory returning Result<Self, E>
// (KvStore.Open, KvStore.OpenOrMessage) returns the object or throws the error type's exception;
// a fallible Rust `new` is a C# constructor that throws (new Gate(code)); a panic in a constructor
// is a RustPanicException; no object is left alive by a failed constructor. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ServicesResultsTests
    {
        internal static void Run()
        {
            Eq(Services.Live(), 0L, "no service alive at the start");
            using (KvStore s = KvStore.Open("opened"))
            {
                Eq(s.Label(), "opened", "KvStore.Open(\"opened\").Label()");
                Eq(Services.Live(), 1L, "one object alive");
            }
            Eq(Services.Live(), 0L, "freed by using");
            OpenFails("", OpenError.EmptyLabel, "the label is empty");
            OpenFails("reserved-1", OpenError.Reserved, "labels starting with `reserved` are reserved");
            Panics(() => KvStore.Open("panic"), "panic in `kv_store_open`: open panic", "a panic in a static constructor");
            using (KvStore m = KvStore.OpenOrMessage("m"))
            {
                Eq(m.Label(), "m", "KvStore.OpenOrMessage(\"m\").Label()");
            }
            try
            {
                KvStore.OpenOrMessage("");
                Check(false, "OpenOrMessage(\"\"): no exception");
            }
            catch (ConformanceException e)
            {
                Check(e.GetType() == typeof(ConformanceException), "a String error is the base exception: " + e.GetType());
                Eq(e.Message, "the label is empty", "the String error's text");
            }

            using (Gate g = new Gate(7))
            {
                Eq(g.Code(), 7U, "new Gate(7).Code()");
            }
            GateFails(0, OpenError.EmptyLabel);
            GateFails(1, OpenError.Reserved);
            Panics(() => new Gate(13), "panic in `gate_new`: unlucky gate", "a panic in a throwing C# constructor");
            Eq(Services.Live(), 0L, "nothing alive after the failed constructors");
            ResultMethods();
            Eq(Services.Live(), 0L, "nothing alive at the end");
        }

        /// <summary>Methods returning results and a constructor taking another service
        /// (Interoptopus's "result" and "dependent" services).</summary>
        private static void ResultMethods()
        {
            using (KvStore store = new KvStore())
            {
                try
                {
                    Gate.FromStore(store);
                    Check(false, "Gate.FromStore of a store whose counter is 0: no exception");
                }
                catch (OpenErrorException e)
                {
                    Eq(e.Error, OpenError.EmptyLabel, "Gate.FromStore error");
                }
                store.Add(8);
                using (Gate g = Gate.FromStore(store))
                {
                    Eq(g.Code(), 8U, "Gate.FromStore(store).Code()");
                    g.Check(8);
                    Check(true, "Check(8) returned");
                    try
                    {
                        g.Check(9);
                        Check(false, "Check(9): no exception");
                    }
                    catch (OpenErrorException e)
                    {
                        Eq(e.Error, OpenError.Reserved, "Check(9) error");
                    }
                    Eq(g.Pick(new uint[] { 10, 20, 30 }, 1), 20U, "Pick(values, 1)");
                    Throws<OpenErrorException>(() => g.Pick(new uint[] { 10 }, 1), "Pick out of range");
                    Eq(g.Name(), "gate 8", "Name()");
                    Eq(g.Half(), (uint?)4, "Half() of 8");
                }
                using (Gate odd = new Gate(7))
                {
                    Eq(odd.Half(), (uint?)null, "Half() of 7");
                }
            }
        }

        private static void OpenFails(string label, OpenError expected, string message)
        {
            try
            {
                KvStore.Open(label);
                Check(false, "Open(\"" + label + "\"): no exception");
            }
            catch (OpenErrorException e)
            {
                Eq(e.Error, expected, "Open(\"" + label + "\") error");
                Eq(e.Message, message, "Open(\"" + label + "\") message");
            }
        }

        private static void GateFails(uint code, OpenError expected)
        {
            try
            {
                new Gate(code).Dispose();
                Check(false, "new Gate(" + code + "): no exception");
            }
            catch (OpenErrorException e)
            {
                Eq(e.Error, expected, "new Gate(" + code + ") error");
            }
        }
    }
}
