"""Optional borrowed views (the conformance fixture's `optional_views` feature, ADR 46), against the
INSTALLED wheel on both call paths: `Option<&str>` is `Optional[str]` and `Option<&[T]>` an optional
buffer or sequence, exactly as `Option<String>` / `Option<Vec<T>>` arguments; None, Some(empty) and
Some(text) are told apart; lone surrogates and buffers of the wrong format are refused before the
call, naming the parameter. `Option<&mut [T]>` (ADR 53) takes what `&mut [T]` takes (a writable
buffer, written in place, or a list, written back) or `None`; an empty one is Some(empty)."""

import array
import ctypes
import json
import os
import re
import subprocess
import sys
import types

import pytest

import conformance as c
from conformance import Directory, _native, optional_views as ov
from conformance.optional_views import Signal, Toggle

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_call_path() -> None:
    assert _native.path == CALLS
    if CALLS != "compiled":
        return
    # Optional text, C strings (optional or not, ADR 52), optional slices of numbers and optional
    # writable slices (ADR 55) are compiled; an optional vector of strings stays on ctypes, with
    # its reason.
    for name in [
        "opt_text_len", "opt_find", "opt_hash", "opt_sum", "opt_c_len", "opt_open", "opt_read",
        "opt_scale", "opt_cycle", "opt_halve", "opt_toggle",
    ]:
        assert name not in _native.fallbacks, (name, _native.fallbacks.get(name))
        assert not isinstance(getattr(ov, name), types.FunctionType), name
    assert "Directory.scope_into" not in _native.fallbacks
    assert list(_native.fallbacks) == ["opt_join"], _native.fallbacks


def test_optional_text() -> None:
    assert ov.opt_text_len(None) == -1
    assert ov.opt_text_len("") == 0
    assert ov.opt_text_len("日本") == 6
    assert ov.opt_text_len("x" * 1024) == 1024
    assert ov.opt_text_len(s=None) == -1
    assert ov.opt_find("x", None) == "x"
    assert ov.opt_find("x", "") == "/x"
    assert ov.opt_find("été", "日") == "日/été"


def test_optional_text_refuses_what_is_not_text() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_text_len("a\udc80")
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_find("x", "\ud800")
    with pytest.raises(TypeError, match="scope"):
        ov.opt_find("x", b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="s"):
        ov.opt_text_len(3)  # type: ignore[arg-type]


def test_optional_slices_take_every_buffer() -> None:
    data = b"\x01\x02\x03"
    assert ov.opt_hash(data, None) == -7
    assert ov.opt_hash(data, b"") == 6
    assert ov.opt_hash(data, b"\x0a\x14") == 2036
    assert ov.opt_hash(data, bytearray(b"\x0a\x14")) == 2036
    assert ov.opt_hash(data, memoryview(b"\x0a\x14")) == 2036
    assert ov.opt_hash(data, array.array("B", [10, 20])) == 2036
    assert ov.opt_hash(data, [10, 20]) == 2036
    assert ov.opt_sum(None) == -1
    assert ov.opt_sum([]) == 0
    assert ov.opt_sum([1, 2, 3, 4000000000]) == 4000000006
    assert ov.opt_sum(array.array("I", [1] * 1024)) == 1024
    assert ov.opt_join(None) == "none"
    assert ov.opt_join([]) == ""
    assert ov.opt_join(["aé", "b"]) == "aé+b"


def test_optional_slices_refuse_bad_elements() -> None:
    with pytest.raises((TypeError, ValueError, OverflowError), match="key"):
        ov.opt_hash(b"", array.array("i", [1]))
    with pytest.raises((TypeError, ValueError, OverflowError)):
        ov.opt_sum([-1])
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_join(["ok", "\udcff"])


WRONG_OPTIONAL_SLICES = [
    'ov.opt_sum(array.array("d", [1.0]))',
    'ov.opt_sum(["a"])',
    "ov.opt_sum([-1])",
    "ov.opt_sum(5)",
    "ov.opt_sum(memoryview(b'abcdefgh')[::2])",
    'ov.opt_hash(b"", array.array("i", [1]))',
    'ov.opt_hash(b"", [256])',
    'ov.opt_hash(b"", "text")',
]

_CHILD = """
import array, json, sys
from conformance import optional_views as ov
out = []
for expression in json.loads(sys.argv[1]):
    try:
        eval(expression)
        out.append(["no exception", ""])
    except Exception as e:
        out.append([type(e).__name__, str(e)])
print(json.dumps(out))
"""


def _wrong_on(path: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(WRONG_OPTIONAL_SLICES)],
        env=dict(os.environ, INTEROP_PYTHON_CALLS=path),
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(done.stdout) if done.returncode == 0 else None


def test_wrong_optional_slices_raise_the_same_on_both_call_paths() -> None:
    compiled = _wrong_on("compiled")
    if compiled is None:
        assert CALLS != "compiled"
        return
    ctypes_path = _wrong_on("ctypes")
    assert ctypes_path is not None
    assert compiled == ctypes_path
    for (kind, message), expression in zip(compiled, WRONG_OPTIONAL_SLICES):
        assert kind != "no exception", expression
        # Named as every argument is: the function, then the parameter.
        assert re.match(r"^[a-z_]+\(\) argument '(v|key)'", message), (expression, message)


def test_optional_c_strings() -> None:
    assert ov.opt_c_len(None) == -1
    assert ov.opt_c_len("") == 0
    assert ov.opt_c_len(b"") == 0
    assert ov.opt_c_len("日本") == 6
    assert ov.opt_c_len(b"\xff\xfe") == 2
    assert ov.opt_open("a.txt", None) == "a.txt:r"
    assert ov.opt_open("a.txt", "") == "a.txt:"
    assert ov.opt_open(b"a.txt", b"w+") == "a.txt:w+"
    assert ov.opt_open("日", "w") == "日:w"
    with pytest.raises(ValueError, match="mode"):
        ov.opt_open("a", "w\0")
    with pytest.raises(ValueError, match="surrogate"):
        ov.opt_c_len("\udc80")
    # The path is a `&CStr`, not optional.
    with pytest.raises(TypeError, match="path"):
        ov.opt_open(None, "w")  # type: ignore[arg-type]


def test_optional_writable_slices_write_in_place() -> None:
    assert ov.opt_read(None) == 8
    assert ov.opt_read(bytearray()) == 0
    assert ov.opt_read(memoryview(bytearray())) == 0
    assert ov.opt_read([]) == 0
    buf = bytearray(16)
    assert ov.opt_read(memoryview(buf)[:3]) == 3
    assert buf[:4] == b"opt\0"
    assert ov.opt_read(buf) == 8
    assert buf[:9] == b"optional\0"
    raw = (ctypes.c_uint8 * 2)()
    assert ov.opt_read(raw) == 2
    assert bytes(raw) == b"op"
    listed = [0, 0, 0]
    assert ov.opt_read(listed) == 3
    assert listed == [ord("o"), ord("p"), ord("t")]
    assert ov.opt_read(out=None) == 8
    nums = array.array("I", [1, 2, 3])
    assert ov.opt_scale(None, 2) == -1
    assert ov.opt_scale(nums, 2) == 3
    assert list(nums) == [2, 4, 6]
    assert ov.opt_scale(array.array("I"), 2) == 0
    halves = [3.0, -1.0]
    assert ov.opt_halve(None) == -1
    assert ov.opt_halve(halves) == 2
    assert halves == [1.5, -0.5]
    doubles = array.array("d", [1.0])
    assert ov.opt_halve(doubles) == 1
    assert list(doubles) == [0.5]
    toggles = [Toggle(x=1, on=True), Toggle(x=-5, on=False)]
    assert ov.opt_toggle(None) == -1
    assert ov.opt_toggle(toggles) == 2
    assert toggles == [Toggle(x=2, on=False), Toggle(x=-4, on=True)]
    signals = [Signal.RED, Signal.AMBER, Signal.GREEN]
    assert ov.opt_cycle(None) == -1
    assert ov.opt_cycle(signals) == 3
    assert signals == [Signal.AMBER, Signal.GREEN, Signal.RED]


def test_optional_writable_slices_refuse_what_cannot_be_written() -> None:
    with pytest.raises(TypeError, match=r"^opt_read\(\) argument 'out': the buffer is read-only$"):
        ov.opt_read(memoryview(b"abc"))
    with pytest.raises(TypeError, match=r"^opt_read\(\) argument 'out': the buffer is read-only$"):
        ov.opt_read(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^opt_read\(\) argument 'out': expected a writable buffer or a list, got tuple$"):
        ov.opt_read((1, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^opt_scale\(\) argument 'v': expected a buffer of 'I' .* got format 'd'"):
        ov.opt_scale(array.array("d", [1.0]), 2)
    with pytest.raises(ValueError, match=r"^opt_read\(\) argument 'out': the buffer is not contiguous$"):
        ov.opt_read(memoryview(bytearray(6))[::2])
    with pytest.raises(TypeError, match=r"signals'?\[2\]: expected Signal, got int"):
        ov.opt_cycle([Signal.RED, Signal.RED, 7])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="toggles"):
        ov.opt_toggle([Toggle(x=1, on=True), 3])  # type: ignore[list-item]


def test_a_service_method_takes_optional_views() -> None:
    with Directory("home") as d:
        assert d.lookup("a", None) == "home/a"
        assert d.lookup("a", "") == "/a"
        assert d.lookup("a", "日") == "日/a"
        assert d.retag(None, None) == -1
        assert d.lookup("a", None) == "home/a"
        assert d.retag("work", b"\x01\x02\x03") == 3
        assert d.retag(None, bytearray()) == 0
        assert d.lookup("b", None) == "work/b"
        with pytest.raises(ValueError, match="surrogate"):
            d.lookup("a", "\udc80")
        scope = bytearray(2)
        assert d.scope_into(None) == 4
        assert d.scope_into(scope) == 4
        assert scope == b"wo"


def test_the_package_exports_the_module() -> None:
    assert c.optional_views is ov
