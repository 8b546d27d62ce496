// A service's consuming close(self) -> Result<(), E> as the class's Close() (ADR 34): the fixture's
// Journal.close adds its entries to Services.JournalSaved(), fails with OpenError.Reserved for 13
// entries and panics for 99. Close() runs it once (throwing its error; the object is closed all the
// same), Dispose() on an open object calls it (using saves), Close()/Dispose() again do nothing,
// other methods after either throw ObjectDisposedException, and the finalizer only frees.

using System;
using System.Threading;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class ServiceCloseTests
    {
        internal static void Run()
        {
            long live = Services.Live();
            long saved = Services.JournalSaved();
            Journal j = new Journal();
            Eq(j.Record(5), 5UL, "Record(5)");
            j.Close();
            Eq(Services.JournalSaved(), saved + 5, "Close() ran the Rust close");
            Check(j.IsDisposed, "closed after Close()");
            Eq(Services.Live(), live, "Close() freed the object");
            j.Close();
            j.Dispose();
            Eq(Services.JournalSaved(), saved + 5, "Close() twice and Dispose() after Close(): nothing runs again");
            Throws<ObjectDisposedException>(() => j.Record(1), "Record after Close()");

            saved = Services.JournalSaved();
            using (Journal u = new Journal())
            {
                u.Record(3);
                u.Record(4);
                Eq(Services.JournalSaved(), saved, "nothing saved inside the using block");
            }
            Eq(Services.JournalSaved(), saved + 7, "using (Dispose) ran the Rust close");
            Eq(Services.Live(), live, "using freed the object");

            Journal failing = new Journal();
            failing.Record(13);
            try
            {
                failing.Close();
                Check(false, "Close() of 13 entries: no exception");
            }
            catch (OpenErrorException e)
            {
                Eq(e.Error, OpenError.Reserved, "Close() error");
            }
            Check(failing.IsDisposed, "closed although Close() threw");
            Eq(Services.Live(), live, "freed although Close() threw");
            failing.Close();
            failing.Dispose();
            Check(true, "Close() and Dispose() after a failed Close(): no exception");
            Throws<ObjectDisposedException>(() => failing.Record(1), "Record after a failed Close()");

            try
            {
                using (Journal d = new Journal())
                {
                    d.Record(13);
                }
                Check(false, "Dispose() of 13 entries: no exception");
            }
            catch (OpenErrorException e)
            {
                Eq(e.Error, OpenError.Reserved, "the close error propagates from Dispose()");
            }
            Eq(Services.Live(), live, "freed although Dispose() threw");

            Journal panicking = new Journal();
            panicking.Record(99);
            Panics(() => panicking.Close(), "panic in `journal_close`: close panic", "a panic in the Rust close");
            Check(panicking.IsDisposed, "closed although the Rust close panicked");
            Eq(Services.Live(), live, "freed although the Rust close panicked");

            saved = Services.JournalSaved();
            Journal plain = new Journal();
            plain.Record(2);
            Journal other = new Journal();
            other.Close();
            Eq(Services.JournalSaved(), saved, "closing an empty journal saves 0");
            plain.Dispose();
            Eq(Services.JournalSaved(), saved + 2, "Dispose() on an open object calls Close()");

            FinalizerOnlyFrees(live);
            ConcurrentCloses(live);
        }

        private static void Forget()
        {
            new Journal().Record(8);
        }

        private static void FinalizerOnlyFrees(long live)
        {
            long saved = Services.JournalSaved();
            Thread t = new Thread(() =>
            {
                for (int i = 0; i < 5; i++)
                {
                    Forget();
                }
            });
            t.Start();
            t.Join();
            for (int i = 0; i < 20 && Services.Live() != live; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            Eq(Services.Live(), live, "the finalizer freed the journals never closed");
            Eq(Services.JournalSaved(), saved, "the finalizer did not run the Rust close");
        }

        /// <summary>Eight threads closing one object at once: the Rust close runs exactly once and
        /// no thread sees an exception.</summary>
        private static void ConcurrentCloses(long live)
        {
            for (int round = 0; round < 20; round++)
            {
                long saved = Services.JournalSaved();
                Journal j = new Journal();
                j.Record(1);
                int errors = 0;
                Thread[] threads = new Thread[8];
                for (int i = 0; i < threads.Length; i++)
                {
                    bool dispose = i % 2 == 1;
                    threads[i] = new Thread(() =>
                    {
                        try
                        {
                            if (!dispose)
                            {
                                j.Close();
                            }
                            else
                            {
                                j.Dispose();
                            }
                        }
                        catch (Exception)
                        {
                            Interlocked.Increment(ref errors);
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
                if (errors != 0 || Services.JournalSaved() != saved + 1 || Services.Live() != live)
                {
                    Check(false, "round " + round + ": " + errors + " exceptions, saved " + (Services.JournalSaved() - saved) + " times");
                    return;
                }
            }
            Check(true, "8 threads closing one object: one Rust close, no exception, 20 rounds");
        }
    }
}
