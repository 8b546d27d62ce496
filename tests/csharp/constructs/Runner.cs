// The C# conformance tests: one class per construct of tests/fixtures/conformance (this directory,
// <Construct>Tests.cs, each with a static Run()), compiled into one exe together with the generated
// bindings (namespace Interop.Conformance, class Conformance; the internal raw layer is reachable for
// the NULL tests):
//   mcs -langversion:7.2 -unsafe -warnaserror -out:Conformance.exe constructs/*.cs <bindings>.cs
// Runs every construct (or those named on the command line: `records opaque_handles`), prints
// "<construct>: N passed, M failed" for each (the construct is the class name in snake_case, as the
// fixture's cargo feature) and "N passed, M failed" in all; exits 1 when anything failed.
// tests/csharp/constructs.rs compares each construct's count with the one it expects.

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;

namespace ConformanceTests
{
    internal static class Runner
    {
        private static int Main(string[] args)
        {
            var constructs = typeof(Runner).Assembly.GetTypes()
                .Where(t => t.Namespace == "ConformanceTests" && t.Name.EndsWith("Tests", StringComparison.Ordinal))
                .Select(t => new KeyValuePair<string, MethodInfo>(
                    SnakeCase(t.Name.Substring(0, t.Name.Length - "Tests".Length)),
                    t.GetMethod("Run", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)))
                .OrderBy(c => c.Key, StringComparer.Ordinal)
                .ToList();
            int passed = 0;
            int failed = 0;
            foreach (var unknown in args.Where(a => constructs.All(c => c.Key != a)))
            {
                Console.WriteLine("FAIL: no construct named " + unknown);
                failed++;
            }
            foreach (var construct in constructs)
            {
                if (args.Length > 0 && !args.Contains(construct.Key))
                {
                    continue;
                }
                Checks.Passed = 0;
                Checks.Failed = 0;
                if (construct.Value == null)
                {
                    Checks.Check(false, construct.Key + ": the class has no static Run()");
                }
                else
                {
                    try
                    {
                        construct.Value.Invoke(null, null);
                    }
                    catch (TargetInvocationException e)
                    {
                        Checks.Check(false, construct.Key + ": unexpected exception: " + e.InnerException);
                    }
                }
                Console.WriteLine(construct.Key + ": " + Checks.Passed + " passed, " + Checks.Failed + " failed");
                passed += Checks.Passed;
                failed += Checks.Failed;
            }
            Console.WriteLine(passed + " passed, " + failed + " failed");
            return failed == 0 ? 0 : 1;
        }

        /// <summary>OpaqueHandles → opaque_handles, CStrings → c_strings.</summary>
        private static string SnakeCase(string pascal)
        {
            var s = new StringBuilder();
            foreach (char c in pascal)
            {
                if (char.IsUpper(c) && s.Length > 0)
                {
                    s.Append('_');
                }
                s.Append(char.ToLowerInvariant(c));
            }
            return s.ToString();
        }
    }
}
