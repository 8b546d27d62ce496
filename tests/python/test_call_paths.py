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
import array, json, sys
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
