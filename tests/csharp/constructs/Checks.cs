// What every construct's tests share (tests/csharp/constructs): the check counters and helpers.
// Each construct's class imports them with `using static ConformanceTests.Checks;` and calls
// Check/Eq/Near/Panics/Throws as its own; Runner.cs resets the counters before each construct.

using System;
using Interop.Conformance;

namespace ConformanceTests
{
    internal static unsafe class Checks
    {
        internal static int Passed;
        internal static int Failed;

        internal static void Check(bool ok, string what)
        {
            if (ok)
            {
                Passed++;
            }
            else
            {
                Failed++;
                Console.WriteLine("FAIL: " + what);
            }
        }

        internal static void Eq<T>(T actual, T expected, string what)
        {
            bool ok = Equals(actual, expected);
            Check(ok, what + ": expected " + expected + ", got " + actual);
        }

        internal static void Near(double actual, double expected, string what)
        {
            Check(System.Math.Abs(actual - expected) < 1e-5, what + ": expected " + expected + ", got " + actual);
        }

        /// <summary>Runs <paramref name="call"/>, which must throw RustPanicException with exactly
        /// <paramref name="message"/>; afterwards nothing may be pending.</summary>
        internal static void Panics(Action call, string message, string what)
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (RustPanicException e)
            {
                Eq(e.Message, message, what + " message");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
            Eq(*ConformanceNative.PanicPending, 0u, what + ": pending counter back to 0");
        }

        /// <summary>Runs <paramref name="call"/>, which must throw an ArgumentException (the exact type: an
        /// argument the library refused, error kind 5, not a panic) whose message starts with
        /// <paramref name="message"/> (the runtime appends the parameter) and whose ParamName is
        /// <paramref name="param"/>; afterwards nothing may be pending.</summary>
        internal static void Refuses(Action call, string message, string param, string what)
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (ArgumentException e) when (e.GetType() == typeof(ArgumentException))
            {
                Check(e.Message.StartsWith(message, StringComparison.Ordinal), what + ": message \"" + e.Message + "\", expected \"" + message + "\"");
                Eq(e.ParamName, param, what + " ParamName");
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType() + ": " + e.Message);
            }
            Eq(*ConformanceNative.PanicPending, 0u, what + ": pending counter back to 0");
        }

        /// <summary>Runs <paramref name="call"/>, which must throw <typeparamref name="E"/>.</summary>
        internal static void Throws<E>(Action call, string what) where E : Exception
        {
            try
            {
                call();
                Check(false, what + ": no exception");
            }
            catch (E)
            {
                Check(true, what);
            }
            catch (Exception e)
            {
                Check(false, what + ": wrong exception " + e.GetType());
            }
        }
    }
}
