"""Feature `constants`: constants of every kind, as plain Python values.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import conformance as c


def test_constants() -> None:
    assert c.MAX_PLAYERS == 16 and type(c.MAX_PLAYERS) is int
    assert c.COMPUTED == 1 << 40
    assert c.NEGATIVE == -42
    assert c.BIG == 2**64 - 1
    assert c.MIN_I64 == -(2**63)
    assert c.PI_ISH == 3.14159
    assert c.HALF == 0.5 and type(c.HALF) is float
    assert c.ENABLED is True
    assert c.RENAMED_CONST == 7
    assert not hasattr(c, "ORIGINAL_CONST")
    assert c.math.TAU == 6.283185307179586
