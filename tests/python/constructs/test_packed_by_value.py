"""Feature `packed_by_value` (issue 10 item 11): structs with unaligned (packed) fields passed by
value. The compiled call path passes them exactly (the library's own code makes the call); ctypes
(libffi) cannot, so on the ctypes path (PyPy, free-threaded CPython, INTEROP_PYTHON_CALLS=ctypes)
those functions raise `NotImplementedError` with the reason instead of passing garbage.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import ctypes
import re
from typing import Callable

import pytest

import conformance as c
from conformance import Packed, _native

CALLS: list[tuple[str, str, Callable[[], object], object]] = [
    ("packed_by_value", "p", lambda: c.packed_by_value(Packed(7, 9)), 7009),
    ("packed_between", "p", lambda: c.packed_between(1, Packed(7, 9), 3), 301007009),
    (
        "packed_crowded",
        "first",
        lambda: c.packed_crowded(1, Packed(2, 3), 4, 5, 6, 7, 8, 9, Packed(10, 11), 0.5),
        66.5,
    ),
    ("packed_bump", "p", lambda: c.packed_bump(Packed(1, 41)), Packed(2, 42)),
    ("packed_total", "self", lambda: Packed(200, 100000).total(), 100200),
]


def test_the_layout_is_packed() -> None:
    assert ctypes.sizeof(Packed) == 5
    assert Packed.value.offset == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("symbol,param,call,expected", CALLS, ids=[c[0] for c in CALLS])
def test_packed_by_value_works_compiled_and_is_refused_by_ctypes(
    symbol: str, param: str, call: Callable[[], object], expected: object
) -> None:
    if _native.path == "compiled":
        assert call() == expected
    else:
        why = f"`{symbol}` takes `{param}` by value, a struct with unaligned (packed) fields"
        with pytest.raises(NotImplementedError, match=re.escape(why)):
            call()


def test_bump_wraps_both_fields_on_the_compiled_path() -> None:
    if _native.path != "compiled":
        with pytest.raises(NotImplementedError):
            c.packed_bump(Packed(255, 0xFFFFFFFF))
        return
    assert c.packed_bump(Packed(255, 0xFFFFFFFF)) == Packed(0, 0)


def test_returned_by_value_and_by_reference_work_on_both_paths() -> None:
    made = c.packed_make(3, 0xDEADBEEF)
    assert made == Packed(3, 0xDEADBEEF)
    assert c.packed_sum(made) == 3 + 0xDEADBEEF
