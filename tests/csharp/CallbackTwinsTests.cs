// Named callback types sharing a signature, from C# (the conformance fixture's `callback_twins`
// feature, ADR 42): `OnProgress` and `OnResize` (both `dyn Fn(u64, u64)`), `OnEvent` and `OnChange`
// (both `dyn Fn(u32)`) are four delegate types; each parameter, return and record property has the
// one its Rust source spelled (lambdas typed as each delegate are passed, and reflection checks the
// parameter types), a closure spelled without an alias is an `Action<ulong, ulong>`. Run on Mono and
// .NET 8 with the same output (tests/csharp/callback_twins.rs). Prints "N passed, M failed"; exits 1
// when anything failed.
//   mcs -langversion:7.2 -unsafe -warnaserror -out:CallbackTwinsTests.exe CallbackTwinsTests.cs <bindings>.cs

using System;
using System.Reflection;
using Interop.Conformance;

namespace CallbackTwinsTests
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

        private static Type ParamType(string method, int index)
        {
            MethodInfo m = typeof(Callbacks).GetMethod(method);
            return m == null ? null : m.GetParameters()[index].ParameterType;
        }

        private static void Types()
        {
            Check(typeof(OnProgress) != typeof(OnResize), "OnProgress and OnResize are two types");
            Check(typeof(OnEvent) != typeof(OnChange), "OnEvent and OnChange are two types");
            Eq(ParamType("TwinProgress", 1), typeof(OnProgress), "TwinProgress(onProgress)");
            Eq(ParamType("TwinResize", 0), typeof(OnResize), "TwinResize(onResize)");
            Eq(ParamType("TwinMaybeResize", 0), typeof(OnResize), "TwinMaybeResize(onResize)");
            Eq(ParamType("TwinEventThenChange", 0), typeof(OnEvent), "TwinEventThenChange(onEvent)");
            Eq(ParamType("TwinEventThenChange", 1), typeof(OnChange), "TwinEventThenChange(onChange)");
            Eq(ParamType("TwinUnnamed", 0), typeof(Action<ulong, ulong>), "TwinUnnamed(f): unnamed");
            Eq(typeof(Callbacks).GetMethod("TwinMakeResize").ReturnType, typeof(OnResizeClosure),
                "TwinMakeResize returns an OnResizeClosure");
            Eq(typeof(OnResizeClosure).GetMethod("ToDelegate").ReturnType, typeof(OnResize),
                "OnResizeClosure.ToDelegate returns an OnResize");
            Eq(typeof(TwinHandlers).GetProperty("OnProgress").PropertyType, typeof(OnProgress),
                "TwinHandlers.OnProgress");
            Eq(typeof(TwinHandlers).GetProperty("OnResize").PropertyType, typeof(OnResize),
                "TwinHandlers.OnResize");
            Eq(typeof(TwinHandlers).GetProperty("OnChange").PropertyType, typeof(OnChange),
                "TwinHandlers.OnChange");
            // The other items keep their types: `Emitter.Subscribe` spells `OnEvent`,
            // `Watcher.OnChange` spells `OnChange`.
            Eq(typeof(Emitter).GetMethod("Subscribe").GetParameters()[0].ParameterType, typeof(OnEvent),
                "Emitter.Subscribe(handler)");
            Eq(typeof(Watcher).GetMethod("OnChange").GetParameters()[0].ParameterType, typeof(OnChange),
                "Watcher.OnChange(listener)");
        }

        private static void Calls()
        {
            ulong progressSum = 0;
            OnProgress progress = (done, total) => progressSum += done * 100 + total;
            Eq(Callbacks.TwinProgress(3, progress), 6ul, "TwinProgress");
            Eq(progressSum, 103ul + 203 + 303, "the OnProgress lambda was called");

            ulong resized = 0;
            OnResize resize = (w, h) => resized += w * 100 + h;
            Eq(Callbacks.TwinResize(resize, 4, 5), 20ul, "TwinResize");
            Eq(resized, 405ul, "the OnResize lambda was called on a Rust thread");
            Check(Callbacks.TwinMaybeResize(resize, 6, 7), "TwinMaybeResize with a delegate");
            Eq(resized, 405ul + 607, "the OnResize lambda was called again");
            Check(!Callbacks.TwinMaybeResize(null, 6, 7), "TwinMaybeResize with null");

            uint seenEvent = 0;
            uint seenChange = 0;
            OnEvent onEvent = x => seenEvent = x;
            OnChange onChange = x => seenChange = x;
            Eq(Callbacks.TwinEventThenChange(onEvent, onChange, 10), 11u, "TwinEventThenChange");
            Check(seenEvent == 10 && seenChange == 11, "OnEvent and OnChange called in order");

            ulong unnamed = 0;
            Callbacks.TwinUnnamed((a, b) => unnamed = a * 100 + b, 2, 3);
            Eq(unnamed, 203ul, "TwinUnnamed with an Action");

            ulong before = Callbacks.TwinResizedArea();
            using (OnResizeClosure closure = Callbacks.TwinMakeResize(2))
            {
                closure.Invoke(3, 4);
                OnResize asDelegate = closure.ToDelegate();
                asDelegate(1, 1);
            }
            Eq(Callbacks.TwinResizedArea() - before, 2ul * 12 + 2 * 1, "the returned OnResize");

            ulong recordProgress = 0;
            ulong recordResize = 0;
            uint recordChange = 0;
            var handlers = new TwinHandlers
            {
                OnProgress = (done, total) => recordProgress += done * 100 + total,
                OnResize = (w, h) => recordResize = w * 100 + h,
                OnChange = x => recordChange += x,
            };
            Eq(Callbacks.TwinRun(3, handlers), 3u, "TwinRun");
            Check(recordProgress == 103 + 203 + 303 && recordResize == 303 && recordChange == 0 + 1 + 2,
                "TwinHandlers' fields called");
            recordProgress = 0;
            recordResize = 0;
            Eq(Callbacks.TwinRun(2, new TwinHandlers((d, t) => recordProgress += d, null, x => { })), 2u,
                "TwinRun without OnResize");
            Check(recordProgress == 1 + 2 && recordResize == 0, "the optional field absent");
        }

        private static int Main()
        {
            Types();
            Calls();
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }
    }
}
