"""Closures taking `&T` of records owning data from Python (ADR 58; the conformance fixture's
`callback_refs` feature, against the INSTALLED wheel; tests/python/callback_refs.rs runs this file
once per call path): the callable gets the record's dataclass, a copy of what Rust lends for the
call (it may be kept). A visitor, a comparator whose order comes back, a kept closure called from a
Rust thread, a service method, a record holding records; exceptions are re-raised from the waiting
call; nothing leaks (Rust frees its copy, Python frees nothing).
"""

from __future__ import annotations

import gc
import os
import platform
import threading
from typing import Any, List

import pytest

from conformance import _raw
from conformance.callbacks import (
    CbMember,
    CbRoster,
    CbTeam,
    inspect_team,
    sort_members,
    visit_members,
    watch_on_thread,
)

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def members() -> List[CbMember]:
    return [
        CbMember(name="ann", tags=["admin", "été"], age=41),
        CbMember(name="bo", tags=[""], age=7),
        CbMember(name="", tags=[], age=30),
    ]


def test_call_path() -> None:
    from conformance import _native

    assert _native.path == CALLS


def test_visitor() -> None:
    seen: List[CbMember] = []
    assert visit_members(members(), seen.append) == 3
    # Kept after the call: copies, equal to what was passed.
    assert seen == members()
    assert all(type(m) is CbMember for m in seen)
    assert seen[0].tags == ["admin", "été"] and seen[1].tags == [""] and seen[2].name == ""
    assert visit_members([], seen.append) == 0
    assert len(seen) == 3
    gc.collect()
    assert seen == members()
    assert _raw.pending.value == 0


def test_comparator() -> None:
    calls = []

    def younger(a: CbMember, b: CbMember) -> bool:
        calls.append((a.name, b.name))
        return a.age < b.age

    assert sort_members(members(), younger) == ["bo", "", "ann"]
    assert len(calls) >= 2
    assert sort_members(members(), lambda a, b: len(a.name) > len(b.name)) == ["ann", "bo", ""]
    assert sort_members(members(), lambda a, b: len(a.tags) < len(b.tags)) == ["", "bo", "ann"]
    assert sort_members([], younger) == []


def test_kept_closure_on_a_rust_thread() -> None:
    names: List[str] = []
    threads: List[str] = []

    def watch(m: CbMember) -> None:
        names.append(f"{m.name}/{len(m.tags)}")
        threads.append(threading.current_thread().name)

    assert watch_on_thread(members(), watch) == 3
    assert names == ["ann/2", "bo/1", "/0"]
    assert threading.main_thread().name not in threads


def test_team_and_service() -> None:
    team = CbTeam(name="crew", members=members())
    seen: List[CbTeam] = []

    def weigh(t: CbTeam) -> int:
        seen.append(t)
        return sum(m.age + 100 * len(m.tags) for m in t.members) + (10000 if t.name == "crew" else 0)

    assert inspect_team(team, weigh) == 78 + 300 + 10000 + 1000
    assert len(seen) == 2 and seen[0] == team and seen[0] is not seen[1]
    roster = CbRoster(members())
    assert roster.count_where(lambda m: m.age >= 18) == 2
    assert roster.count_where(lambda m: "admin" in m.tags) == 1
    assert roster.count_where(lambda m: m.name == "") == 1
    roster.close()


def test_exceptions_are_re_raised() -> None:
    boom = ValueError("boom in a visitor")

    def visitor(m: CbMember) -> None:
        if m.name == "bo":
            raise boom

    with pytest.raises(ValueError) as caught:
        visit_members(members(), visitor)
    assert caught.value is boom

    def no_order(a: CbMember, b: CbMember) -> bool:
        raise KeyError("no order")

    with pytest.raises(KeyError):
        sort_members(members(), no_order)
    assert visit_members(members(), lambda m: None) == 3
    assert _raw.pending.value == 0


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def grows_by_kib(n: int, round_trip: Any) -> int:
    warm_up = n if platform.python_implementation() == "PyPy" else n // 10
    for _ in range(warm_up):
        round_trip()
    gc.collect()
    before = rss_kib()
    for _ in range(n):
        round_trip()
    gc.collect()
    return rss_kib() - before


def test_visits_do_not_leak() -> None:
    pad = "n" * 100
    many = [CbMember(name=pad + str(i), tags=[pad, "日本"], age=i) for i in range(100)]
    total = [0]

    def visit(m: CbMember) -> None:
        total[0] += len(m.name)

    # 100,000 visits of a ~200-byte member: a leaked copy per call would be 20+ MiB.
    assert grows_by_kib(1000, lambda: visit_members(many, visit)) < 5 * 1024
    assert total[0] > 0
