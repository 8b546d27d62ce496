// Call-overhead benchmark, C# side: the generated idiomatic API (BenchFixture.*) against hand-written
// minimal blittable [DllImport]s of the fixture's raw_* twins (BenchRaw.cs), in the same process and run.
// Usage: mono bench.exe <ms-per-sample> <rounds>. Prints SAMPLE/CHECK lines (see tests/bench/src/stats.rs):
// one sample per case and round, the variants of a construct back to back, so that the harness can pair them.
using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchFixture;

static unsafe class Program
{
    static ulong Bits(float f) { return *(uint*)&f; }

    static ulong NoopGenerated(long n)
    {
        for (long i = 0; i < n; i++) BenchFixtureLib.Noop();
        return (ulong)n;
    }
    static ulong NoopRaw(long n)
    {
        for (long i = 0; i < n; i++) Raw.Noop();
        return (ulong)n;
    }

    static ulong AddGenerated(long n)
    {
        ulong acc = 0;
        for (long i = 0; i < n; i++) acc = BenchFixtureLib.Add(acc, (ulong)i);
        return acc;
    }
    static ulong AddRaw(long n)
    {
        ulong acc = 0;
        for (long i = 0; i < n; i++) acc = Raw.Add(acc, (ulong)i);
        return acc;
    }

    static ulong StructValueGenerated(long n)
    {
        var v = new Vec3(1f, 2f, 3f);
        float acc = 0f;
        for (long i = 0; i < n; i++)
        {
            Vec3 r = BenchFixtureLib.VecDouble(v);
            acc += r.X;
            v.Y = r.X;
        }
        return Bits(acc);
    }
    static ulong StructValueRaw(long n)
    {
        var v = new Raw.Vec3 { X = 1f, Y = 2f, Z = 3f };
        float acc = 0f;
        for (long i = 0; i < n; i++)
        {
            Raw.Vec3 r = Raw.VecDouble(v);
            acc += r.X;
            v.Y = r.X;
        }
        return Bits(acc);
    }

    static ulong StructRefGenerated(long n)
    {
        var v = new Vec3(1f, 2f, 3f);
        float acc = 0f;
        for (long i = 0; i < n; i++) acc += BenchFixtureLib.VecLengthSq(ref v);
        return Bits(acc);
    }
    static ulong StructRefRaw(long n)
    {
        var v = new Raw.Vec3 { X = 1f, Y = 2f, Z = 3f };
        float acc = 0f;
        for (long i = 0; i < n; i++) acc += Raw.VecLengthSq(ref v);
        return Bits(acc);
    }

    static ulong HandleGenerated(long n)
    {
        Counter c = Counter.New(0);
        ulong last = 0;
        for (long i = 0; i < n; i++) last = c.Increment(1);
        Counter.Destroy(c);
        return last;
    }
    static ulong HandleRaw(long n)
    {
        IntPtr c = Raw.CounterNew(0);
        ulong last = 0;
        for (long i = 0; i < n; i++) last = Raw.CounterIncrement(c, 1);
        Raw.CounterDestroy(c);
        return last;
    }

    const string ShortText = "hello world";
    static readonly string LongText = new string('a', 1024);
    static readonly byte[] SmallBytes = new byte[1024];
    static readonly byte[] LargeBytes = new byte[1024 * 1024];
    const int MiB = 1024 * 1024;

    static ulong StrShortGenerated(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += BenchFixtureLib.StrLen(ShortText); return acc; }
    static ulong StrShortRaw(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += Raw.StrLen(ShortText); return acc; }
    static ulong StrLongGenerated(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += BenchFixtureLib.StrLen(LongText); return acc; }
    static ulong StrLongRaw(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += Raw.StrLen(LongText); return acc; }
    static ulong BytesSmallGenerated(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += BenchFixtureLib.BytesLen(SmallBytes); return acc; }
    static ulong BytesSmallRaw(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += Raw.BytesLen(SmallBytes); return acc; }
    static ulong BytesLargeGenerated(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += BenchFixtureLib.BytesLen(LargeBytes); return acc; }
    static ulong BytesLargeRaw(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += Raw.BytesLen(LargeBytes); return acc; }
    static ulong StringRetGenerated(long n) { ulong acc = 0; for (long i = 0; i < n; i++) { string s = BenchFixtureLib.StringMake(); acc += (ulong)s.Length + s[0]; } return acc; }
    static ulong StringRetRaw(long n) { ulong acc = 0; for (long i = 0; i < n; i++) { string s = Raw.StringMake(); acc += (ulong)s.Length + s[0]; } return acc; }
    static ulong VecRetGenerated(long n) { ulong acc = 0; for (long i = 0; i < n; i++) { byte[] b = BenchFixtureLib.BytesMake(MiB); acc += (ulong)b.Length + b[b.Length - 1]; } return acc; }
    static ulong VecRetRaw(long n) { ulong acc = 0; for (long i = 0; i < n; i++) { byte[] b = Raw.BytesMake(MiB); acc += (ulong)b.Length + b[b.Length - 1]; } return acc; }

    static ulong ResultOkGenerated(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += BenchFixtureLib.CheckedAdd(acc & 0xffff, (ulong)i); return acc; }
    static ulong ResultOkRaw(long n) { ulong acc = 0; for (long i = 0; i < n; i++) acc += Raw.CheckedAddOrThrow(acc & 0xffff, (ulong)i); return acc; }
    static ulong ResultErrGenerated(long n)
    {
        ulong acc = 0;
        for (long i = 0; i < n; i++)
        {
            try { acc += BenchFixtureLib.CheckedAdd(ulong.MaxValue, (ulong)i + 1); }
            catch (AddErrorException e) { acc += 1000u * (ulong)e.Error; }
        }
        return acc;
    }
    static ulong ResultErrRaw(long n)
    {
        ulong acc = 0;
        for (long i = 0; i < n; i++)
        {
            try { acc += Raw.CheckedAddOrThrow(ulong.MaxValue, (ulong)i + 1); }
            catch (Raw.AddException e) { acc += 1000u * e.Code; }
        }
        return acc;
    }

    static ulong ServiceGenerated(long n)
    {
        using (var m = new Meter(0))
        {
            ulong last = 0;
            for (long i = 0; i < n; i++) last = m.Add(1);
            return last;
        }
    }
    static ulong ServiceRaw(long n)
    {
        using (var m = new Raw.SafeMeter(0))
        {
            ulong last = 0;
            for (long i = 0; i < n; i++) last = m.Add(1);
            return last;
        }
    }
    static ulong ServiceIntPtrRaw(long n)
    {
        IntPtr m = Raw.MeterNewPtr(0);
        ulong last = 0;
        for (long i = 0; i < n; i++) last = Raw.MeterAddPtr(m, 1);
        Raw.MeterFree(m);
        return last;
    }

    static readonly Func<ulong, ulong> PlusOne = x => x + 1;
    // One call of call_n makes n callback invocations: the time is per invocation.
    static ulong CallbackGenerated(long n) { return BenchFixtureLib.CallN((ulong)n, PlusOne); }
    static ulong CallbackRaw(long n) { return Raw.CallN((ulong)n, Raw.PlusOnePtr); }

    static readonly Func<ulong, string> Text = x => Raw.Text;
    // A callback returning a cached 11-character string, n invocations per call (time per invocation).
    static ulong CallbackStrGenerated(long n) { return BenchFixtureLib.CallStrN((ulong)n, Text); }
    static ulong CallbackStrRaw(long n) { return Raw.CallStrN((ulong)n, Raw.TextIntoPtr); }

    [StructLayout(LayoutKind.Sequential)]
    struct MallInfo2
    {
        public UIntPtr Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc.so.6", EntryPoint = "mallinfo2")]
    static extern MallInfo2 MallInfo();

    /// <summary>Bytes the C heap (malloc, where Rust allocates) has in use.</summary>
    static long HeapBytes()
    {
        MallInfo2 m = MallInfo();
        return (long)(ulong)m.Uordblks + (long)(ulong)m.Hblkhd;
    }

    static long ResidentBytes()
    {
        string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(statm[1], CultureInfo.InvariantCulture) * 4096;
    }

    /// <summary>`rss <count>`: the RSS growth (bytes) over `count` round trips of a String, a
    /// Vec&lt;u32&gt; and a Person, after a warm-up of a tenth of that.</summary>
    static int Rss(long count)
    {
        uint[] values = new uint[64];
        Person person = new Person("Ann", new[] { "a", "b" }, 41);
        var trips = new Action[] {
            () => BenchFixtureLib.StringEcho("round trip \u00e9 \u65e5\u672c"),
            () => BenchFixtureLib.VecU32Echo(values),
            () => BenchFixtureLib.PersonEcho(person),
        };
        var names = new[] { "string", "vec_u32", "person" };
        for (int t = 0; t < trips.Length; t++)
        {
            for (long i = 0; i < count / 10; i++) trips[t]();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = ResidentBytes();
            long heapBefore = HeapBytes();
            for (long i = 0; i < count; i++) trips[t]();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Console.WriteLine("RSS " + names[t] + " " + count + " " + (ResidentBytes() - before) + " " + (HeapBytes() - heapBefore));
        }
        return 0;
    }

    static ulong sink;

    [StructLayout(LayoutKind.Sequential)]
    struct Timespec
    {
        public long Sec;
        public long Nsec;
    }

    [DllImport("libc.so.6", EntryPoint = "clock_gettime")]
    static extern int ClockGettime(int clock, out Timespec ts);

    const int ClockProcessCputimeId = 2;

    // CPU time of the whole process (every thread: the GC's too), in ns: what a sample cost, without
    // the time other tenants had the core.
    static long CpuNs()
    {
        Timespec ts;
        ClockGettime(ClockProcessCputimeId, out ts);
        return ts.Sec * 1000000000L + ts.Nsec;
    }

    // Grow n until a sample takes a tenth of the target, then scale it to the target. Doubles as warm-up;
    // the first call (JIT compilation) is not timed, and the rest is timed in CPU time, like the
    // samples: a slice another process had the core must not shrink n.
    static long Calibrate(Func<long, ulong> f, double targetNs)
    {
        long n = 1000;
        // Warm up twice: a callback entry is set up on the second use of a delegate (ADR 65), once per
        // process, which must not be taken for the cost of every call.
        sink ^= f(n);
        sink ^= f(n);
        while (true)
        {
            long t0 = CpuNs();
            sink ^= f(n);
            double dt = CpuNs() - t0;
            if (dt >= targetNs / 10 || n >= (1L << 40))
            {
                double scaled = n * targetNs / Math.Max(dt, 1.0);
                return Math.Max(1L, (long)scaled);
            }
            n *= 4;
        }
    }

    static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "rss")
        {
            return Rss(long.Parse(args[1], CultureInfo.InvariantCulture));
        }
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: bench.exe <ms-per-sample> <rounds>");
            return 1;
        }
        double targetNs = double.Parse(args[0], CultureInfo.InvariantCulture) * 1e6;
        int rounds = int.Parse(args[1], CultureInfo.InvariantCulture);
        var names = new[] {
            "noop/generated", "noop/raw", "add/generated", "add/raw",
            "struct_value/generated", "struct_value/raw", "struct_ref/generated", "struct_ref/raw",
            "handle/generated", "handle/raw",
            "str_short/generated", "str_short/raw", "str_long/generated", "str_long/raw",
            "bytes_small/generated", "bytes_small/raw", "bytes_large/generated", "bytes_large/raw",
            "string_ret/generated", "string_ret/raw", "vec_ret/generated", "vec_ret/raw",
            "result_ok/generated", "result_ok/raw", "result_err/generated", "result_err/raw",
            "service/generated", "service/raw", "service_intptr/generated", "service_intptr/raw",
            "callback/generated", "callback/raw",
            "callback_str/generated", "callback_str/raw",
        };
        var fns = new Func<long, ulong>[] {
            NoopGenerated, NoopRaw, AddGenerated, AddRaw,
            StructValueGenerated, StructValueRaw, StructRefGenerated, StructRefRaw,
            HandleGenerated, HandleRaw,
            StrShortGenerated, StrShortRaw, StrLongGenerated, StrLongRaw,
            BytesSmallGenerated, BytesSmallRaw, BytesLargeGenerated, BytesLargeRaw,
            StringRetGenerated, StringRetRaw, VecRetGenerated, VecRetRaw,
            ResultOkGenerated, ResultOkRaw, ResultErrGenerated, ResultErrRaw,
            ServiceGenerated, ServiceRaw, ServiceGenerated, ServiceIntPtrRaw,
            CallbackGenerated, CallbackRaw,
            CallbackStrGenerated, CallbackStrRaw,
        };
        var iters = new long[fns.Length];
        for (int c = 0; c < fns.Length; c++)
        {
            iters[c] = Calibrate(fns[c], targetNs);
            Console.WriteLine("CHECK " + names[c] + " " + fns[c](1000).ToString(CultureInfo.InvariantCulture));
        }
        for (int r = 0; r < rounds; r++)
        {
            for (int k = 0; k < fns.Length; k++)
            {
                // Reverse the order on every other round (ABBA) so neither side always goes first.
                int c = r % 2 == 0 ? k : fns.Length - 1 - k;
                long t0 = Stopwatch.GetTimestamp();
                long c0 = CpuNs();
                sink ^= fns[c](iters[c]);
                long dc = CpuNs() - c0;
                long dt = Stopwatch.GetTimestamp() - t0;
                double ns = dt * (1e9 / Stopwatch.Frequency);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "SAMPLE {0} {1} {2} {3:F0} {4}",
                    names[c], r, iters[c], ns, dc));
            }
        }
        return sink == 42 ? 3 : 0;
    }
}
