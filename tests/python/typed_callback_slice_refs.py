"""Typed use of closures taking `&[T]` of data owning types (ADR 62): checked by `mypy --strict`,
then run."""

from __future__ import annotations

from typing import List

from conformance.callbacks import CbMember, CbTeam, chunked, each_batch, log_lines_on_thread, on_lines, team_members


def count(lines: List[str]) -> int:
    return len(lines)


def sizes(label: str, chunks: List[bytes]) -> int:
    return len(label) + sum(len(c) for c in chunks)


def ages(name: str, all: List[CbMember]) -> int:
    return sum(m.age for m in all)


people = [CbMember(name="ann", tags=["x"], age=41), CbMember(name="bo", tags=[], age=7)]
batches: List[List[CbMember]] = []
assert each_batch(people, 1, batches.append) == 2
assert batches == [people[:1], people[1:]]
assert on_lines("a\nb", count) == 2
logged: List[List[str]] = []
assert log_lines_on_thread(["x", "y"], 0, logged.append) == 1
assert logged == [["x", "y"]]
assert chunked(b"abc", 2, "ab", sizes) == 5
assert team_members(CbTeam(name="t", members=people), ages) == 48
print("typed callback slice refs ok")
