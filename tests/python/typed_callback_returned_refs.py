"""Typed use of Rust closures the library returns taking `&T` of records owning data (ADR 61):
checked by `mypy --strict`, then run."""

from __future__ import annotations

import functools
from typing import Callable, List

from conformance.callbacks import CbMember, make_describer, make_matcher, make_member_order

people = [CbMember(name="ann", tags=["x"], age=41), CbMember(name="bo", tags=[], age=7)]
adult = make_matcher(18)
keep: Callable[[CbMember], bool] = adult
adults: List[CbMember] = [m for m in people if keep(m)]
assert adults == people[:1]
text: str = make_describer("> ")(people[0])
assert text == "> ann (41): x"
order = make_member_order(False)
first: int = order(people[1], people[0])
assert first < 0
names = [m.name for m in sorted(people, key=functools.cmp_to_key(order))]
assert names == ["bo", "ann"]
adult.close()
print("typed returned refs ok")
