// Call-overhead benchmark, C# side: the generated idiomatic API (BenchFixture.*) against hand-written
// minimal blittable [DllImport]s of the fixture's raw_* twins, in the same process and run.
// Usage: mono bench.exe <ms-per-sample> <runs>. Prints SAMPLE/CHECK lines (see tests/bench/src/stats.rs).
using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using BenchFixture;

static unsafe class Raw
{
    [StructLayout(LayoutKind.Sequential)]
    public struct Vec3 { public float X, Y, Z; }

    [DllImport("bench_fixture", EntryPoint = "raw_noop")]
    public static extern void Noop();

    [DllImport("bench_fixture", EntryPoint = "raw_add")]
    public static extern ulong Add(ulong a, ulong b);

    [DllImport("bench_fixture", EntryPoint = "raw_vec_double")]
    public static extern Vec3 VecDouble(Vec3 v);

    [DllImport("bench_fixture", EntryPoint = "raw_vec_length_sq")]
    public static extern float VecLengthSq(ref Vec3 v);

    [DllImport("bench_fixture", EntryPoint = "raw_counter_new")]
    public static extern IntPtr CounterNew(ulong start);

    [DllImport("bench_fixture", EntryPoint = "raw_counter_increment")]
    public static extern ulong CounterIncrement(IntPtr counter, ulong by);

    [DllImport("bench_fixture", EntryPoint = "raw_counter_destroy")]
    public static extern void CounterDestroy(IntPtr counter);
}

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
        for (long i = 0; i < n; i++) acc += BenchFixtureLib.VecLengthSq(v);
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

    static ulong sink;

    static double NowNs()
    {
        return Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency);
    }

    // Grow n until a sample takes a tenth of the target, then scale it to the target. Doubles as warm-up
    // (and JIT compilation).
    static long Calibrate(Func<long, ulong> f, double targetNs)
    {
        long n = 1000;
        while (true)
        {
            double t0 = NowNs();
            sink ^= f(n);
            double dt = NowNs() - t0;
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
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: bench.exe <ms-per-sample> <runs>");
            return 1;
        }
        double targetNs = double.Parse(args[0], CultureInfo.InvariantCulture) * 1e6;
        int runs = int.Parse(args[1], CultureInfo.InvariantCulture);
        var names = new[] {
            "noop/generated", "noop/raw", "add/generated", "add/raw",
            "struct_value/generated", "struct_value/raw", "struct_ref/generated", "struct_ref/raw",
            "handle/generated", "handle/raw",
        };
        var fns = new Func<long, ulong>[] {
            NoopGenerated, NoopRaw, AddGenerated, AddRaw,
            StructValueGenerated, StructValueRaw, StructRefGenerated, StructRefRaw,
            HandleGenerated, HandleRaw,
        };
        var iters = new long[fns.Length];
        for (int c = 0; c < fns.Length; c++)
        {
            iters[c] = Calibrate(fns[c], targetNs);
            Console.WriteLine("CHECK " + names[c] + " " + fns[c](1000).ToString(CultureInfo.InvariantCulture));
        }
        for (int r = 0; r < runs; r++)
        {
            for (int k = 0; k < fns.Length; k++)
            {
                // Alternate the order between runs so neither side always goes first.
                int c = r % 2 == 0 ? k : fns.Length - 1 - k;
                long t0 = Stopwatch.GetTimestamp();
                sink ^= fns[c](iters[c]);
                long dt = Stopwatch.GetTimestamp() - t0;
                double ns = dt * (1e9 / Stopwatch.Frequency);
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "SAMPLE {0} {1} {2} {3:F0}",
                    names[c], r, iters[c], ns));
            }
        }
        return sink == 42 ? 3 : 0;
    }
}
