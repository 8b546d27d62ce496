"""Feature `primitives`: functions of every primitive type (wrapping integers, floats, bool).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import math as std_math

import pytest

import conformance as c


def test_noop() -> None:
    assert c.noop() is None


def test_integer_adders_wrap() -> None:
    assert c.add_u8(250, 10) == 4
    assert c.add_u16(65535, 2) == 1
    assert c.add_u32(2**32 - 1, 1) == 0
    assert c.add_u64(2**64 - 1, 2) == 1
    assert c.add_usize(2**64 - 1, 1) == 0
    assert c.add_i8(127, 1) == -128
    assert c.add_i16(-32768, -1) == 32767
    assert c.add_i32(2**31 - 1, 1) == -(2**31)
    assert c.add_i64(-(2**63), -1) == 2**63 - 1
    assert c.add_isize(-5, 3) == -2


def test_float_adders() -> None:
    assert c.add_f32(0.5, 0.25) == 0.75
    assert c.add_f32(0.1, 0.2) == pytest.approx(0.3, rel=1e-6)
    assert c.add_f64(0.1, 0.2) == 0.1 + 0.2
    assert std_math.isinf(c.add_f64(float("inf"), 1.0))


def test_negate_max_min() -> None:
    assert c.negate(True) is False
    assert c.negate(False) is True
    assert c.max_u64() == 2**64 - 1
    assert c.min_i64() == -(2**63)
