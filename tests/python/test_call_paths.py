"""Wrong arguments raise the same exception with the same message on both call paths (issue 13,
Python item 2): the conformance fixture's `strings` feature against the INSTALLED wheel
(tests/python/strings.rs runs this file with test_strings.py). Each path runs in a fresh
interpreter (`INTEROP_PYTHON_CALLS` picks the path at import), so this compares them whatever path
the test process itself uses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")

# The same wrong arguments on both call paths: each path in a fresh interpreter (the path is chosen
# at import), the exception's class and message compared.
WRONG_ARGUMENTS = [
    'c.add_u8("x", 1)',
    "c.add_u8(c.Pair(1, 2), 1)",
    "c.add_u8(1.5, 1)",
    "c.add_u8(None, 1)",
    "c.add_u8(256, 1)",
    "c.add_u8(-1, 1)",
    "c.negate(1)",
    'c.color_next("RED")',
    "c.vec_x(c.Pair(1, 2))",
    "c.pair_scale(c.Vec2f32())",
    "c.pair_scale(None)",
    'c.slice_len(["a", "b"])',
    'c.slice_len([1, "b"])',
    "c.slice_len([c.Pair(1, 2)])",
    "c.slice_len(None)",
    "c.slice_len(5)",
    "c.str_char_count(1)",
    'c.str_char_count(b"x")',
    "c.str_char_count(None)",
    'c.strings_join(["a", 1], ",")',
    'c.strings_join("ab", 1)',
    "c.colors_rotate([1])",
    "c.bools_count([True, 1])",
    "c.bytes_sum(3)",
    'c.bytes_sum(array.array("H", [1]))',
    "c.str_char_count(str)",
    'c.str_char_count("a\\udc80")',
    # C strings (compiled since ADR 52): a NUL inside, a lone surrogate, neither `str` nor `bytes`.
    'c.c_str_len("a\\0b")',
    'c.c_str_len(b"ab\\0")',
    'c.c_str_len("\\ud800")',
    "c.c_str_len(5)",
    "c.c_str_len(None)",
    'c.c_str_len(bytearray(b"x"))',
    'c.c_str_byte_at("x", -1)',
]

# The same calls with good arguments: the same results on both paths.
GOOD_ARGUMENTS = [
    'c.c_str_len("")',
    'c.c_str_len("h\u00e9llo")',
    'c.c_str_len(b"\\xff\\xfe")',
    'c.c_str_len(type("S", (str,), {})("abc"))',
    'c.c_str_len(type("B", (bytes,), {})(b"abcd"))',
    'c.c_str_byte_at("abc", 1)',
    'c.c_str_byte_at(b"abc", 9)',
    "c.c_str_version()",
    "c.c_str_empty()",
    'c.str_char_count("\u65e5\u672c" * 600)',
]

_CHILD = """
import array, ctypes, json, sys
import conformance as c
out = []
for expression in json.loads(sys.argv[1]):
    try:
        value = eval(expression)
        out.append(["no exception", repr(value)])
    except Exception as e:
        out.append([type(e).__name__, str(e)])
print(json.dumps(out))
"""


def _wrong_arguments_on(path: str, expressions: Any = None) -> Any:
    env = dict(os.environ, INTEROP_PYTHON_CALLS=path)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(expressions or WRONG_ARGUMENTS)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return None, done.stderr
    return json.loads(done.stdout), ""


def test_wrong_arguments_raise_the_same_on_both_call_paths() -> None:
    compiled, why = _wrong_arguments_on("compiled")
    if compiled is None:
        # No compiled path in this interpreter (PyPy): nothing to compare with.
        assert CALLS != "compiled", why
        return
    ctypes_path, why = _wrong_arguments_on("ctypes")
    assert ctypes_path is not None, why
    different = [
        (expression, a, b)
        for expression, a, b in zip(WRONG_ARGUMENTS, compiled, ctypes_path)
        if a != b
    ]
    assert different == [], "\n".join(f"{e}: compiled {a}, ctypes {b}" for e, a, b in different)
    assert all(kind != "no exception" for kind, _ in compiled), compiled
    # What they say: the parameter, the expected type and the given one.
    said = dict(zip(WRONG_ARGUMENTS, compiled))
    assert said['c.add_u8("x", 1)'] == ["TypeError", "add_u8() argument 'a' must be int, not str"]
    assert said["c.add_u8(c.Pair(1, 2), 1)"] == ["TypeError", "add_u8() argument 'a' must be int, not Pair"]
    # Strings, slices, C strings and closures name the function and the parameter as the
    # integers do (the helpers' own words after it).
    assert said["c.str_char_count(1)"] == [
        "TypeError",
        "str_char_count() argument 's': expected str, got int",
    ]
    assert said["c.slice_len(5)"] == [
        "TypeError",
        "slice_len() argument 's': expected a sequence or a buffer, got int",
    ]
    assert said['c.str_char_count("a\\udc80")'][1].startswith("str_char_count() argument 's': ")
    assert said['c.c_str_len("a\\0b")'] == [
        "ValueError",
        "c_str_len() argument 's': a C string cannot contain NUL (at byte 1)",
    ]
    assert said['c.c_str_len(b"ab\\0")'] == [
        "ValueError",
        "c_str_len() argument 's': a C string cannot contain NUL (at byte 2)",
    ]
    assert said["c.c_str_len(5)"] == ["TypeError", "c_str_len() argument 's': expected str, got int"]
    assert said['c.c_str_len("\\ud800")'][0] == "ValueError"


def test_good_arguments_give_the_same_results_on_both_call_paths() -> None:
    compiled, why = _wrong_arguments_on("compiled", GOOD_ARGUMENTS)
    if compiled is None:
        assert CALLS != "compiled", why
        return
    ctypes_path, why = _wrong_arguments_on("ctypes", GOOD_ARGUMENTS)
    assert ctypes_path is not None, why
    assert compiled == ctypes_path
    got = dict(zip(GOOD_ARGUMENTS, (value for _, value in compiled)))
    assert got['c.c_str_len("h\u00e9llo")'] == "6"
    assert got['c.c_str_len(b"\\xff\\xfe")'] == "2"
    assert got['c.c_str_len(type("B", (bytes,), {})(b"abcd"))'] == "4"
    assert got['c.c_str_byte_at("abc", 1)'] == str(ord("b"))
    assert got["c.c_str_empty()"] == "''"
    assert got['c.str_char_count("\u65e5\u672c" * 600)'] == "1200"


# Slices and vectors the compiled path converts since ADR 55: writable slices (buffers written in
# place, lists written back), slices of C-like enums, records, strings and records owning data.
# Each expression returns the call's result with the argument after the call.
SEQUENCES = [
    "(lambda s: (c.slice_mut_bump_first(s), s))(bytearray(b'\\x01\\x02'))",
    "(lambda s: (c.slice_mut_bump_first(s), s))([1, 2])",
    "(lambda s: (c.slice_mut_bump_first(s), s))([255])",
    "(lambda s: (c.slice_mut_bump_first(s), s))([])",
    "(lambda s: (c.slice_mut_len(s), s))(array.array('I', [1, 2, 3]))",
    "(lambda s: (c.slice_mut_len(s), list(s)))((ctypes.c_uint32 * 4)(1, 2))",
    "(lambda s: (c.slice_mut_len(s), s.tolist()))(memoryview(bytearray(12)).cast('I'))",
    "(lambda s: (c.f32_scale(s, 2.0), s))([1.0, 2.5])",
    "(lambda s: (c.f32_scale(s, 2.0), s))(array.array('f', [1.5]))",
    "(lambda s: (c.colors_rotate(s), s))([c.Color.RED, c.Color.BLUE])",
    "(lambda s: (c.colors_rotate(s), list(s)))(array.array('i', [0, 1]))",
    "(lambda t: (c.slice_copy(b'xyz', t), t))(bytearray(2))",
    "(lambda t: (c.slice_copy(b'xyz', t), t))([0, 0, 0, 0])",
    "c.strings_join(['a', 'b\u00e9'], '-')",
    "c.strings_join(('a',), '-')",
    "c.strings_join([], '-')",
    "c.strings_total_len(['\u65e5', 'bb'])",
    "c.strings_pick(['x', 'y'], 1)",
    "c.vec_string_echo(['p', 'q'])",
    "c.slice_vec3_get([c.Vec3f32(1, 2, 3)], 0)",
    "c.vec_vec3_echo((c.Vec3f32(1, 2, 3),))",
    "c.people_total_age([c.Person('a', ['t'], 3, True), c.Person('b', [], 4, False)])",
    "c.use_strings_first_s1([c.UseString('x', 'y')])",
    "c.vec_nested_lengths([b'ab', [1], bytearray(3)])",
    # Wrong arguments: the ctypes path's exceptions and messages.
    "c.slice_mut_bump_first(b'ab')",
    "c.slice_mut_bump_first(memoryview(b'ab'))",
    "c.slice_mut_bump_first((1, 2))",
    "c.slice_mut_bump_first(None)",
    "c.slice_mut_bump_first([1, 'x'])",
    "c.slice_mut_bump_first([256])",
    "c.slice_mut_len(array.array('d', [1.0]))",
    "c.slice_mut_len(memoryview(bytearray(16)).cast('I')[::2])",
    "c.slice_mut_len(5)",
    "(lambda s: (c.f32_scale(s, 'x'), s))([1.0])",
    "c.colors_rotate([0])",
    "c.colors_rotate(array.array('i', [7]))",
    "c.colors_rotate([c.Color.RED, 'x'])",
    "c.strings_join(['a', 1], '-')",
    "c.strings_join('ab', '-')",
    "c.strings_join(['\\ud800'], '-')",
    "c.strings_join(None, '-')",
    "c.slice_vec3_get([c.Vec3f32(), 'x'], 0)",
    "c.slice_vec3_get(b'abc', 0)",
    "c.people_total_age([1])",
    "c.people_total_age([c.Person('a', [1], 3, True)])",
    "c.vec_nested_lengths(['ab'])",
]


def test_sequences_give_the_same_results_and_errors_on_both_call_paths() -> None:
    compiled, why = _wrong_arguments_on("compiled", SEQUENCES)
    if compiled is None:
        assert CALLS != "compiled", why
        return
    ctypes_path, why = _wrong_arguments_on("ctypes", SEQUENCES)
    assert ctypes_path is not None, why
    different = [
        (expression, a, b)
        for expression, a, b in zip(SEQUENCES, compiled, ctypes_path)
        if a != b
    ]
    assert different == [], "\n".join(f"{e}: compiled {a}, ctypes {b}" for e, a, b in different)
    got = dict(zip(SEQUENCES, compiled))
    assert got[SEQUENCES[1]] == ["no exception", "(None, [2, 2])"]
    assert got[SEQUENCES[0]] == ["no exception", "(None, bytearray(b'\\x02\\x02'))"]
    assert got["(lambda s: (c.f32_scale(s, 2.0), s))([1.0, 2.5])"] == [
        "no exception",
        "(None, [2.0, 5.0])",
    ]
    assert got["c.slice_mut_bump_first(b'ab')"] == [
        "TypeError",
        "slice_mut_bump_first() argument 's': the buffer is read-only",
    ]
    assert got["c.slice_mut_bump_first((1, 2))"] == [
        "TypeError",
        "slice_mut_bump_first() argument 's': expected a writable buffer or a list, got tuple",
    ]
    assert got["c.slice_mut_len(array.array('d', [1.0]))"][0] == "TypeError"
    assert got["c.slice_mut_len(memoryview(bytearray(16)).cast('I')[::2])"] == [
        "ValueError",
        "slice_mut_len() argument 's': the buffer is not contiguous",
    ]
    assert got["c.colors_rotate(array.array('i', [7]))"][0] == "ValueError"
    assert got["c.colors_rotate([0])"] == [
        "TypeError",
        "colors_rotate() argument 's'[0]: expected Color, got int",
    ]
    assert got["c.strings_join(['a', 1], '-')"] == [
        "TypeError",
        "strings_join() argument 's'[1]: expected str, got int",
    ]
    assert got["c.people_total_age([1])"] == [
        "TypeError",
        "people_total_age() argument 'people'[0]: expected Person, got int",
    ]


def test_sequences_are_compiled_and_do_not_leak() -> None:
    import conformance as c
    from conformance import _native

    if _native.path != "compiled":
        return
    import array
    import tracemalloc
    import types

    for name in [
        "slice_mut_bump_first", "slice_mut_len", "f32_scale", "colors_rotate", "slice_copy",
        "strings_join", "strings_total_len", "strings_pick", "slice_vec3_get", "people_total_age",
        "use_strings_first_s1", "vec_nested_lengths",
    ]:
        assert name not in _native.fallbacks, (name, _native.fallbacks.get(name))
        assert not isinstance(getattr(c, name), types.FunctionType), name

    def loop(n: int) -> None:
        b = bytearray(64)
        a = array.array("f", [1.0] * 8)
        for _ in range(n):
            c.slice_mut_bump_first(b)
            c.slice_mut_bump_first([1, 2, 3])
            c.f32_scale(a, 1.0)
            c.f32_scale([1.0, 2.0], 1.0)
            c.colors_rotate([c.Color.RED])
            c.strings_join(["a", "b"], ",")
            c.people_total_age([c.Person("a", ["t"], 3, True)])
            try:
                c.slice_mut_bump_first(b"ro")
            except TypeError:
                pass

    def rss() -> int:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")

    # Python objects (a view or list kept once too often) and the library's memory (RSS).
    loop(500)
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    loop(2000)
    grown = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert grown < 64 * 1024, grown
    before = rss()
    loop(20000)
    assert rss() - before < 4 * 1024 * 1024, rss() - before
