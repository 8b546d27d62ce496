// Feature `c_strings`: `*const c_char` parameters are strings (NUL-terminated UTF-8 copies), `*mut
// c_char` buffers and returned C strings are `byte*`. See Runner.cs.

using System;
using Interop.Conformance;
using static ConformanceTests.Checks;

namespace ConformanceTests
{
    internal static unsafe class CStringsTests
    {
        internal static void Run()
        {
            Eq(Conformance.CStrlen("hello"), 5L, "CStrlen(hello)");
            Eq(Conformance.CStrlen("h\u00e9llo \u263a"), 10L, "CStrlen counts UTF-8 bytes");
            Eq(Conformance.CStrlen(""), 0L, "CStrlen(empty)");
            Eq(Conformance.CStrlen(null), -1L, "CStrlen(null) passes NULL");
            Eq(Conformance.CByteSum("AB"), 131u, "CByteSum(AB)");
            Eq(Conformance.CByteSum("\u00e9"), 0xC3u + 0xA9u, "CByteSum(e acute) is the UTF-8 bytes");
            Throws<ArgumentException>(() => Conformance.CStrlen("a\0b"), "CStrlen(a NUL b)");
            Throws<ArgumentException>(() => Conformance.CStrlen("\ud800"), "CStrlen(lone surrogate)");
            byte* buffer = stackalloc byte[4];
            Eq(Conformance.CWriteHi(buffer, 4), true, "CWriteHi");
            Check(buffer[0] == (byte)'h' && buffer[1] == (byte)'i' && buffer[2] == 0, "CWriteHi wrote hi");
            Eq(Conformance.CWriteHi(buffer, 2), false, "CWriteHi without room");
            byte* greeting = Conformance.CGreeting();
            Check(greeting[0] == (byte)'h' && greeting[4] == (byte)'o' && greeting[5] == 0, "CGreeting is a C string");
        }
    }
}
