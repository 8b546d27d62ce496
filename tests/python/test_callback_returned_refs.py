"""Rust closures the library returns taking `&T` of records owning data, from Python (ADR 61; the
conformance fixture's `callback_returned_refs` feature, against the INSTALLED wheel;
tests/python/callback_returned_refs.rs runs this file once per call path): the caller passes the
record's dataclass, lowered to its C form for the call (views of the caller's values; Rust copies
what it reads and frees nothing of it). A filter, a describer returning `str`, a comparator
returning an `int` by sign; wrong arguments raise `TypeError` before the call; threads; RSS.
"""

from __future__ import annotations

import functools
import gc
import os
import platform
import threading
from typing import Any, List

import pytest

from conformance import _raw
from conformance.callbacks import CbMember, make_describer, make_matcher, make_member_order

def members() -> List[CbMember]:
    return [
        CbMember(name="ann", tags=["admin", "été"], age=41),
        CbMember(name="bo", tags=[""], age=7),
        CbMember(name="", tags=[], age=30),
    ]


def test_matcher() -> None:
    with make_matcher(18) as adult:
        assert [adult(m) for m in members()] == [True, False, True]
        assert list(filter(adult, members())) == [members()[0], members()[2]]
        # The caller's record is unchanged (Rust read a copy).
        m = members()[0]
        assert adult(m) is True
        assert m == members()[0]
    assert _raw.pending.value == 0


def test_describer() -> None:
    describe = make_describer("- ")
    assert describe(members()[0]) == "- ann (41): admin, été"
    assert describe(members()[2]) == "-  (30): "
    long = CbMember(name="é" * 10_000, tags=["x" * 1000] * 50, age=1)
    assert describe(long) == "- " + "é" * 10_000 + " (1): " + ", ".join(["x" * 1000] * 50)
    describe.close()
    with pytest.raises(ValueError):
        describe(members()[0])


def test_comparator() -> None:
    order = make_member_order(False)
    reverse = make_member_order(True)
    bo, ann = members()[1], members()[0]
    assert order(bo, ann) < 0 and order(ann, bo) > 0 and order(ann, ann) == 0
    assert reverse(bo, ann) > 0
    by_age = sorted(members(), key=functools.cmp_to_key(order))
    assert [m.name for m in by_age] == ["bo", "", "ann"]


def test_wrong_arguments() -> None:
    adult = make_matcher(18)
    with pytest.raises(TypeError):
        adult(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        adult(41)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        adult(CbMember(name=5, tags=[], age=1))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        adult()  # type: ignore[call-arg]
    with pytest.raises(OverflowError):
        adult(CbMember(name="x", tags=[], age=-1))
    # Still usable afterwards.
    assert adult(members()[0]) is True
    assert _raw.pending.value == 0


def test_threads() -> None:
    adult = make_matcher(18)
    describe = make_describer("")
    errors: List[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(300):
                m = CbMember(name=f"t{k}-{i}", tags=[str(i)], age=i % 40)
                assert adult(m) is (i % 40 >= 18)
                assert describe(m) == f"t{k}-{i} ({i % 40}): {i}"
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


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


def test_calls_do_not_leak() -> None:
    adult = make_matcher(18)
    describe = make_describer("é")
    order = make_member_order(False)
    big = CbMember(name="n" * 100, tags=["t" * 100, "u" * 100], age=20)
    assert grows_by_kib(100_000, lambda: adult(big)) < 5 * 1024
    assert grows_by_kib(50_000, lambda: describe(big)) < 5 * 1024
    assert grows_by_kib(50_000, lambda: order(big, big)) < 5 * 1024
