// Feature `services`: Rust objects as disposable classes over their handle (ADR 24, 40). Every function of the
// feature (constructors as a C# constructor and static factories, &self / &mut self / consuming
// methods, services as arguments and results, the live-object counter); the lifecycle (using,
// Dispose twice, finalization, consuming methods and by-value arguments spend the object), the
// errors (ObjectDisposedException after Dispose or a move, InvalidOperationException for the same
// object twice in one call or a busy second object, ArgumentNullException, a panic); 8 threads on
// one object; Dispose from another thread during a call. See Runner.cs.

using System;
using System.Text;
using System.Threading;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ServicesTests
    {
        private const int ThreadCount = 8;
        private const int Rounds = 20000;

        internal static void Run()
        {
            Eq(Services.Live(), 0L, "no service alive at the start");
            Basics();
            Eq(Services.Live(), 0L, "every object of `using` blocks freed");
            Consuming();
            Disposed();
            Busy();
            Threads();
            CrossMerges();
            DisposeDuringCall();
            Finalization();
            Eq(Services.Live(), 0L, "nothing alive at the end");
        }

        private static byte[] Bytes(string s)
        {
            return Encoding.UTF8.GetBytes(s);
        }

        private static string Text(byte[] b)
        {
            return Encoding.UTF8.GetString(b);
        }

        /// <summary>Like Throws, but a subclass (ObjectDisposedException for InvalidOperationException)
        /// does not count.</summary>
        private static void ThrowsExactly<E>(Action call, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (Exception e)
            {
                Check(e.GetType() == typeof(E), what + ": " + e.GetType() + ": " + e.Message);
            }
        }

        private static void Basics()
        {
            using (KvStore a = new KvStore())
            using (KvStore b = KvStore.WithLabel("b-store"))
            {
                Eq(Services.Live(), 2L, "two objects alive");
                Eq(a.Label(), "default", "new KvStore().Label()");
                Eq(b.Label(), "b-store", "WithLabel(…).Label()");
                a.Put("k1", Bytes("v1"));
                a.Put("k2", new ReadOnlySpan<byte>(Bytes("value two")));
                b.Put("k3", Bytes("three"));
                Eq(a.Len(), 2UL, "Len");
                Eq(Text(a.Get("k2")), "value two", "Get");
                Eq(a.Get("missing").Length, 0, "Get of a missing key");
                Eq(a.Add(5), 5UL, "Add");
                Eq(a.Counter(), 5UL, "Counter");
                Check(!a.IsDisposed, "IsDisposed of a live object");
                byte[] buffer = new byte[4];
                Eq(a.CopyInto("k2", buffer), 4UL, "CopyInto (a &mut [u8] parameter)");
                Eq(Text(buffer), "valu", "CopyInto wrote into the array");
                using (KvStore refs = KvStore.FromLabel("owned"))
                {
                    Eq(refs.Label(), "owned", "FromLabel (an owned String argument)");
                    refs.Add(5);
                    ulong total = 0;
                    Eq(refs.AddTo(3, ref total), 8UL, "AddTo (&u64 and &mut u64 parameters)");
                    Eq(total, 8UL, "AddTo wrote through the &mut u64");
                }

                using (KvStore snap = a.Snapshot())
                {
                    Eq(Services.Live(), 3L, "a returned service is a new object");
                    Eq(snap.Label(), "default snapshot", "Snapshot().Label()");
                    a.Put("k4", Bytes("later"));
                    Eq(snap.Len(), 2UL, "the snapshot is a copy");
                    Eq(a.Len(), 3UL, "the original changed");
                }
                Eq(Services.Live(), 2L, "the snapshot freed by using");

                Eq(a.Merge(b), 4UL, "Merge (a borrowed service argument)");
                Eq(b.Len(), 1UL, "the borrowed argument is still usable");
                ThrowsExactly<InvalidOperationException>(() => a.Merge(a), "the same object twice in one call");
                Eq(a.Len(), 4UL, "usable after the refused call");
                Throws<ArgumentNullException>(() => a.Merge(null), "a null service argument");
                try
                {
                    a.Fail();
                    Check(false, "Fail: no exception");
                }
                catch (RustPanicException e)
                {
                    Check(e.Message.Contains("store panic"), "Fail: the panic message: " + e.Message);
                }
                Eq(a.Len(), 4UL, "usable after a panic");
            }
        }

        private static void Consuming()
        {
            KvStore a = KvStore.WithLabel("a");
            KvStore c = KvStore.WithLabel("c");
            c.Put("k5", Bytes("five"));
            Eq(a.Absorb(c), 1UL, "Absorb (a service argument taken by value)");
            Check(c.IsDisposed, "the argument moved into the call is spent");
            Eq(Services.Live(), 1L, "the moved value dropped by Rust");
            Throws<ObjectDisposedException>(() => c.Len(), "a call on a moved object");
            Throws<ObjectDisposedException>(() => a.Absorb(c), "moving a moved object again");
            c.Dispose();
            Eq(a.IntoLen(), 1UL, "IntoLen (a consuming method)");
            Check(a.IsDisposed, "the object is spent after a consuming method");
            Eq(Services.Live(), 0L, "the consumed object dropped");
            Throws<ObjectDisposedException>(() => a.Label(), "a call after a consuming method");
            a.Dispose();
            a.Dispose();

            // Consumed behind the bindings' back (through the raw layer): the library's own
            // "was consumed" error arrives as ObjectDisposedException.
            KvStore raw = new KvStore();
            Eq(ConformanceNative.kv_store_into_len(raw.__Handle()), 0UL, "the raw consuming call");
            GC.KeepAlive(raw);
            Check(!raw.IsDisposed, "the bindings did not see the move");
            Throws<ObjectDisposedException>(() => raw.Len(), "the library's consumed error");
            Eq(*ConformanceNative.PanicPending, 0u, "nothing pending after it");
            raw.Dispose();
            Eq(Services.Live(), 0L, "the empty handle freed");
        }

        private static void Disposed()
        {
            KvStore live = new KvStore();
            KvStore d = new KvStore();
            d.Dispose();
            d.Dispose();
            Check(d.IsDisposed, "IsDisposed after Dispose");
            Throws<ObjectDisposedException>(() => d.Len(), "a call after Dispose");
            Throws<ObjectDisposedException>(() => live.Merge(d), "a disposed argument");
            Throws<ObjectDisposedException>(() => d.Merge(live), "a disposed receiver");
            Eq(live.Len(), 0UL, "the other object is fine");
            live.Dispose();
            Eq(Services.Live(), 0L, "both freed");
        }

        /// <summary>A call that holds one object and needs another that a call on another thread holds
        /// fails (it does not wait: two calls locking in opposite orders cannot deadlock).</summary>
        private static void Busy()
        {
            KvStore a = new KvStore();
            KvStore b = new KvStore();
            b.Add(7);
            ulong slow = 0;
            Thread t = new Thread(() => slow = b.SlowCounter(1000));
            t.Start();
            Thread.Sleep(300);
            ThrowsExactly<InvalidOperationException>(() => a.Absorb(b), "moving an object another thread uses");
            t.Join();
            Eq(slow, 7UL, "the other thread's call finished");
            Check(b.IsDisposed, "a by-value argument is spent whatever the outcome");
            a.Dispose();
            Eq(Services.Live(), 0L, "both freed");
        }

        private static void Threads()
        {
            using (KvStore a = new KvStore())
            {
                Thread[] threads = new Thread[ThreadCount];
                bool readerFailed = false;
                for (int i = 0; i < ThreadCount; i++)
                {
                    bool writer = i % 2 == 0;
                    threads[i] = new Thread(() =>
                    {
                        for (int r = 0; r < Rounds; r++)
                        {
                            if (writer)
                            {
                                a.Add(1);
                            }
                            else if (r % 4 == 0 && a.Len() != 0)
                            {
                                readerFailed = true;
                            }
                            else if (r % 4 == 1)
                            {
                                a.Counter();
                            }
                        }
                    });
                }
                foreach (Thread t in threads)
                {
                    t.Start();
                }
                foreach (Thread t in threads)
                {
                    t.Join();
                }
                Eq(a.Counter(), (ulong)(ThreadCount / 2 * Rounds), "&mut self from 4 threads beside 4 readers: no lost update");
                Check(!readerFailed, "the readers saw a consistent store");
            }
            using (Tally tally = Tally.StartingAt(10))
            {
                Eq(tally.Count(), 10UL, "Tally.StartingAt(10).Count()");
                Thread[] threads = new Thread[ThreadCount];
                for (int i = 0; i < ThreadCount; i++)
                {
                    threads[i] = new Thread(() =>
                    {
                        for (int r = 0; r < Rounds; r++)
                        {
                            tally.Bump();
                        }
                    });
                    threads[i].Start();
                }
                foreach (Thread t in threads)
                {
                    t.Join();
                }
                Eq(tally.Count(), 10UL + ThreadCount * Rounds, "&self of a !Sync service from 8 threads: serialized");
            }
        }

        /// <summary>8 threads merging two stores into each other (each call locks one object, then the
        /// other): no deadlock; each merge succeeds or throws InvalidOperationException (busy), and
        /// every Add after a successful merge counts.</summary>
        private static void CrossMerges()
        {
            using (KvStore a = KvStore.WithLabel("a"))
            using (KvStore b = KvStore.WithLabel("b"))
            {
                a.Put("ka", Bytes("1"));
                b.Put("kb", Bytes("2"));
                int[] merged = new int[ThreadCount];
                int[] busy = new int[ThreadCount];
                Exception[] other = new Exception[ThreadCount];
                Thread[] threads = new Thread[ThreadCount];
                for (int i = 0; i < ThreadCount; i++)
                {
                    int me = i;
                    KvStore into = i % 2 == 0 ? a : b;
                    KvStore from = i % 2 == 0 ? b : a;
                    threads[i] = new Thread(() =>
                    {
                        for (int r = 0; r < Rounds / 10; r++)
                        {
                            try
                            {
                                into.Merge(from);
                            }
                            catch (InvalidOperationException e)
                            {
                                if (e is ObjectDisposedException || !e.Message.Contains("is in use by another thread"))
                                {
                                    other[me] = e;
                                }
                                busy[me]++;
                                continue;
                            }
                            catch (Exception e)
                            {
                                other[me] = e;
                                continue;
                            }
                            merged[me]++;
                            into.Add(1);
                        }
                    });
                }
                foreach (Thread t in threads)
                {
                    t.Start();
                }
                foreach (Thread t in threads)
                {
                    t.Join();
                }
                int mergedA = 0, mergedB = 0, total = 0;
                for (int i = 0; i < ThreadCount; i++)
                {
                    Check(other[i] == null, "thread " + i + ": only busy errors: " + other[i]);
                    if (i % 2 == 0) mergedA += merged[i]; else mergedB += merged[i];
                    total += merged[i] + busy[i];
                }
                Eq(total, ThreadCount * (Rounds / 10), "every merge succeeded or was busy");
                Eq(a.Counter(), (ulong)mergedA, "a counted every merge into it");
                Eq(b.Counter(), (ulong)mergedB, "b counted every merge into it");
            }
        }

        private static void DisposeDuringCall()
        {
            KvStore s = new KvStore();
            s.Add(42);
            ulong result = 0;
            Exception error = null;
            Thread t = new Thread(() =>
            {
                try
                {
                    result = s.SlowCounter(1000);
                }
                catch (Exception e)
                {
                    error = e;
                }
            });
            t.Start();
            Thread.Sleep(300);
            s.Dispose();
            Check(s.IsDisposed, "disposed while another thread is inside a call");
            Eq(Services.Live(), 0L, "Dispose waited for the call, then dropped the value (ADR 40)");
            Throws<ObjectDisposedException>(() => s.Counter(), "a new call after Dispose");
            t.Join();
            Check(error == null, "the call in progress finished: " + error);
            Eq(result, 42UL, "the call in progress saw the object");
            Eq(Services.Live(), 0L, "dropped once");
        }

        private static void Finalization()
        {
            // Made on another thread so that no stack slot of this one keeps them reachable.
            Thread t = new Thread(() =>
            {
                for (int i = 0; i < 10; i++)
                {
                    KvStore forgotten = KvStore.WithLabel("forgotten");
                    forgotten.Put("k", Bytes("v"));
                    Tally.StartingAt((ulong)i);
                }
            });
            t.Start();
            t.Join();
            Check(Services.Live() <= 20L, "at most the 20 objects never disposed are alive");
            for (int i = 0; i < 20 && Services.Live() != 0; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Eq(Services.Live(), 0L, "the finalizer freed every object never disposed");
        }
    }
}
