// Feature `services_callbacks`: services that call and keep callbacks. A borrowed delegate called
// synchronously (Visit), a kept listener called by later methods and by a Rust thread the service
// starts, replaced, cleared and released when the object is disposed (WeakReference), a constructor
// keeping a delegate, a delegate returning a value or throwing the error type's exception (Err) or
// another exception (rethrown from the call); exceptions on the Rust thread raised on
// Conformance.UnhandledCallbackException; `&CStr` parameters and a `&'static CStr` return; 8 threads
// on one watcher with a listener; the live counter back to 0. See Runner.cs.

using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static class ServicesCallbacksTests
    {
        internal static void Run()
        {
            Eq(ServicesCallbacks.WatchersLive(), 0L, "no watcher alive at the start");
            Borrowed();
            Kept();
            ReleasedOnDispose();
            RustThread();
            Constructor();
            Results();
            CStrings();
            Threads();
            BorrowedFromSelf();
            FullGc();
            Eq(ServicesCallbacks.WatchersLive(), 0L, "every watcher freed");
        }

        private static void FullGc()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        private static void Borrowed()
        {
            using (Watcher w = Watcher.Named("w"))
            {
                Check(w.Set(3) && w.Set(1) && w.Set(4), "set");
                var seen = new List<uint>();
                w.Visit(v => seen.Add(v));
                Eq(string.Join(",", seen), "3,1,4", "Visit calls the delegate with the history");
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference Listen(Watcher w, List<uint> sink)
        {
            OnChange listener = v => { lock (sink) { sink.Add(v); } };
            w.OnChange(listener);
            return new WeakReference(listener);
        }

        private static void Kept()
        {
            var sink = new List<uint>();
            using (Watcher w = Watcher.Named("w"))
            {
                WeakReference weak = Listen(w, sink);
                FullGc();
                Check(weak.IsAlive, "the watcher keeps the listener alive");
                Check(w.Set(5) && w.Set(6), "set with a listener");
                Eq(string.Join(",", sink), "5,6", "later methods call the kept listener");
                w.ClearListener();
                FullGc();
                Check(!weak.IsAlive, "released when the watcher drops it");
                Check(w.Set(7), "set without a listener");
                Eq(sink.Count, 2, "a cleared listener is not called");
                var second = new List<uint>();
                WeakReference first = Listen(w, sink);
                Listen(w, second);
                FullGc();
                Check(!first.IsAlive, "a replaced listener is released");
                w.Set(8);
                Eq(string.Join(",", second), "8", "the new listener is called");
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference ListenAndDispose()
        {
            Watcher w = Watcher.Named("w");
            WeakReference weak = Listen(w, new List<uint>());
            w.Dispose();
            return weak;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference ListenAndForget()
        {
            Watcher w = Watcher.Named("w");
            return Listen(w, new List<uint>());
        }

        private static void ReleasedOnDispose()
        {
            WeakReference weak = ListenAndDispose();
            FullGc();
            Check(!weak.IsAlive, "the listener is released when the watcher is disposed");
            weak = ListenAndForget();
            FullGc();
            FullGc();
            Check(!weak.IsAlive, "and when a forgotten watcher is finalized");
        }

        private static void RustThread()
        {
            var sink = new List<uint>();
            using (Watcher w = Watcher.Named("w"))
            {
                Eq(w.NotifyOnThread(10, 3), 0u, "no listener yet");
                Listen(w, sink);
                Eq(w.NotifyOnThread(10, 1000), 1000u, "calls from a Rust thread");
                Eq(sink.Count, 1000, "every call arrived");
                Eq(sink[0] + sink[999], 10u + 1009u, "in order");
                Exception unhandled = null;
                int count = 0;
                EventHandler<UnhandledExceptionEventArgs> handler = (sender, e) =>
                {
                    unhandled = (Exception)e.ExceptionObject;
                    count++;
                };
                Conformance.UnhandledCallbackException += handler;
                var boom = new ApplicationException("listener failed on a Rust thread");
                w.OnChange(v => { throw boom; });
                Eq(w.NotifyOnThread(1, 2), 2u, "Rust went on after the exceptions");
                Conformance.UnhandledCallbackException -= handler;
                Check(ReferenceEquals(unhandled, boom), "UnhandledCallbackException got it");
                Eq(count, 2, "once per failed call");
                var sync = new FormatException("listener failed");
                w.OnChange(v => { throw sync; });
                try
                {
                    w.Set(3);
                    Check(false, "no exception from Set");
                }
                catch (FormatException e)
                {
                    Check(ReferenceEquals(e, sync), "the original exception rethrown from Set");
                }
                Eq(w.Value(), 3u, "Rust went on: the value was set");
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Watcher Filtered(List<uint> calls, out WeakReference weak)
        {
            Func<uint, bool> even = v => { calls.Add(v); return v % 2 == 0; };
            weak = new WeakReference(even);
            return Watcher.WithFilter(even);
        }

        private static void Constructor()
        {
            var calls = new List<uint>();
            WeakReference weak;
            Watcher w = Filtered(calls, out weak);
            FullGc();
            Check(weak.IsAlive, "the filter is kept");
            Check(w.Set(2), "2 accepted");
            Check(!w.Set(3), "3 refused");
            Eq(w.Value(), 2u, "the value");
            Eq(string.Join(",", calls), "2,3", "the filter saw both");
            w.Dispose();
            FullGc();
            Check(!weak.IsAlive, "the filter is released with the watcher");
            Throws<ArgumentNullException>(() => Watcher.WithFilter(null), "a null filter");
        }

        private static void Results()
        {
            using (Watcher w = Watcher.Named("w"))
            {
                w.Set(4);
                Eq(w.Update(v => v + 2), 6u, "Ok from the delegate");
                try
                {
                    w.Update(v => { throw new WatchErrorException(WatchError.Odd, "odd"); });
                    Check(false, "no exception from Update");
                }
                catch (WatchErrorException e)
                {
                    Eq(e.Error, WatchError.Odd, "Err(Odd) came back as the error");
                }
                Eq(w.Value(), 6u, "the value stays");
                var other = new InvalidTimeZoneException("other");
                try
                {
                    w.Update(v => { throw other; });
                    Check(false, "no exception from Update");
                }
                catch (InvalidTimeZoneException e)
                {
                    Check(ReferenceEquals(e, other), "another exception rethrown from Update");
                }
                Eq(w.Value(), 6u, "the value stays after another exception");
            }
        }

        private static void CStrings()
        {
            string kind;
            using (Watcher w = Watcher.Named("é"))
            {
                kind = w.Kind();
                w.Rename("renamed");
            }
            Eq(kind, "watcher", "a &'static CStr return is a string");
            Throws<ArgumentException>(() => Watcher.Named("nul\0inside"), "a NUL inside a &CStr");
            Throws<ArgumentNullException>(() => Watcher.Named(null), "a null &CStr");
            Watcher d = Watcher.Named("d");
            d.Dispose();
            Throws<ObjectDisposedException>(() => d.OnChange(v => { }), "OnChange after Dispose");
            Throws<ObjectDisposedException>(() => d.Visit(v => { }), "Visit after Dispose");
        }

        private static void BorrowedFromSelf()
        {
            byte[] data;
            string name, label;
            using (Watcher w = Watcher.Named("first"))
            {
                Eq(w.Data().Length, 0, "empty data");
                w.Set(0x101);
                w.Set(7);
                data = w.Data();
                name = w.Name();
                label = w.Label();
                Eq(string.Join(",", data), "1,7", "&[u8] borrowed from self is a byte[] copy");
                Eq(name, "first", "&str borrowed from self is a string");
                Eq(label, "first", "&CStr borrowed from self is a string");
                w.Rename("é");
                w.Set(9);
                Eq(string.Join(",", data), "1,7", "the copy is unchanged by a later &mut self call");
                Eq(string.Join(",", w.Data()), "1,7,9", "a new copy");
                Eq(w.Name(), "é", "the new name");
                Eq(w.Label(), "é", "the new label");
            }
            Eq(name + label, "firstfirst", "copies outlive the object");
            Watcher d = Watcher.Named("d");
            d.Dispose();
            Throws<ObjectDisposedException>(() => d.Data(), "Data after Dispose");
        }

        private static void Threads()
        {
            long sum = 0;
            int calls = 0;
            using (Watcher w = Watcher.Named("w"))
            {
                w.OnChange(v => { Interlocked.Add(ref sum, v); Interlocked.Increment(ref calls); });
                var threads = new Thread[8];
                for (int t = 0; t < 8; t++)
                {
                    uint b = (uint)t * 1000;
                    threads[t] = new Thread(() =>
                    {
                        for (uint i = 0; i < 200; i++)
                        {
                            w.Set(b + i);
                        }
                    });
                    threads[t].Start();
                }
                foreach (Thread t in threads)
                {
                    t.Join();
                }
                int visited = 0;
                w.Visit(v => visited++);
                Eq(visited, 1600, "every set from 8 threads is in the history");
            }
            Eq(calls, 1600, "the listener saw every set");
            long expected = 0;
            for (long t = 0; t < 8; t++)
            {
                expected += t * 1000 * 200 + 199 * 200 / 2;
            }
            Eq(sum, expected, "the listener saw the right values");
        }
    }
}
