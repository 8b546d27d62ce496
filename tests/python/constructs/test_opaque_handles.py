"""Feature `opaque_handles`: an opaque type behind a pointer (`Counter`), NULL refused by the
library.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import pytest

import conformance as c


def test_opaque_counter_handle() -> None:
    counter = c.Counter.new(10)
    assert isinstance(counter, c.Counter) and counter.value is not None
    try:
        assert counter.get() == 10
        assert counter.increment(5) == 15
        assert counter.increment(2**64 - 15) == 0  # wrapping_add
        assert counter.get() == 0
        assert counter.increments() == 2
    finally:
        c.Counter.destroy(counter)
    c.Counter.destroy(None)  # NULL is ignored


def test_null_handle_is_rejected_not_dereferenced() -> None:
    with pytest.raises(ValueError) as e:
        c.Counter().get()
    assert type(e.value) is ValueError
    assert str(e.value) == "argument `self` of `counter_get` must not be null"
