"""Feature `pointers`: raw pointers (to records, to primitives, `c_void`) take what ctypes takes.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import ctypes

import conformance as c


def test_linked_list_raw_pointers() -> None:
    third = c.Node(3, None)
    second = c.Node(20, ctypes.pointer(third))
    first = c.Node(100, ctypes.pointer(second))
    assert c.list_sum(first) == 123  # a struct instance is passed by reference
    assert c.list_sum(ctypes.pointer(second)) == 23
    assert c.list_sum(None) == 0


def test_raw_pointer_to_primitives() -> None:
    values = (ctypes.c_int32 * 4)(1, -2, 2**31 - 1, 10)
    assert c.sum_raw(values, 4) == 1 - 2 + 2**31 - 1 + 10
    assert c.sum_raw(values, 2) == -1
    assert c.sum_raw(None, 5) == 0
    out = (ctypes.c_uint8 * 6)()
    assert c.fill_raw(out, 4, 0xAB) is None
    assert list(out) == [0xAB] * 4 + [0, 0]
    c.fill_raw(None, 4, 1)  # NULL is ignored


def test_void_pointer() -> None:
    assert c.is_null(None) is True
    assert c.is_null(0) is True
    assert c.is_null(0x1000) is False
    buf = ctypes.create_string_buffer(4)
    assert c.is_null(buf) is False
    assert c.is_null(ctypes.byref(ctypes.c_int(1))) is False
