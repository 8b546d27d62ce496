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
