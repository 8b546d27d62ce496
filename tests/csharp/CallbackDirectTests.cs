// Callbacks, from C#: the direct entries of delegates of static methods (ADR 65), through the
// conformance fixture's `callbacks` feature. On Mono with preemptive suspend, from the second time a delegate of one static
// method is passed for a signature that crosses unconverted, Rust enters a method made for it (a
// `try`/`catch` around a direct call) instead of the trampoline; on CoreCLR the trampoline's
// `[UnmanagedCallersOnly]` twin always. Results, exceptions (the waiting call, a Rust thread), threads,
// and the delegates that keep the trampoline (multicast, bound to an object). Part of
// CallbacksTests.cs's class.

using System;
using System.Threading;
using Interop.Conformance;

namespace CallbacksTests
{
    internal static partial class Program
    {
        private static readonly MyCallback s_doubled = x => x * 2;
        private static readonly InvalidOperationException s_directThrown = new InvalidOperationException("boom in a static method");
        private static int s_multicastCalls;

        private static uint Throwing(uint x)
        {
            throw s_directThrown;
        }

        private static uint Once(uint x)
        {
            Interlocked.Increment(ref s_multicastCalls);
            return x + 1;
        }

        private static uint Twice(uint x)
        {
            Interlocked.Increment(ref s_multicastCalls);
            return x + 2;
        }

        private static void DirectEntries()
        {
            bool mono = Type.GetType("Mono.Runtime") != null && Environment.GetEnvironmentVariable("MONO_THREADS_SUSPEND") == "preemptive";
            Eq(ConformanceNative.__DirectEntries, mono, "direct entries exactly on Mono with preemptive suspend");
            IntPtr trampoline = ConformanceNative.__CbMyCallback.Pointer;

            // The first call goes through the trampoline, the next ones through the direct entry.
            for (uint i = 0; i < 3; i++)
            {
                Eq(Callbacks.CallNamed(s_doubled, 20 + i), 40 + 2 * i, "a static lambda, call " + i);
            }
            IntPtr direct = ConformanceNative.__CbMyCallback.PointerFor(s_doubled);
            Eq(direct != trampoline, mono, "a static lambda seen before has its own entry exactly on Mono (preemptive)");
            Eq(ConformanceNative.__CbMyCallback.PointerFor(s_doubled), direct, "the same entry the next time");

            // Exceptions: caught by the direct entry, rethrown by the waiting call, every time.
            MyCallback throwing = Throwing;
            for (int i = 0; i < 3; i++)
            {
                var caught = Throws<InvalidOperationException>(() => Callbacks.CallNamed(throwing, 1), "a static method's exception rethrown, call " + i);
                Check(ReferenceEquals(caught, s_directThrown), "the original exception object, call " + i);
            }
            Eq(ConformanceNative.__CbMyCallback.PointerFor(throwing) != trampoline, mono, "the throwing method has its own entry exactly on Mono (preemptive)");
            Eq(Callbacks.CallNamed(s_doubled, 4), 8u, "the next call is clean");

            // Kept by Rust and called on its threads.
            Eq(Callbacks.CallOnRustThread(s_doubled, 5), 10u, "a Rust thread through the direct entry");
            Exception unhandled = null;
            EventHandler<UnhandledExceptionEventArgs> handler = (sender, e) => unhandled = (Exception)e.ExceptionObject;
            Conformance.UnhandledCallbackException += handler;
            Eq(Callbacks.CallOnRustThread(throwing, 5), 0u, "a Rust thread got the failure value");
            Check(ReferenceEquals(unhandled, s_directThrown), "UnhandledCallbackException got the static method's exception");
            Conformance.UnhandledCallbackException -= handler;
            Eq(Callbacks.CallFromThreads(s_doubled, 8, 10000), 2UL * (80000UL * 79999UL / 2), "8 Rust threads x 10,000 calls through the direct entry");

            // A multicast delegate calls every method: the trampoline keeps it.
            var multicast = (MyCallback)Delegate.Combine(new MyCallback(Once), new MyCallback(Twice));
            s_multicastCalls = 0;
            for (uint i = 0; i < 3; i++)
            {
                Eq(Callbacks.CallNamed(multicast, 10), 12u, "a multicast delegate returns the last method's result, call " + i);
            }
            Eq(s_multicastCalls, 6, "both methods of the multicast delegate ran each time");
            Eq(ConformanceNative.__CbMyCallback.PointerFor(multicast), trampoline, "a multicast delegate keeps the trampoline");

            // A delegate bound to an object keeps the trampoline (its target is read from the slot).
            uint offset = 7;
            MyCallback bound = x => x + offset;
            Eq(Callbacks.CallNamed(bound, 1) + Callbacks.CallNamed(bound, 2), 17u, "a capturing lambda, twice");
            Eq(ConformanceNative.__CbMyCallback.PointerFor(bound), trampoline, "a capturing lambda keeps the trampoline");

            // A new delegate of the same static method each call: the trampoline, then the method's entry.
            Eq(Callbacks.CallNamed(new MyCallback(Twice), 1) + Callbacks.CallNamed(new MyCallback(Twice), 2), 7u, "fresh delegates of one static method");
        }
    }
}
