// Dispose of a service without a guard word (ADR 40): Dispose closes the object through the
// library's `_dispose` (it waits for the calls in progress, the Rust Drop runs at once) and the
// finalizer frees the handle. The live-object counter reaches 0 right after Dispose, before any GC;
// Dispose waits for a call in progress on another thread; Dispose racing with calls on other threads
// (many times): each call completes or throws ObjectDisposedException, never anything else; two
// threads disposing at once; the messages of a disposed and a consumed object; Dispose from inside
// one of the object's own calls is refused (InvalidOperationException). See Runner.cs.

using System;
using System.Threading;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static class ServiceDisposeTests
    {
        private const int Races = 200;
        private const int Callers = 3;

        internal static void Run()
        {
            Eq(Services.Live(), 0L, "no service alive at the start");
            DroppedAtDispose();
            WaitsForCall();
            RacesWithCalls();
            RacingDisposes();
            Messages();
            DisposeInsideCall();
            Eq(Services.Live(), 0L, "nothing alive at the end");
        }

        private static void DroppedAtDispose()
        {
            KvStore a = new KvStore();
            Tally t = Tally.StartingAt(3);
            Gate g = new Gate(7);
            Eq(Services.Live(), 3L, "three objects alive");
            a.Dispose();
            Eq(Services.Live(), 2L, "Dispose ran the Drop at once (no GC)");
            t.Dispose();
            g.Dispose();
            Eq(Services.Live(), 0L, "every Drop ran at Dispose");
            a.Dispose();
            Eq(Services.Live(), 0L, "Dispose twice: nothing happens");
        }

        private static void WaitsForCall()
        {
            KvStore s = new KvStore();
            s.Add(42);
            ulong result = 0;
            Exception error = null;
            Thread t = new Thread(() =>
            {
                try
                {
                    result = s.SlowCounter(500);
                }
                catch (Exception e)
                {
                    error = e;
                }
            });
            t.Start();
            Thread.Sleep(150);
            s.Dispose();
            Eq(Services.Live(), 0L, "Dispose waited for the call in progress, then dropped the value");
            t.Join();
            Check(error == null, "the call in progress completed: " + error);
            Eq(result, 42UL, "the call in progress saw the object");
        }

        private static void RacesWithCalls()
        {
            int completedRaces = 0;
            int bad = 0;
            string firstBad = null;
            Random random = new Random(40);
            for (int round = 0; round < Races; round++)
            {
                KvStore s = new KvStore();
                Thread[] threads = new Thread[Callers];
                Exception[] ends = new Exception[Callers];
                for (int i = 0; i < Callers; i++)
                {
                    int me = i;
                    threads[i] = new Thread(() =>
                    {
                        ulong last = 0;
                        try
                        {
                            while (true)
                            {
                                ulong n = s.Add(1);
                                if (n <= last)
                                {
                                    throw new InvalidOperationException("the counter went back: " + n + " after " + last);
                                }
                                last = n;
                            }
                        }
                        catch (Exception e)
                        {
                            ends[me] = e;
                        }
                    });
                    threads[i].Start();
                }
                Thread.Sleep(random.Next(0, 3));
                s.Dispose();
                long live = Services.Live();
                foreach (Thread t in threads)
                {
                    t.Join();
                }
                bool ok = live == 0;
                foreach (Exception e in ends)
                {
                    ok &= e is ObjectDisposedException;
                }
                if (ok)
                {
                    completedRaces++;
                }
                else if (bad++ == 0)
                {
                    firstBad = "live " + live + ", ends: " + string.Join(" | ", Array.ConvertAll(ends, e => e == null ? "none" : e.GetType().Name + ": " + e.Message));
                }
            }
            Eq(completedRaces, Races, "every call completed or threw ObjectDisposedException; the value dropped at Dispose" + (firstBad == null ? "" : " (" + firstBad + ")"));
        }

        private static void RacingDisposes()
        {
            int errors = 0;
            for (int round = 0; round < Races / 4; round++)
            {
                KvStore s = new KvStore();
                Thread[] threads = new Thread[2];
                for (int i = 0; i < threads.Length; i++)
                {
                    threads[i] = new Thread(() =>
                    {
                        try
                        {
                            s.Dispose();
                        }
                        catch (Exception)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    });
                    threads[i].Start();
                }
                foreach (Thread t in threads)
                {
                    t.Join();
                }
            }
            Eq(errors, 0, "two threads disposing at once: no exception");
            Eq(Services.Live(), 0L, "each value dropped once");
        }

        private static void Messages()
        {
            KvStore d = new KvStore();
            d.Dispose();
            try
            {
                d.Len();
                Check(false, "a call after Dispose: no exception");
            }
            catch (ObjectDisposedException e)
            {
                Check(e.Message.Contains("was disposed"), "the message says disposed: " + e.Message);
            }
            KvStore c = new KvStore();
            Eq(c.IntoLen(), 0UL, "a consuming method");
            c.Dispose();
            try
            {
                c.Len();
                Check(false, "a call after a consuming method: no exception");
            }
            catch (ObjectDisposedException e)
            {
                Check(e.Message.Contains("consumed"), "the message says consumed: " + e.Message);
            }
            Eq(Services.Live(), 0L, "both dropped");
        }

        private static void DisposeInsideCall()
        {
            int refused = 0;
            bool disposed = false;
            long live = -1;
            bool threw = false;
            // On another thread, so that no stack slot of this one keeps the object reachable
            // (Mono scans stacks conservatively).
            Thread t = new Thread(() =>
            {
                Watcher w = Watcher.Named("w");
                w.Set(1);
                w.Visit(v =>
                {
                    try
                    {
                        w.Dispose();
                    }
                    catch (InvalidOperationException e)
                    {
                        if (!(e is ObjectDisposedException) && e.Message.Contains("already in use by this thread"))
                        {
                            refused++;
                        }
                    }
                });
                disposed = w.IsDisposed;
                live = ServicesCallbacks.WatchersLive();
                try
                {
                    w.Value();
                }
                catch (ObjectDisposedException)
                {
                    threw = true;
                }
            });
            t.Start();
            t.Join();
            Eq(refused, 1, "Dispose inside the object's own call is refused");
            Check(disposed, "the object is disposed all the same");
            Eq(live, 1L, "its value is not dropped under the call");
            Check(threw, "a call after it throws ObjectDisposedException");
            for (int i = 0; i < 20 && ServicesCallbacks.WatchersLive() != 0; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Eq(ServicesCallbacks.WatchersLive(), 0L, "the finalizer dropped it");
        }
    }
}
