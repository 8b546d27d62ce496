// Callbacks, from C#: every function of the conformance fixture's `callbacks` feature through the
// generated bindings: lambdas as named delegates, Func/Action and FnMut visitors; comparators; kept
// callbacks released when Rust drops them (WeakReference), GC.Collect() inside callbacks; 8 Rust
// threads x 100,000 calls with no lost call; exceptions thrown in callbacks rethrown by the waiting
// call as the original exception, or raised on Conformance.UnhandledCallbackException from Rust's own
// threads; returned Rust closures (Invoke, ToDelegate, Dispose, a panic inside); plain function
// pointers; borrowed arguments (&str, &[T], &T as copies), closures returning Result<T, E> (a typed
// exception is Err), more shapes of Interoptopus's reference project (features callbacks and
// callback_args). Run on Mono and .NET 8 with the same output (tests/csharp/callbacks.rs). Prints
// "N passed, M failed"; exits 1 when anything failed. CallbackSlotsTests.cs and CallbackDirectTests.cs
// hold more of the class.

using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Interop.Conformance;

namespace CallbacksTests
{
    internal static partial class Program
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

        /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="E"/>; returns it.</summary>
        private static E Throws<E>(Action call, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E e)
            {
                Check(true, what);
                return e;
            }
            catch (Exception e)
            {
                Check(false, what + ": " + e.GetType().Name + ": " + e.Message);
            }
            return null;
        }

        private static void FullGc()
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        }

        private static int Main()
        {
            EntryPoints();
            Borrowed();
            BorrowedArguments();
            ResultReturns();
            MoreShapes();
            Exceptions();
            DirectEntries();
            Kept();
            ManySlots();
            Threads();
            Returned();
            ReturnedOwning();
            FunctionPointers();
            Memory(20000);
            RethrownMemory(100000);
            Console.WriteLine(s_passed + " passed, " + s_failed + " failed");
            return s_failed == 0 ? 0 : 1;
        }

        /// <summary>
        /// ADR 39: on CoreCLR Rust is handed the <c>[UnmanagedCallersOnly]</c> twins of the trampolines,
        /// the drop callback and the unhandled hook; on Mono, their delegates. The runtime is told apart
        /// here on its own (Mono has the class <c>Mono.Runtime</c>), so a silent fallback fails.
        /// </summary>
        private static void EntryPoints()
        {
            bool coreclr = Type.GetType("Mono.Runtime") == null;
            Eq(ConformanceNative.__UnmanagedEntries, coreclr, "[UnmanagedCallersOnly] entry points exactly on CoreCLR");
            Eq(ConformanceNative.__CbMyCallback.Pointer == Unmanaged(typeof(ConformanceNative.__CbMyCallback), "InvokeUnmanaged"), coreclr, "a trampoline's address is its InvokeUnmanaged on CoreCLR");
            Eq(ConformanceNative.__CbChecker.Pointer == Unmanaged(typeof(ConformanceNative.__CbChecker), "InvokeUnmanaged"), coreclr, "so is a Result-returning one's");
            Eq(ConformanceNative.__DropPointer == Unmanaged(typeof(ConformanceNative), "__DropCallbackUnmanaged"), coreclr, "the drop callback's too");
            Check(ConformanceNative.__CbMyCallback.Pointer != IntPtr.Zero, "a trampoline has an address");
        }

        private static IntPtr Unmanaged(Type owner, string name)
        {
            return owner.GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic).MethodHandle.GetFunctionPointer();
        }

        private static void Borrowed()
        {
            Eq(Callbacks.CallNamed(x => x * 2, 21), 42u, "named delegate");
            Eq(Callbacks.CallTwice(x => x + 1, 5), 7u, "impl Fn called twice");
            MyCallback named = x => x + 100;
            Eq(Callbacks.CallTwice(named, 1), 201u, "a MyCallback variable");

            var seen = new List<uint>();
            Callbacks.CountTo(4, i => seen.Add(i));
            Eq(string.Join(",", seen), "0,1,2,3", "&mut dyn FnMut visitor");

            var pairs = new List<string>();
            Callbacks.Visit(new ulong[] { 10, 20, 30 }, (i, v) => pairs.Add(i + ":" + v));
            Eq(string.Join(",", pairs), "0:10,1:20,2:30", "visitor over a slice (array)");
            pairs.Clear();
            Callbacks.Visit(new ReadOnlySpan<ulong>(new ulong[] { 7 }), (i, v) => pairs.Add(i + ":" + v));
            Eq(string.Join(",", pairs), "0:7", "visitor over a slice (span)");

            Eq(Callbacks.CountMatching(new uint[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, v => v % 2 == 0), 5u, "predicate returning bool");
            Eq(Callbacks.CountMatching(new uint[] { 1, 2, 3 }, v => false), 0u, "predicate false");

            int[] values = { 5, -3, 9, 0, 2, 2 };
            Callbacks.SortWith(values, (a, b) => a.CompareTo(b));
            Eq(string.Join(",", values), "-3,0,2,2,5,9", "comparator ascending");
            Callbacks.SortWith(values, (a, b) => b.CompareTo(a));
            Eq(string.Join(",", values), "9,5,2,2,0,-3", "comparator descending");

            Eq(Callbacks.Combine(null, 2, 3), 5, "Option<&dyn Fn>: null");
            Eq(Callbacks.Combine((a, b) => a * b, 2, 3), 6, "Option<&dyn Fn>: a lambda");

            Eq(Callbacks.MapPoint(new CbPoint(1, 2), p => new CbPoint(p.X * 3, p.Y * 2)), 5f, "record in and out of a callback");
            Eq(Callbacks.HalveWith(5.0, x => 3 * x), 7.5, "a callback returning a float");

            string greeting = null;
            Callbacks.Greet("C\u00e9sar", s => greeting = s);
            Eq(greeting, "Hello, C\u00e9sar!", "owned String argument");

            // A collection inside the callback moves nothing the call needs.
            Eq(Callbacks.CallTwice(x => { FullGc(); return x + 1; }, 1), 3u, "GC.Collect() inside a borrowed callback");

            var bound = new Accumulator();
            Callbacks.CountTo(5, bound.Add);
            Eq(bound.Total, 10u, "a bound method as the callback");

            Throws<ArgumentNullException>(() => Callbacks.CallTwice(null, 1), "null delegate refused");
        }

        // Closures with borrowed parameters (`&str`, `&[T]`, `&T`): the delegate gets copies
        // (`string`, `T[]`, the record), so it may keep them.
        private static void BorrowedArguments()
        {
            var lines = new List<string>();
            Eq(Callbacks.EachLine("one\nd\u00e9j\u00e0 vu\n\nlast", line => lines.Add(line)), 4u, "&str lines counted");
            Eq(string.Join("|", lines), "one|d\u00e9j\u00e0 vu||last", "each &str as a string (named delegate OnLine)");
            OnLine named = line => lines.Add("[" + line + "]");
            Eq(Callbacks.EachLine("x", named), 1u, "an OnLine variable");
            Eq(lines[lines.Count - 1], "[x]", "the OnLine variable got the line");

            var chunks = new List<ulong[]>();
            ulong sum = Callbacks.VisitChunks(new ulong[] { 1, 2, 3, 4, 5, 6, 7 }, 3, chunk =>
            {
                chunks.Add(chunk);
                ulong s = 0;
                foreach (ulong v in chunk)
                {
                    s += v * 10;
                }
                return s;
            });
            Eq(sum, 280ul, "&[u64] chunks summed by the callback");
            Eq(chunks.Count, 3, "three chunks");
            Eq(string.Join(";", chunks.ConvertAll(c => string.Join(",", c))), "1,2,3;4,5,6;7", "the chunks kept after the call are intact copies");
            Eq(Callbacks.VisitChunks(new ulong[0], 2, chunk => 1), 0ul, "no chunk for an empty slice");

            var seen = new List<string>();
            var points = new[] { new CbPoint(1, 2), new CbPoint(3, 4), new CbPoint(5, 6) };
            Eq(Callbacks.VisitPoints(points, (i, p) => { seen.Add(i + ":" + p.X + "," + p.Y); return i < 1; }), 2u, "&CbPoint visitor stops when it returns false");
            Eq(string.Join(" ", seen), "0:1,2 1:3,4", "each &CbPoint as a CbPoint");

            Eq(Callbacks.Measure(null, "h\u00e9"), 3u, "Option<&dyn Fn(&str)>: null");
            Eq(Callbacks.Measure(s => (uint)s.Length, "h\u00e9"), 2u, "Option<&dyn Fn(&str)>: gets the text");
            Eq(Callbacks.Measure(s => { FullGc(); return (uint)s.Length; }, "gc"), 2u, "GC.Collect() inside a callback with a borrowed argument");

            var logged = new List<string>();
            Callbacks.LogOnThread(line => { lock (logged) { logged.Add(line); } }, "from Rust");
            Eq(string.Join("|", logged), "from Rust|9 bytes", "a kept Fn(&str) called on a Rust thread");

            var thrown = new InvalidOperationException("bad line");
            var caught = Throws<InvalidOperationException>(() => Callbacks.EachLine("a\nb", line => { throw thrown; }), "an exception in a Fn(&str) is rethrown");
            Check(ReferenceEquals(caught, thrown), "the original exception from EachLine");
        }

        // Closures returning Result<T, E>: the delegate returns T or throws E's exception; Rust
        // receives Err(E). Any other exception is rethrown (Rust received Err(CbError.Unknown)).
        private static void ResultReturns()
        {
            CbTally tally = Callbacks.CheckAll(new uint[] { 1, 2, 3, 4, 100 }, v =>
            {
                if (v >= 100) throw new CbErrorException(CbError.TooLarge, "too large");
                if (v % 2 == 1) throw new CbErrorException(CbError.Odd, "odd");
                return v * 10;
            });
            Eq(tally.Sum, 60ul, "Ok values summed by Rust");
            Eq(tally.Accepted, 2u, "Ok count");
            Eq(tally.Refused, 3u, "Err count");
            Eq(tally.LastError, CbError.TooLarge, "Rust received Err(E) with the exception's value");
            Checker named = v => v + 1;
            Eq(Callbacks.CheckAll(new uint[] { 1, 2 }, named).Sum, 5ul, "a Checker delegate variable");

            Eq(Callbacks.ValidateUpTo(10, i => { if (i == 4) throw new CbErrorException(CbError.TooLarge, "stop"); }), 4u, "Result<(), E> as an Action");
            Eq(Callbacks.ValidateUpTo(3, i => { }), 3u, "Result<(), E> all Ok");
            // Same parameters, another Result: its own trampoline (they once shared one, and the
            // second delegate type failed its cast in every call).
            Eq(Callbacks.SumWidened(new uint[] { 1, 2 }, v => (ulong)v << 32), 3ul << 32, "Result<u64, E> next to Result<(), E>");
            var widenError = Throws<CbErrorException>(() => Callbacks.SumWidened(new uint[] { 1, 3 }, v => { if (v == 3) throw new CbErrorException(CbError.Odd, "odd"); return v; }), "Err from the Result<u64, E> closure");
            Eq(widenError.Error, CbError.Odd, "Rust received Err(Odd) from the Result<u64, E> closure");

            var thrown = new InvalidOperationException("not a CbError");
            var caught = Throws<InvalidOperationException>(() => Callbacks.CheckAll(new uint[] { 1 }, v => { throw thrown; }), "another exception is rethrown by the waiting call");
            Check(ReferenceEquals(caught, thrown), "the original exception from CheckAll");

            Eq(Callbacks.CheckOnRustThread(v => v * 2, 21), 42L, "Ok on a Rust thread");
            Eq(Callbacks.CheckOnRustThread(v => { throw new CbErrorException(CbError.Odd, "odd"); }, 1), -2L, "Err(Odd) on a Rust thread");
            Exception unhandled = null;
            EventHandler<UnhandledExceptionEventArgs> handler = (sender, e) => unhandled = (Exception)e.ExceptionObject;
            Conformance.UnhandledCallbackException += handler;
            var onThread = new FormatException("not a CbError, on a Rust thread");
            Eq(Callbacks.CheckOnRustThread(v => { throw onThread; }, 1), -1L, "Rust received Err(Unknown) for another exception");
            Check(ReferenceEquals(unhandled, onThread), "UnhandledCallbackException got it");
            Conformance.UnhandledCallbackException -= handler;
        }

        // Shapes of Interoptopus's reference project: no parameters, a byte slice, an opaque pointer,
        // a record owning a string by value.
        private static unsafe void MoreShapes()
        {
            int ticks = 0;
            Eq(Callbacks.TickTimes(3, () => ticks++), 3u, "Fn() called");
            Eq(ticks, 3, "Fn() called 3 times");
            byte[] kept = null;
            Eq(Callbacks.WithBytes(5, b => { kept = b; return (byte)(b[4] + b.Length); }), (byte)9, "&[u8] as a byte[]");
            Eq(string.Join(",", kept), "0,1,2,3,4", "the byte[] is a copy the delegate may keep");
            int target = 7;
            IntPtr seen = IntPtr.Zero;
            Check(Callbacks.PassPointer(&target, p => { seen = p; return true; }), "*const c_void callback");
            Check(seen == (IntPtr)(&target), "the opaque pointer came back as an IntPtr");
            var labels = new List<string>();
            Eq(Callbacks.LabelWords("alpha beta  gamma", l => labels.Add(l.Index + "=" + l.Text)), 3u, "record owning a string, by value");
            Eq(string.Join(" ", labels), "0=ALPHA 1=BETA 2=GAMMA", "each CbLabel");
        }

        private sealed class Accumulator
        {
            public uint Total;

            public void Add(uint v)
            {
                Total += v;
            }
        }

        private static void Exceptions()
        {
            var thrown = new InvalidOperationException("boom in a callback");
            int calls = 0;
            var caught = Throws<InvalidOperationException>(() => Callbacks.CallTwice(x => { calls++; throw thrown; }, 1), "exception rethrown by the waiting call");
            Check(ReferenceEquals(caught, thrown), "the original exception object");
            Check(caught != null && caught.StackTrace != null && caught.StackTrace.Contains("Exceptions"), "its stack trace kept the callback's frames");
            Eq(calls, 2, "Rust went on with the failure value (0) and called it again");
            Eq(Callbacks.CallTwice(x => x + 1, 1), 3u, "the next call is clean");

            Throws<FormatException>(() => Callbacks.CountMatching(new uint[] { 1 }, v => { throw new FormatException("bool"); }), "exception in a callback returning bool");
            Throws<ArgumentException>(() => Callbacks.SortWith(new[] { 3, 1, 2 }, (a, b) => { throw new ArgumentException("cmp"); }), "exception in a comparator");

            Exception unhandled = null;
            int unhandledThread = -1;
            EventHandler<UnhandledExceptionEventArgs> handler = (sender, e) =>
            {
                unhandled = (Exception)e.ExceptionObject;
                unhandledThread = Thread.CurrentThread.ManagedThreadId;
            };
            Conformance.UnhandledCallbackException += handler;
            var onThread = new ApplicationException("thrown on a Rust thread");
            uint result = Callbacks.CallOnRustThread(x => { throw onThread; }, 5);
            Eq(result, 0u, "the Rust thread got the failure value");
            Check(ReferenceEquals(unhandled, onThread), "UnhandledCallbackException got the exception");
            Check(unhandledThread != Thread.CurrentThread.ManagedThreadId, "raised on the Rust thread");
            Eq(Callbacks.CallOnRustThread(x => x * 3, 5), 15u, "a Rust thread calling a healthy callback");
            Conformance.UnhandledCallbackException -= handler;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static WeakReference Subscribe(Emitter emitter, List<uint> sink)
        {
            OnEvent handler = v => { lock (sink) { sink.Add(v); } };
            Eq(emitter.Subscribe(handler), 1u, "subscribe");
            return new WeakReference(handler);
        }

        private static void Kept()
        {
            Emitter emitter = Emitter.Create();
            var sink = new List<uint>();
            WeakReference weak = Subscribe(emitter, sink);
            FullGc();
            Check(weak.IsAlive, "a kept delegate stays alive while Rust holds it");
            Eq(emitter.Emit(7), 1u, "emit");
            emitter.EmitOnThread(3);
            Eq(string.Join(",", sink), "7,0,1,2", "a kept delegate called now and from a Rust thread");

            var thrown = new KeyNotFoundException("handler failed");
            emitter.Subscribe(v => { if (v == 99) throw thrown; });
            var caught = Throws<KeyNotFoundException>(() => emitter.Emit(99), "a kept handler's exception rethrown by Emit");
            Check(ReferenceEquals(caught, thrown), "the original exception from Emit");

            emitter.Clear();
            FullGc();
            Check(!weak.IsAlive, "released when Rust drops it");
            Eq(emitter.Emit(1), 0u, "no handler left");

            ulong logged = 0;
            emitter.SetLogger(v => logged += v);
            Check(emitter.Log(40) && emitter.Log(2), "logger called");
            Eq(logged, 42ul, "the FnMut logger's state");
            emitter.SetLogger(null);
            Check(!emitter.Log(1), "logger removed with null");
            Emitter.Destroy(emitter);
        }

        private static void Threads()
        {
            const uint threads = 8;
            const uint calls = 100000;
            long count = 0;
            ulong expected = 0;
            for (ulong i = 0; i < threads * calls; i++)
            {
                expected += i % 1000;
            }
            ulong sum = Callbacks.CallFromThreads(x =>
            {
                long n = Interlocked.Increment(ref count);
                if (n % 100000 == 0)
                {
                    GC.Collect();
                }
                return x % 1000;
            }, threads, calls);
            Eq(Interlocked.Read(ref count), (long)(threads * calls), "8 Rust threads x 100,000 calls, none lost");
            Eq(sum, expected, "every result returned to its thread");
        }

        private static void Returned()
        {
            using (MyCallbackClosure add = Callbacks.MakeAdder(10))
            {
                Eq(add.Invoke(5), 15u, "returned closure invoked");
                MyCallback asDelegate = add.ToDelegate();
                Eq(asDelegate(1), 11u, "returned closure as a delegate");
                Eq(Callbacks.CallTwice(asDelegate, 0), 20u, "a Rust closure passed back to Rust");
                long total = 0;
                var workers = new Thread[4];
                for (int t = 0; t < workers.Length; t++)
                {
                    workers[t] = new Thread(() =>
                    {
                        for (uint i = 0; i < 1000; i++)
                        {
                            Interlocked.Add(ref total, add.Invoke(i));
                        }
                    });
                    workers[t].Start();
                }
                foreach (Thread w in workers)
                {
                    w.Join();
                }
                Eq(total, 4L * (499500 + 10000), "a returned closure called from 4 C# threads");
                add.Dispose();
                var disposed = Throws<ObjectDisposedException>(() => add.Invoke(1), "invoke after Dispose refused");
                Eq(disposed.ObjectName, "MyCallbackClosure", "the disposed closure named by its class (not an internal handle)");
            }

            MyCallbackClosure divide = Callbacks.MakeDivider();
            Eq(divide.Invoke(4), 25u, "divider");
            var panic = Throws<RustPanicException>(() => divide.Invoke(0), "a panic in a Rust closure throws");
            Check(panic != null && panic.Message == "panic in closure returned by `make_divider`: division by zero", "the panic message names the closure: " + (panic == null ? "" : panic.Message));
            Eq(divide.Invoke(5), 20u, "usable after the panic");
            divide.Dispose();
            divide.Dispose();
            Check(true, "Dispose twice is harmless");

            // Never disposed: the finalizer drops it.
            for (int i = 0; i < 100; i++)
            {
                Callbacks.MakeAdder((uint)i);
            }
            FullGc();
            Check(true, "undisposed closures finalized");
        }

        private static long ResidentBytes()
        {
            string[] statm = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
            return long.Parse(statm[1]) * 4096;
        }

        /// <summary>Resident memory after <paramref name="count"/> calls, minus before (after
        /// <paramref name="warmUp"/> calls).</summary>
        private static long Growth(int count, int warmUp, Action roundTrip)
        {
            for (int i = 0; i < warmUp; i++)
            {
                roundTrip();
            }
            FullGc();
            long before = ResidentBytes();
            for (int i = 0; i < count; i++)
            {
                roundTrip();
            }
            FullGc();
            return ResidentBytes() - before;
        }

        // Kept delegates released by Rust, borrowed ones with text, results and returned closures do
        // not grow resident memory.
        private static void Memory(int count)
        {
            const long MiB = 1024 * 1024;
            Emitter emitter = Emitter.Create();
            long kept = Growth(count, count / 10, () => { emitter.Subscribe(v => { }); emitter.Clear(); });
            Emitter.Destroy(emitter);
            long lines = Growth(count, count / 10, () => Callbacks.EachLine("a\nb", l => { }));
            // .NET 8 grows its exception-handling caches over the first tens of thousands of throws
            // across native frames (then flat; Mono does not): warm up longer.
            long results = Growth(count, 3 * count, () => Callbacks.CheckAll(new uint[] { 1, 2 }, v => { if (v == 1) throw new CbErrorException(CbError.Odd, "odd"); return v; }));
            long closures = Growth(count, count / 10, () => { using (MyCallbackClosure add = Callbacks.MakeAdder(1)) { add.Invoke(1); } });
            Check(kept < 5 * MiB, "kept delegates grew RSS by " + kept + " bytes");
            Check(lines < 5 * MiB, "borrowed &str callbacks grew RSS by " + lines + " bytes");
            Check(results < 5 * MiB, "Result callbacks grew RSS by " + results + " bytes");
            Check(closures < 5 * MiB, "returned closures grew RSS by " + closures + " bytes");
        }

        // An exception thrown in a callback and rethrown from the outer call (ExceptionDispatchInfo
        // kept in a [ThreadStatic], the error channel's message freed), 100,000 times: resident memory
        // stays flat. The warm-up covers .NET 8's exception-handling caches (see Memory).
        private static void RethrownMemory(int count)
        {
            const long MiB = 1024 * 1024;
            MyCallback thrower = x => { throw new InvalidOperationException("cb"); };
            int caught = 0;
            long rethrown = Growth(count, count / 2, () =>
            {
                try
                {
                    Callbacks.CallTwice(thrower, 1);
                }
                catch (InvalidOperationException)
                {
                    caught++;
                }
            });
            Eq(caught, count + count / 2, "every callback exception rethrown by the outer call");
            Check(rethrown < 5 * MiB, "100,000 rethrown callback exceptions grew RSS by " + rethrown + " bytes");
        }

        private static uint Quintuple(uint x)
        {
            return x * 5;
        }

        private static void FunctionPointers()
        {
            FnPtrU32ToU32 f = Quintuple;
            Eq(Callbacks.ApplyFn(f, 3), 15u, "function pointer parameter");
            Eq(Callbacks.ApplyOptionalFn(null, 3), 3u, "optional function pointer: null");
            Eq(Callbacks.ApplyOptionalFn(f, 4), 20u, "optional function pointer: a delegate");
            FnPtrU32ToU32 triple = Callbacks.GetTriple();
            Eq(triple(4), 12u, "returned function pointer");
            Eq(Callbacks.ApplyFn(triple, 5), 15u, "returned function pointer passed back");
            Throws<ArgumentNullException>(() => Callbacks.ApplyFn(null, 1), "null function pointer refused");
        }
    }
}
