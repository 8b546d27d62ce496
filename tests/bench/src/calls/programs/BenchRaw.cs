// Call-overhead benchmark, C# side: the hand-written minimal blittable [DllImport]s of the fixture's
// raw_* twins and the best hand-written code around them (Bench.cs times them against the generated API).
using System;
using System.Runtime.InteropServices;

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

    [DllImport("bench_fixture", EntryPoint = "raw_str_len")]
    public static extern UIntPtr StrLen(byte* ptr, UIntPtr len);

    [DllImport("bench_fixture", EntryPoint = "raw_bytes_len")]
    public static extern UIntPtr BytesLen(byte* ptr, UIntPtr len);

    [DllImport("bench_fixture", EntryPoint = "raw_string_make")]
    public static extern byte* StringMake(out UIntPtr len);

    [DllImport("bench_fixture", EntryPoint = "raw_string_free")]
    public static extern void StringFree(byte* ptr, UIntPtr len);

    [DllImport("bench_fixture", EntryPoint = "raw_bytes_make")]
    public static extern byte* BytesMake(UIntPtr len, out UIntPtr outLen);

    [DllImport("bench_fixture", EntryPoint = "raw_bytes_free")]
    public static extern void BytesFree(byte* ptr, UIntPtr len);

    [DllImport("bench_fixture", EntryPoint = "raw_checked_add")]
    public static extern byte CheckedAdd(ulong a, ulong b, out ulong sum);

    /// <summary>The exception of the hand-written status-code binding.</summary>
    public sealed class AddException : Exception
    {
        public readonly byte Code;
        public AddException(byte code) : base("the sum overflows u64") { Code = code; }
    }

    /// <summary>A hand-written status-code binding: the status checked, the error thrown.</summary>
    public static ulong CheckedAddOrThrow(ulong a, ulong b)
    {
        ulong sum;
        byte status = CheckedAdd(a, b, out sum);
        if (status != 0) throw new AddException(status);
        return sum;
    }

    /// <summary>The hand-written SafeHandle of a meter.</summary>
    public sealed class MeterHandle : SafeHandle
    {
        public MeterHandle() : base(IntPtr.Zero, true) { }
        public override bool IsInvalid { get { return handle == IntPtr.Zero; } }
        protected override bool ReleaseHandle() { MeterFree(handle); return true; }
    }

    /// <summary>A hand-written service class on a SafeHandle (what a careful programmer writes).</summary>
    public sealed class SafeMeter : IDisposable
    {
        readonly MeterHandle _handle;
        public SafeMeter(ulong start) { _handle = MeterNew(start); }
        public ulong Add(ulong by) { return MeterAdd(_handle, by); }
        public void Dispose() { _handle.Dispose(); }
    }

    [DllImport("bench_fixture", EntryPoint = "raw_meter_new")]
    public static extern MeterHandle MeterNew(ulong start);

    [DllImport("bench_fixture", EntryPoint = "raw_meter_add")]
    public static extern ulong MeterAdd(MeterHandle meter, ulong by);

    [DllImport("bench_fixture", EntryPoint = "raw_meter_new")]
    public static extern IntPtr MeterNewPtr(ulong start);

    [DllImport("bench_fixture", EntryPoint = "raw_meter_add")]
    public static extern ulong MeterAddPtr(IntPtr meter, ulong by);

    [DllImport("bench_fixture", EntryPoint = "raw_meter_free")]
    public static extern void MeterFree(IntPtr meter);

    /// <summary>The best hand-written callback: a cached delegate and its pointer, made once.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate ulong U64Fn(ulong x);

    static readonly U64Fn PlusOne = x => x + 1;
    public static readonly IntPtr PlusOnePtr = Marshal.GetFunctionPointerForDelegate(PlusOne);

    [DllImport("bench_fixture", EntryPoint = "raw_call_n")]
    public static extern ulong CallN(ulong n, IntPtr f);

    /// <summary>The best hand-written callback returning text, the classic C way: a cached delegate
    /// that encodes the cached string into the buffer Rust lends it and returns the length.</summary>
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    public delegate UIntPtr TextFn(ulong x, byte* buf, UIntPtr cap);

    public const string Text = "hello world";

    static UIntPtr WriteText(ulong x, byte* buf, UIntPtr cap)
    {
        // UTF-8 takes at most 3 bytes per UTF-16 unit: never more than the buffer holds.
        if ((ulong)cap < (ulong)Text.Length * 3) return UIntPtr.Zero;
        fixed (char* chars = Text)
        {
            return (UIntPtr)System.Text.Encoding.UTF8.GetBytes(chars, Text.Length, buf, (int)cap);
        }
    }

    static readonly TextFn TextInto = WriteText;
    public static readonly IntPtr TextIntoPtr = Marshal.GetFunctionPointerForDelegate(TextInto);

    [DllImport("bench_fixture", EntryPoint = "raw_call_str_n")]
    public static extern ulong CallStrN(ulong n, IntPtr f);

    /// <summary>The best hand-written string argument: UTF-8 on the stack (or a pooled buffer for a
    /// long string), as the generated code does, without its checks.</summary>
    public static ulong StrLen(string s)
    {
        int cap = s.Length * 3;
        byte[] pool = s.Length > 256 ? System.Buffers.ArrayPool<byte>.Shared.Rent(cap) : null;
        byte* stack = stackalloc byte[pool == null ? cap : 0];
        try
        {
            fixed (char* chars = s)
            fixed (byte* heap = pool)
            {
                byte* bytes = pool == null ? stack : heap;
                int n = System.Text.Encoding.UTF8.GetBytes(chars, s.Length, bytes, pool == null ? cap : pool.Length);
                return (ulong)StrLen(bytes, (UIntPtr)n);
            }
        }
        finally
        {
            if (pool != null) System.Buffers.ArrayPool<byte>.Shared.Return(pool);
        }
    }

    public static ulong BytesLen(byte[] data)
    {
        fixed (byte* p = data) return (ulong)BytesLen(p, (UIntPtr)data.Length);
    }

    public static string StringMake()
    {
        UIntPtr len;
        byte* p = StringMake(out len);
        try
        {
            return System.Text.Encoding.UTF8.GetString(p, (int)len);
        }
        finally
        {
            StringFree(p, len);
        }
    }

    public static byte[] BytesMake(int size)
    {
        UIntPtr len;
        byte* p = BytesMake((UIntPtr)size, out len);
        try
        {
            byte[] result = new byte[(int)len];
            Marshal.Copy((IntPtr)p, result, 0, result.Length);
            return result;
        }
        finally
        {
            BytesFree(p, len);
        }
    }
}
