"""Feature `c_strings` (issue 10 item 7): `*const c_char` parameters take a C string (`bytes`, or
`str` encoded as UTF-8; a NUL inside raises `ValueError` instead of silently shortening the
string), `*mut c_char` parameters a writable buffer (`bytearray`, `ctypes.create_string_buffer`),
a returned `*const c_char` is `Optional[bytes]` (a copy; the library keeps its string). These
functions stay on the ctypes path (`_native.fallbacks` says why) on both call paths.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import array
import ctypes
import re
import types

import pytest

import conformance as c
from conformance import _native

C_STRING = "bytes, str, a ctypes char array or pointer, or None"
BUFFER = "a writable buffer (bytearray, ctypes.create_string_buffer(…)), a ctypes char pointer or None"


def test_bytes_and_str_are_c_strings() -> None:
    assert c.c_strlen(b"hello") == 5
    assert c.c_strlen("hello") == 5
    assert c.c_strlen("h\u00e9llo \u263a") == 10  # UTF-8 bytes
    assert c.c_strlen(b"") == 0 and c.c_strlen("") == 0
    assert c.c_strlen(text=b"abc") == 3
    assert c.c_byte_sum(b"AB") == 131
    assert c.c_byte_sum("\u00e9") == 0xC3 + 0xA9
    assert c.c_byte_sum(bytes(range(1, 256))) == sum(range(1, 256))


def test_none_is_null() -> None:
    assert c.c_strlen(None) == -1
    assert c.c_byte_sum(None) == 0
    assert c.c_write_hi(None, 10) is False


def test_a_nul_inside_is_refused_not_truncated() -> None:
    with pytest.raises(ValueError, match=re.escape("c_strlen() argument 'text': a C string cannot contain NUL (at byte 1)")):
        c.c_strlen(b"a\0b")
    with pytest.raises(ValueError, match=re.escape("(at byte 3)")):
        c.c_strlen("abc\0")


def test_a_lone_surrogate_is_refused() -> None:
    with pytest.raises(ValueError, match=re.escape("c_strlen() argument 'text': '\\ud800' at index 1 cannot be encoded as UTF-8")):
        c.c_strlen("a\ud800")


def test_ctypes_char_arrays_and_pointers() -> None:
    buf = ctypes.create_string_buffer(b"abcd")
    assert c.c_strlen(buf) == 4
    assert c.c_strlen(ctypes.cast(buf, ctypes.POINTER(ctypes.c_char))) == 4
    full = (ctypes.c_char * 3)(b"a", b"b", b"c")  # no NUL: reading it would run past its end
    with pytest.raises(ValueError, match=re.escape("c_strlen() argument 'text': the array holds no NUL")):
        c.c_strlen(full)


def test_wrong_types_raise_type_error() -> None:
    for bad in (5, 1.5, bytearray(b"x"), [104, 105], (ctypes.c_int * 2)()):
        with pytest.raises(TypeError, match=re.escape(f"c_strlen() argument 'text' must be {C_STRING}, not {type(bad).__name__}")):
            c.c_strlen(bad)  # type: ignore[arg-type]


def test_a_buffer_the_function_writes() -> None:
    out = ctypes.create_string_buffer(4)
    assert c.c_write_hi(out, 4) is True
    assert out.value == b"hi" and out.raw == b"hi\0\0"
    # What it wrote is a C string again.
    assert c.c_strlen(out) == 2
    ba = bytearray(b"xxxxx")
    assert c.c_write_hi(ba, len(ba)) is True
    assert ba == bytearray(b"hi\0xx")
    mv = memoryview(bytearray(3))
    assert c.c_write_hi(mv, 3) is True and bytes(mv) == b"hi\0"
    arr = array.array("B", [7] * 4)
    assert c.c_write_hi(arr, 4) is True and bytes(arr) == b"hi\0\x07"  # type: ignore[arg-type]
    small = bytearray(b"yy")
    assert c.c_write_hi(small, 2) is False and small == bytearray(b"yy")
    ptr = ctypes.cast(out, ctypes.POINTER(ctypes.c_char))
    assert c.c_write_hi(ptr, 4) is True


def test_the_buffer_cannot_be_resized_during_the_call_and_is_released_after() -> None:
    ba = bytearray(8)
    assert c.c_write_hi(ba, 8) is True
    ba.extend(b"more")  # the export ended with the call
    assert ba[:3] == b"hi\0" and len(ba) == 12


def test_immutable_or_non_buffers_are_refused_for_a_writable_buffer() -> None:
    for bad in (b"abc", "abc", memoryview(b"abc"), 3, [0, 0, 0]):
        with pytest.raises(TypeError, match=re.escape(f"c_write_hi() argument 'out' must be {BUFFER}, not {type(bad).__name__}")):
            c.c_write_hi(bad, 3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=re.escape("c_write_hi() argument 'out': the buffer is not contiguous")):
        c.c_write_hi(memoryview(bytearray(8))[::2], 4)


def test_a_returned_const_c_string_is_bytes() -> None:
    g = c.c_greeting()
    assert g == b"hello" and type(g) is bytes
    assert c.c_greeting() == b"hello"  # the library keeps its string: copied, never freed


def test_these_functions_stay_on_the_ctypes_path() -> None:
    for name in ("c_strlen", "c_byte_sum", "c_write_hi", "c_greeting"):
        assert isinstance(getattr(c, name), types.FunctionType)  # the `def` of the ctypes path
        if _native.path == "compiled":
            assert "c_char" in _native.fallbacks[name], _native.fallbacks[name]
    if _native.path == "compiled":
        assert not isinstance(c.add_u64, types.FunctionType)  # the others are compiled
