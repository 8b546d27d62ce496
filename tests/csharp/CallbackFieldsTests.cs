// Feature `callback_fields`: a record of closures (ADR 30), the class Handlers with delegate
// properties, passed by value to a function that runs with it (Callbacks.RunJob: the delegates are
// released when it returns) and to a service constructor that keeps it (Notifier.Create: released
// on Reset or Destroy), checked with WeakReference; a null required field throws
// ArgumentNullException naming it (and keeps nothing alive); an absent optional field; calls from
// 8 Rust threads; exceptions rethrown from the call or raised on
// Conformance.UnhandledCallbackException on Rust threads; resident memory over many RunJob calls;
// delegates handed over next to an argument the library refuses (an enum value that is no variant,
// ADR 36) released by the library's drop.
// Built from the bindings of tests/csharp/callbacks.rs (features callbacks, callback_args,
// callback_fields), run on Mono and .NET 8 with the same output. Prints "N passed, M failed"; exits 1
// when anything failed.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Interop.Conformance;

namespace CallbackFieldsTests
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

        private static void Throws<E>(Action call, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E)
            {
                Check(true, what);
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType());
            }
        }

        private static int Main()
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Check(false, "unexpected exception: " + e);
            }
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        private static void Run()
        {
            RunJob();
            Released();
            NullFields();
            NotifierKeeps();
            NotifierDestroyed();
            Threads();
            Exceptions();
            Memory();
            Ownership();
        }

        private static void FullGc()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        private static void RunJob()
        {
            var progress = new List<string>();
            var steps = new List<uint>();
            var events = new List<uint>();
            var h = new Handlers
            {
                OnProgress = (done, total) => progress.Add(done + "/" + total),
                OnStep = s => steps.Add(s),
                OnEvent = e => events.Add(e),
                Skip = 1,
            };
            Eq(Callbacks.RunJob(4, h), 3u, "RunJob runs the steps after the skipped one");
            Eq(string.Join(",", progress), "1/3,2/3,3/3", "OnProgress with a lambda of two arguments");
            Eq(string.Join(",", steps), "1,2,3", "OnStep (optional, present)");
            Eq(string.Join(",", events), "1,2,3", "OnEvent (the named delegate OnEvent)");
            h.OnStep = null;
            h.Skip = 0;
            Eq(Callbacks.RunJob(2, h), 2u, "the object is reused; an absent OnStep");
            Eq(events.Count, 5, "OnEvent called again");
            Eq(steps.Count, 3, "OnStep absent: not called");
            var positional = new Handlers((d, t) => { }, null, e => events.Add(e + 100), 0);
            Eq(Callbacks.RunJob(1, positional), 1u, "the constructor with every field");
            Eq(events[events.Count - 1], 100u, "its OnEvent called");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference[] RunAndForget()
        {
            // Each lambda captures a local: mcs caches a lambda capturing nothing in a static field.
            var seen = new List<ulong>();
            Action<ulong, ulong> progress = (d, t) => seen.Add(d);
            OnEvent step = s => seen.Add(s);
            OnEvent ev = e => seen.Add(e);
            Callbacks.RunJob(3, new Handlers(progress, step, ev, 0));
            return new[] { new WeakReference(progress), new WeakReference(step), new WeakReference(ev) };
        }

        private static void Released()
        {
            WeakReference[] weak = RunAndForget();
            FullGc();
            Check(!weak[0].IsAlive && !weak[1].IsAlive && !weak[2].IsAlive,
                "every delegate released when RunJob returns");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference[] NullField(bool first)
        {
            var seen = new List<ulong>();
            Action<ulong, ulong> progress = (d, t) => seen.Add(d);
            OnEvent step = s => seen.Add(s);
            OnEvent ev = e => seen.Add(e);
            var h = new Handlers(first ? null : progress, step, first ? ev : null, 0);
            try
            {
                Callbacks.RunJob(3, h);
                Check(false, "a null required field: no exception");
            }
            catch (ArgumentNullException e)
            {
                Eq(e.ParamName, first ? "handlers.OnProgress" : "handlers.OnEvent",
                    "ArgumentNullException names the field");
            }
            return new[] { new WeakReference(progress), new WeakReference(step), new WeakReference(ev) };
        }

        private static void NullFields()
        {
            foreach (bool first in new[] { true, false })
            {
                // On a thread of its own: Mono scans stacks conservatively, and the stale slots the
                // exception leaves on this thread's stack could keep the delegates alive.
                WeakReference[] weak = null;
                var thread = new Thread(() => { weak = NullField(first); });
                thread.Start();
                thread.Join();
                FullGc();
                Check(!weak[0].IsAlive && !weak[1].IsAlive && !weak[2].IsAlive,
                    "a refused record keeps no delegate alive");
            }
            Throws<ArgumentNullException>(() => Callbacks.RunJob(1, null), "a null record");
            Throws<ArgumentNullException>(() => Notifier.Create(new Handlers()), "an empty record");
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Notifier Make(List<string> sink, out WeakReference weakProgress, out WeakReference weakEvent)
        {
            Action<ulong, ulong> progress = (v, t) => { lock (sink) { sink.Add("p" + v + "/" + t); } };
            OnEvent ev = v => { lock (sink) { sink.Add("e" + v); } };
            weakProgress = new WeakReference(progress);
            weakEvent = new WeakReference(ev);
            return Notifier.Create(new Handlers { OnProgress = progress, OnEvent = ev });
        }

        private static void NotifierKeeps()
        {
            var sink = new List<string>();
            WeakReference p, e;
            Notifier n = Make(sink, out p, out e);
            FullGc();
            Check(p.IsAlive && e.IsAlive, "the notifier keeps its delegates alive");
            Check(n.Notify(7, 10) && n.Notify(1, 10), "Notify with handlers");
            Eq(string.Join(",", sink), "e7,p7/10,e1,p1/10", "kept delegates called by later methods");
            n.Reset();
            FullGc();
            Check(!p.IsAlive && !e.IsAlive, "released on Reset");
            Check(!n.Notify(1, 1), "Notify after Reset");
            Notifier.Destroy(n);
        }

        private static void NotifierDestroyed()
        {
            WeakReference p, e;
            Notifier n = Make(new List<string>(), out p, out e);
            FullGc();
            Check(p.IsAlive && e.IsAlive, "kept until destroyed");
            Notifier.Destroy(n);
            FullGc();
            Check(!p.IsAlive && !e.IsAlive, "released when the notifier is destroyed");
        }

        private static void Threads()
        {
            long calls = 0;
            long sum = 0;
            var h = new Handlers
            {
                OnProgress = (v, t) => { },
                OnEvent = v =>
                {
                    Interlocked.Increment(ref calls);
                    Interlocked.Add(ref sum, v);
                    if (v == 500)
                    {
                        GC.Collect();
                    }
                },
            };
            Notifier n = Notifier.Create(h);
            try
            {
                Eq(n.NotifyFromThreads(8, 10000), 80000UL, "8 Rust threads x 10,000 calls");
                Eq(Interlocked.Read(ref calls), 80000L, "no lost call");
                Eq(Interlocked.Read(ref sum), 8L * (9999L * 10000L / 2), "every value arrived");
            }
            finally
            {
                Notifier.Destroy(n);
            }
        }

        private static void Exceptions()
        {
            var sync = new FormatException("progress failed");
            var h = new Handlers { OnProgress = (v, t) => { throw sync; }, OnEvent = v => { } };
            try
            {
                Callbacks.RunJob(3, h);
                Check(false, "no exception from RunJob");
            }
            catch (FormatException e)
            {
                Check(ReferenceEquals(e, sync), "the original exception rethrown from RunJob");
            }
            Eq(*ConformanceNative.PanicPending, 0u, "nothing pending after the rethrow");
            var boom = new ApplicationException("event failed on a Rust thread");
            Exception unhandled = null;
            int count = 0;
            EventHandler<UnhandledExceptionEventArgs> handler = (sender, e) =>
            {
                Interlocked.Increment(ref count);
                unhandled = (Exception)e.ExceptionObject;
            };
            Conformance.UnhandledCallbackException += handler;
            Notifier n = Notifier.Create(new Handlers { OnProgress = (v, t) => { }, OnEvent = v => { throw boom; } });
            try
            {
                Eq(n.NotifyFromThreads(2, 3), 6UL, "Rust went on after the exceptions");
            }
            finally
            {
                Conformance.UnhandledCallbackException -= handler;
                Notifier.Destroy(n);
            }
            Check(ReferenceEquals(unhandled, boom), "UnhandledCallbackException got it");
            Eq(count, 6, "once per failed call on a Rust thread");
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        private static void Memory()
        {
            ulong total = 0;
            var h = new Handlers { OnProgress = (v, t) => { total += v; }, OnStep = s => { }, OnEvent = e => { } };
            for (int i = 0; i < 20000; i++)
            {
                Callbacks.RunJob(2, h);
            }
            FullGc();
            long before = ResidentBytes();
            for (int i = 0; i < 200000; i++)
            {
                Callbacks.RunJob(2, h);
            }
            FullGc();
            long grown = ResidentBytes() - before;
            Check(grown < 5L * 1024 * 1024, "200,000 RunJob calls: resident memory grew by " + grown + " bytes (< 5 MB)");
            Eq(total, 220000UL * 3UL, "every progress call arrived");
        }
    

        // ---- ADR 36: a refused argument next to a kept delegate ----

        private static void Ownership()
        {
            var seen = new List<uint>();
            OnEvent ev = v => seen.Add(v);
            Eq(Callbacks.KeepAfter("four", CbRepeat.Twice, ev), 2u, "KeepAfter");
            Eq(Callbacks.KeepBefore(v => seen.Add(v), CbRepeat.Once, "abc"), 1u, "KeepBefore");
            Eq(Callbacks.RunJobRepeated(CbRepeat.Twice, 1, new Handlers((d, t) => { }, null, ev, 0)), 2u,
                "RunJobRepeated");
            for (int which = 0; which < 3; which++)
            {
                // On a thread of its own, as in NullFields (Mono scans stacks conservatively).
                int w = which;
                WeakReference weak = null;
                var thread = new Thread(() => { weak = Refused(w); });
                thread.Start();
                thread.Join();
                FullGc();
                Check(!weak.IsAlive, "case " + which + ": the delegate is released after the refused call");
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference Refused(int which)
        {
            var seen = new List<uint>();
            OnEvent ev = v => seen.Add(v);
            string expected = which == 0 ? "Callbacks.KeepAfter argument 'repeat': 7 is not a value of enum `CbRepeat`"
                : which == 1 ? "Callbacks.KeepBefore argument 'repeat': 3 is not a value of enum `CbRepeat`"
                : "Callbacks.RunJobRepeated argument 'repeat': 9 is not a value of enum `CbRepeat`";
            try
            {
                if (which == 0)
                {
                    Callbacks.KeepAfter("x", (CbRepeat)7, ev);
                }
                else if (which == 1)
                {
                    Callbacks.KeepBefore(ev, (CbRepeat)3, "x");
                }
                else
                {
                    Callbacks.RunJobRepeated((CbRepeat)9, 1, new Handlers((d, t) => seen.Add((uint)d), null, ev, 0));
                }
                Check(false, "case " + which + ": no exception");
            }
            catch (ArgumentException e)
            {
                Check(e.Message.StartsWith(expected, StringComparison.Ordinal) && e.ParamName == "repeat" && seen.Count == 0,
                    "case " + which + ": refused (ArgumentException, ParamName repeat), nothing called: " + e.Message);
            }
            return new WeakReference(ev);
        }
    }
}
