"""Typed use of closures taking `&T` of records owning data (ADR 58): checked by `mypy --strict`,
then run."""

from __future__ import annotations

from typing import List

from conformance.callbacks import CbMember, CbRoster, CbTeam, inspect_team, sort_members, visit_members


def younger(a: CbMember, b: CbMember) -> bool:
    return a.age < b.age


def weigh(team: CbTeam) -> int:
    return sum(m.age for m in team.members)


people = [CbMember(name="ann", tags=["x"], age=41), CbMember(name="bo", tags=[], age=7)]
seen: List[CbMember] = []
assert visit_members(people, seen.append) == 2
names: List[str] = sort_members(people, younger)
assert names == ["bo", "ann"]
assert inspect_team(CbTeam(name="t", members=people), weigh) == 48 + 1000
roster = CbRoster(people)
assert roster.count_where(lambda m: m.age > 10) == 1
roster.close()
print("typed callback refs ok")
