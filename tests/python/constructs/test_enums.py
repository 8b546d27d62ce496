"""Feature `enums`: C-like enums as `IntEnum`s with UPPER_SNAKE members, every storage width and
negative discriminants.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import enum

import conformance as c


def test_enums_are_intenums_with_upper_snake_members() -> None:
    for e in (c.Color, c.Small, c.Signed, c.Wide, c.Sequence, c.Mode):
        assert issubclass(e, enum.IntEnum)
    assert [m.name for m in c.Signed] == ["MIN", "MINUS_ONE", "ZERO", "BIG"]
    assert [m.value for m in c.Sequence] == [5, 6, 10, 11]
    assert c.Small.C == 255


def test_color_next() -> None:
    assert c.color_next(c.Color.RED) is c.Color.GREEN
    assert c.color_next(c.Color.GREEN) is c.Color.BLUE
    assert c.color_next(c.Color.BLUE) is c.Color.RED


def test_small_value() -> None:
    assert [c.small_value(s) for s in c.Small] == [1, 2, 255]


def test_signed_flip_negative_discriminants() -> None:
    assert c.signed_flip(c.Signed.MINUS_ONE) is c.Signed.BIG
    assert c.signed_flip(c.Signed.BIG) is c.Signed.MINUS_ONE
    assert c.signed_flip(c.Signed.MIN) is c.Signed.ZERO
    assert c.signed_flip(c.Signed.ZERO) is c.Signed.MIN
    assert c.Signed.MIN == -32768


def test_wide_round_trips_u64_max() -> None:
    assert c.Wide.HUGE == 2**64 - 1
    assert c.wide_other(c.Wide.SMALL) is c.Wide.HUGE
    assert c.wide_other(c.Wide.HUGE) is c.Wide.SMALL


def test_sequence_next() -> None:
    assert [c.sequence_next(s) for s in c.Sequence] == [c.Sequence.B, c.Sequence.C, c.Sequence.D, c.Sequence.A]


def test_mode_code() -> None:
    assert [c.mode_code(m) for m in c.Mode] == [100, 101, 102]
