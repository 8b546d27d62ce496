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
]

_CHILD = """
import json, sys
import conformance as c
out = []
for expression in json.loads(sys.argv[1]):
    try:
        eval(expression)
        out.append(["no exception", ""])
    except Exception as e:
        out.append([type(e).__name__, str(e)])
print(json.dumps(out))
"""


def _wrong_arguments_on(path: str) -> Any:
    env = dict(os.environ, INTEROP_PYTHON_CALLS=path)
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(WRONG_ARGUMENTS)],
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
