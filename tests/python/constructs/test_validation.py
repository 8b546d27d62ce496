"""Feature `validation` (issue 10 item 2): values that are undefined behaviour in Rust never reach it.
An enum value that is no discriminant, a bool byte other than 0 or 1 and an enum-typed record field
holding such a value are refused by the library's shim through the error channel (kind 5, ADR 47):
`ValueError` (not `RustPanic`: nothing ran) from the call with the library's message, the same on
both call paths, and the next call is clean. The public functions refuse what
is not a bool before the call (test_arguments.py); the bool check is shown through the raw library.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import contextlib
import ctypes
import re
from typing import Any, Callable, Iterator

import pytest

import conformance as c
from conformance import RustPanic, _raw


@contextlib.contextmanager
def refused(message: str) -> Iterator[None]:
    """A `ValueError` (exactly: a refused argument is not a panic) with the library's message."""
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$") as e:
        yield
    assert type(e.value) is ValueError and not isinstance(e.value, RustPanic)


@pytest.mark.parametrize(
    "f, value, message",
    [
        (c.small_value, 7, "argument `s` of `small_value`: 7 is not a value of enum `Small`"),
        (c.color_next, 3, "argument `c` of `color_next`: 3 is not a value of enum `Color`"),
        (c.signed_flip, 5, "argument `s` of `signed_flip`: 5 is not a value of enum `Signed`"),
        (c.wide_other, 2, "argument `w` of `wide_other`: 2 is not a value of enum `Wide`"),
        (c.sequence_next, 7, "argument `s` of `sequence_next`: 7 is not a value of enum `Sequence`"),
    ],
)
def test_enum_values_that_are_no_variant_raise(f: Callable[[int], Any], value: int, message: str) -> None:
    with refused(message):
        f(value)
    assert _raw.pending.value == 0
    assert c.small_value(c.Small.B) == 2  # the next call is clean


def tagged_with_color(value: int) -> c.Tagged:
    """A Tagged whose `color` field holds `value` (the property refuses it: written in memory)."""
    t = c.Tagged(c.Color.RED, c.Meters(1.0))
    assert c.Tagged._fields_[0][0] == "color"  # type: ignore[attr-defined]
    ctypes.c_int32.from_buffer(t, 0).value = value
    return t


def test_enum_field_by_value_with_no_variant_raises() -> None:
    with refused("argument `t` of `tagged_color`: field `color`: 9 is not a value of enum `Color`"):
        c.tagged_color(tagged_with_color(9))
    assert c.tagged_color(c.Tagged(c.Color.BLUE, c.Meters(1.0))) == 2


def test_enum_field_through_a_reference_with_no_variant_raises() -> None:
    with refused("argument `t` of `tagged_color_ref`: field `color`: -1 is not a value of enum `Color`"):
        c.tagged_color_ref(tagged_with_color(-1))
    assert c.tagged_color_ref(c.Tagged(c.Color.GREEN, c.Meters(1.0))) == 1


def test_enum_field_is_refused_by_the_property_before_the_call() -> None:
    t = c.Tagged()
    with pytest.raises(ValueError, match="Tagged.color: 9 is not a valid Color"):
        t.color = 9  # type: ignore[assignment]


def test_bool_field_other_than_0_or_1_raises() -> None:
    p = c.Primitives(flag=True)
    assert c.Primitives._fields_[0][0] == "flag"  # type: ignore[attr-defined]
    for byte in (2, 255):
        ctypes.c_uint8.from_buffer(p, 0).value = byte
        with refused(f"argument `p` of `primitives_bump`: field `flag`: {byte} is not a bool (0 or 1)"):
            c.primitives_bump(p)
    assert c.primitives_bump(c.Primitives(flag=True)).flag is False


def test_bool_argument_other_than_0_or_1_raises() -> None:
    # The public function takes True and False only (test_arguments.py); a caller of the raw symbol
    # passing a byte reaches the shim, which refuses it: the error waits for the next checked call.
    negate = ctypes.CDLL(_raw._lib._name).negate
    negate.argtypes = (ctypes.c_uint8,)
    negate.restype = ctypes.c_uint8
    assert negate(1) == 0 and _raw.pending.value == 0
    negate(2)
    assert _raw.pending.value == 1
    with refused("argument `b` of `negate`: 2 is not a bool (0 or 1)"):
        _raw.raise_panic()
    assert c.negate(True) is False
