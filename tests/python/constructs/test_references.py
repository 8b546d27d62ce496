"""Feature `references`: `&T`, `&mut T` and their `Option`s: the instance is passed by reference,
`None` only where optional.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import pytest

import conformance as c


def test_my_game_function_with_and_without_input() -> None:
    assert c.my_game_function(c.Vec2f32(1.0, 2.0, 3.0)) == c.Vec2f32(2.0, 4.0, 6.0)
    assert c.my_game_function(None) == c.Vec2f32(2.0, 4.0, 6.0)


def test_mutable_reference_changes_the_instance() -> None:
    v = c.Vec2f32(1.0, -2.0, 0.5)
    assert c.vec_double_in_place(v) is None
    assert v == c.Vec2f32(2.0, -4.0, 1.0)


def test_optional_mutable_reference() -> None:
    v = c.Vec2f32(9.0, 9.0, 9.0)
    assert c.vec_reset(v) is True
    assert v == c.Vec2f32(1.0, 1.0, 1.0)
    assert c.vec_reset(None) is False


def test_shared_reference_and_null() -> None:
    assert c.vec_x(c.Vec2f32(7.5, 0.0, 0.0)) == 7.5
    # A reference that is not optional refuses None before the call (no NULL reaches Rust).
    with pytest.raises(TypeError) as e:
        c.vec_x(None)  # type: ignore[arg-type]
    assert str(e.value) == "vec_x() argument 'v' must be Vec2f32, not None"
    assert c.vec_x(c.Vec2f32(1.0, 0.0, 0.0)) == 1.0
