"""Feature `names`: renamed items, explicit symbols and modules (`conformance.math`).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import conformance as c
from conformance import _raw


def test_renamed_and_explicit_symbol() -> None:
    assert c.renamed_function(c.Renamed(41)) == 42
    assert not hasattr(c, "original_name") and not hasattr(c, "Original")
    assert c.explicit_symbol() == 5
    assert hasattr(_raw, "cf_explicit_symbol")


def test_math_submodule() -> None:
    import conformance.math

    assert conformance.math.clamp(5.0, 0.0, 1.0) == 1.0
    assert c.math.clamp(-5.0, 0.0, 1.0) == 0.0
    assert c.math.clamp(0.25, 0.0, 1.0) == 0.25
    assert not hasattr(c, "clamp")
