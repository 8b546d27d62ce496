"""Typed use of the strings, slices and vectors of the installed `conformance` bindings (built with
the `strings` feature): `mypy --strict` must accept this file, and running it checks the results.
"""

from __future__ import annotations

import array
from typing import List, Sequence

import conformance as c
from conformance import Color, Label, Person, Team, Vec3f32


def shout(names: Sequence[str]) -> List[str]:
    return [c.str_upper(n) for n in names]


def total(data: bytes, more: bytearray, values: "array.array[int]") -> int:
    return c.bytes_sum(data) + c.bytes_sum(more) + c.bytes_sum(memoryview(more)) + c.slice_len(values)


def scaled(xs: List[float], k: float) -> List[float]:
    c.f32_scale(xs, k)
    return xs


def words(s: str) -> List[str]:
    return c.vec_string_words(s)


def range_sum(n: int) -> int:
    r: "array.array[int]" = c.vec_u32_range(n)
    return sum(r)


def raw(n: int) -> bytes:
    return c.vec_u8_filled(n, 1)


def team(lead: Person, members: List[Person]) -> Team:
    return c.team_make(lead, members)


def team_size(lead: Person, members: Sequence[Person], scores: Sequence[int]) -> int:
    # The dataclasses take what a parameter of the field's type takes: any sequence of records or
    # strings, any buffer or sequence of numbers (reading gives the list / array.array).
    return c.team_size(Team(lead, members, scores))


def label(text: str, data: bytes, weights: List[float]) -> str:
    return c.label_summary(Label(text, data, weights))


def colors() -> List[Color]:
    return c.vec_color_all()


def points(ps: List[Vec3f32]) -> List[Vec3f32]:
    return c.vec_vec3_echo(ps)


assert shout(["é", "ß"]) == ["É", "SS"]
assert total(b"\x01", bytearray(b"\x02"), array.array("I", [1, 2])) == 7
assert scaled([1.0, 2.0], 2.0) == [2.0, 4.0]
assert words("a b") == ["a", "b"]
assert range_sum(4) == 6
assert raw(3) == b"\x01\x01\x01"
t = team(Person("L", [], 1, True), [Person("Bo", ["x"], 2, False)])
assert t.members[0].tags == ["x"] and list(t.scores) == [2]
assert team_size(Person("L", ("a", "b"), 1, True), (Person("Bo", [], 2, False),), [1, 2]) == 2
assert label("t", b"ab", [1.0, 2.5]) == "t:2:3.5"
assert colors()[0] is Color.RED
assert points([Vec3f32(1, 2, 3)]) == [Vec3f32(1, 2, 3)]
assert c.c_str_version() == "1.2.3-é"
print("typed strings ok")
