// A user's C# program against the kvstore example's generated API: using, exceptions by type,
// 8 tasks on one store, a listener lambda, and the live-object counter after Dispose and after the
// finalizer. Prints "ok" when every check passes.
using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Example.KeyValue;

class KvStoreExample
{
    static int failures;

    static void Check(bool condition, string what)
    {
        if (!condition)
        {
            Console.Error.WriteLine("check failed: " + what);
            failures++;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Abandon()
    {
        KvStore store = KvStore.InMemory();
        store.Put("k", new byte[] { 1 });
        Snapshot snapshot = store.Snapshot();
        Check(snapshot.Len() == 1, "abandoned snapshot");
    }

    static int Main(string[] args)
    {
        string dir = Path.Combine(args[0], Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "db.kv");

        try
        {
            using (KvStore.Open(""))
            {
            }
            Check(false, "an empty path opened");
        }
        catch (KvErrorException.EmptyPath e)
        {
            Check(e.Message == "the path is empty", e.Message);
        }
        try
        {
            KvStore.Open("/no/such/dir/db.kv").Dispose();
            Check(false, "a missing directory opened");
        }
        catch (KvErrorException.MissingDirectory e)
        {
            Check(e.Error.Directory == "/no/such/dir", e.Error.Directory);
        }

        int heard = 0;
        using (var db = KvStore.Open(path))
        {
            db.OnPut(key => Interlocked.Increment(ref heard));
            db.Put("greeting", Encoding.UTF8.GetBytes("hello"));
            Check(db.Get("greeting") == "hello", "get");
            Check(db.Get("missing") == null, "missing");
            db.Put("binary", new byte[] { 0xff, 0, 1 });
            Check(db.Get("binary") == null, "binary as text");
            Check(db.GetBytes("binary").Length == 3, "binary");
            try
            {
                db.Put("", new byte[0]);
                Check(false, "an empty key was stored");
            }
            catch (KvErrorException e)
            {
                Check(e.Error is KvError.EmptyKey, e.Error.ToString());
            }

            using (var snapshot = db.Snapshot())
            {
                Check(db.Delete("binary"), "delete");
                Check(snapshot.Len() == 2 && db.Len() == 1, "snapshot unchanged");
                Check(snapshot.Get("greeting") == "hello", "snapshot get");
                Check(Kv.LiveObjects() == 2, "two alive");
            }

            var tasks = new Task<bool>[8];
            for (int t = 0; t < tasks.Length; t++)
            {
                int id = t;
                tasks[t] = Task.Run(() =>
                {
                    bool ok = true;
                    for (int i = 0; i < 200; i++)
                    {
                        string key = "t" + id + "-" + i;
                        db.Put(key, Encoding.UTF8.GetBytes("v" + i));
                        ok &= db.Get(key) == "v" + i;
                    }
                    return ok;
                });
            }
            Task.WaitAll(tasks);
            foreach (var task in tasks) Check(task.Result, "a task's reads");
            Check(db.Len() == 1 + 8 * 200, "len after tasks " + db.Len());
            Check(Volatile.Read(ref heard) == 2 + 8 * 200, "listener " + heard);

            using (var other = KvStore.InMemory())
            {
                other.Put("merged", Encoding.UTF8.GetBytes("yes"));
                db.Merge(other);
                try
                {
                    db.Merge(db);
                    Check(false, "merged with itself");
                }
                catch (InvalidOperationException)
                {
                }
            }
            Check(db.Keys().Length == 1 + 8 * 200 + 1, "keys");
            db.Close();
            db.Close();
            try
            {
                db.Len();
                Check(false, "used after Close");
            }
            catch (ObjectDisposedException)
            {
            }
        }
        Check(Kv.LiveObjects() == 0, "alive after using");

        using (var again = KvStore.Open(path))
        {
            Check(again.Len() == 1 + 8 * 200 + 1, "reopened");
            Check(again.Get("merged") == "yes", "reopened value");
            again.Put("by-using", Encoding.UTF8.GetBytes("saved"));
        }
        // `using` (Dispose) saved: Dispose calls Close, like a FileStream flushing.
        using (var third = KvStore.Open(path))
        {
            Check(third.Get("by-using") == "saved", "using saved the store");
        }
        var closed = KvStore.InMemory();
        closed.Dispose();
        try
        {
            closed.Put("k", new byte[0]);
            Check(false, "used after Dispose");
        }
        catch (ObjectDisposedException)
        {
        }
        Check(Kv.LiveObjects() == 0, "alive after Dispose");

        // Objects never disposed are freed by their finalizers (abandoned on another thread, so
        // that no stack slot of this one keeps them reachable for Mono's conservative scan).
        var abandon = new Thread(Abandon);
        abandon.Start();
        abandon.Join();
        for (int i = 0; i < 10 && Kv.LiveObjects() != 0; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Check(Kv.LiveObjects() == 0, "alive after the finalizers: " + Kv.LiveObjects());

        if (failures == 0) Console.WriteLine("ok");
        return failures == 0 ? 0 : 1;
    }
}
