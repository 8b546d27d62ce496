"""Typed use of the installed `conformance` bindings: `mypy --strict` must accept this file, and
running it checks the results. (tests/python/main.rs runs both against the installed wheel.)
"""

from __future__ import annotations

import ctypes
from typing import List, Optional

import conformance
from conformance import Color, Counter, RustPanic, Vec2f32, Wide
from conformance.math import TAU, clamp


def doubled(v: Optional[Vec2f32]) -> Vec2f32:
    return conformance.my_game_function(v)


def lengths(vs: List[Vec2f32]) -> List[float]:
    return [v.length() for v in vs]


def count_to(n: int) -> int:
    counter: Counter = Counter.new(0)
    try:
        for _ in range(n):
            counter.increment(1)
        return counter.get()
    finally:
        Counter.destroy(counter)


def next_color(c: Color) -> Color:
    return conformance.color_next(c)


def main() -> None:
    v: Vec2f32 = doubled(Vec2f32(1.0, 2.0, 2.0))
    assert v == Vec2f32(2.0, 4.0, 4.0)
    x: float = v.x
    assert x == 2.0
    assert lengths([v, Vec2f32.zero()]) == [6.0, 0.0]
    assert count_to(3) == 3
    assert next_color(Color.BLUE) is Color.RED
    w: Wide = conformance.wide_other(Wide.SMALL)
    assert w == 2**64 - 1
    n: int = conformance.add_u64(conformance.BIG, 1)
    assert n == 0
    assert clamp(TAU, 0.0, 1.0) == 1.0
    values = (ctypes.c_int32 * 3)(1, 2, 3)
    total: int = conformance.sum_raw(values, 3)
    assert total == 6
    players: int = conformance.MAX_PLAYERS
    assert players == 16
    try:
        conformance.panic_if(True)
    except RustPanic as e:
        message: str = str(e)
        assert message == "panic in `panic_if`: boom: requested panic"
    else:
        raise AssertionError("no RustPanic")
    print("typed usage ok")


if __name__ == "__main__":
    main()
