"""Feature `dependencies`: types and functions of dependency crates (a transparent `Meters`, an
enum field next to it).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import pytest

import conformance as c


def test_tagged_embeds_enum_and_dependency_type() -> None:
    t = c.tagged_make(c.Color.BLUE, c.Meters(2.5))
    # An enum-typed field reads back as the enum, and refuses what is not a member.
    assert t.color is c.Color.BLUE
    assert t.distance == c.Meters(2.5)
    assert repr(t) == "Tagged(color=<Color.BLUE: 2>, distance=Meters(2.5))"
    t.color = c.Color.RED
    assert c.Tagged(color=c.Color.GREEN).color is c.Color.GREEN
    with pytest.raises(ValueError, match="Tagged.color: 3 is not a valid Color"):
        t.color = 3


def test_meters_transparent_from_dependency() -> None:
    assert c.meters_add(c.Meters(1.25), c.Meters(2.5)) == c.Meters(3.75)


def test_dependency_extra_and_hidden_functions() -> None:
    assert c.dep_double(21) == 42
    assert c.extra_answer() == 99
    assert c.hidden_answer() == 42
