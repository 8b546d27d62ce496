"""Closures taking `&[T]` of data owning types from Python (ADR 62; the conformance fixture's
`callback_slice_refs` feature, against the INSTALLED wheel; tests/python/callback_slice_refs.rs runs
this file once per call path): the callable gets a list (`list[str]`, `list[bytes]`,
`list[CbMember]`), a copy of what Rust lends for the call (it may be kept). A visitor over batches,
the lines of a text, a kept sink called from a Rust thread, chunks of bytes with a label, a record's
records; empty slices; exceptions are re-raised from the waiting call; nothing leaks (Rust frees its
copies, Python frees nothing).
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
    CbTeam,
    chunked,
    each_batch,
    log_lines_on_thread,
    on_lines,
    team_members,
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


def test_batches() -> None:
    seen: List[List[CbMember]] = []
    assert each_batch(members(), 2, seen.append) == 2
    # Kept after the call: copies, equal to what was passed.
    assert seen == [members()[:2], members()[2:]]
    assert all(type(b) is list and all(type(m) is CbMember for m in b) for b in seen)
    assert seen[0][0].tags == ["admin", "été"] and seen[1][0].name == ""
    gc.collect()
    assert seen[0] == members()[:2]
    seen.clear()
    assert each_batch([], 2, seen.append) == 1
    assert seen == [[]]
    assert _raw.pending.value == 0


def test_lines() -> None:
    kept: List[List[str]] = []

    def count(lines: List[str]) -> int:
        kept.append(lines)
        return 10 * len(lines)

    assert on_lines("one\nété\n\nlast", count) == 40
    assert kept == [["one", "été", "", "last"]]
    assert on_lines("", lambda lines: len(lines) + 7) == 7


def test_kept_sink_on_a_rust_thread() -> None:
    got: List[str] = []
    threads: List[str] = []

    def sink(lines: List[str]) -> None:
        got.append("+".join(lines))
        threads.append(threading.current_thread().name)

    assert log_lines_on_thread(["a", "bb", "ccc"], 2, sink) == 2
    assert got == ["a+bb", "ccc"]
    assert threading.main_thread().name not in threads
    assert log_lines_on_thread([], 0, sink) == 1
    assert got[-1] == ""


def test_chunks_and_team() -> None:
    seen: List[Any] = []

    def total(label: str, chunks: List[bytes]) -> int:
        seen.append((label, chunks))
        return sum(1000 * len(c) + sum(c) for c in chunks)

    assert chunked(b"\x01\x02\x03\x04\x05", 2, "bytes", total) == 5015
    assert seen == [("bytes", [b"\x01\x02", b"\x03\x04", b"\x05"])]
    assert chunked([1], 0, "", lambda label, chunks: len(chunks) + 9) == 9

    def weigh(name: str, all: List[CbMember]) -> int:
        return sum(m.age + 100 * len(m.tags) for m in all) + (10000 if name == "crew" else 0)

    assert team_members(CbTeam(name="crew", members=members()), weigh) == 78 + 300 + 10000


def test_exceptions_are_re_raised() -> None:
    boom = ValueError("boom in a batch")

    def visitor(batch: List[CbMember]) -> None:
        if batch[0].name == "bo":
            raise boom

    with pytest.raises(ValueError) as caught:
        each_batch(members(), 1, visitor)
    assert caught.value is boom

    def no_lines(lines: List[str]) -> int:
        raise KeyError("no lines")

    with pytest.raises(KeyError):
        on_lines("x\ny", no_lines)
    assert on_lines("x\ny", len) == 2
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


def test_calls_do_not_leak() -> None:
    pad = "n" * 100
    many = [CbMember(name=pad + str(i), tags=[pad, "日本"], age=i) for i in range(100)]
    long = "l" * 2000
    text = "\n".join([long, long + "é", ""])
    total = [0]

    def visit(batch: List[CbMember]) -> None:
        total[0] += len(batch[0].name)

    def lines(ls: List[str]) -> int:
        total[0] += len(ls[0])
        return 0

    # 100,000 batches of a ~200-byte member and 10,000 texts of two 2,000-byte lines: a leaked copy
    # per call would be 20+ MiB.
    assert grows_by_kib(1000, lambda: each_batch(many, 1, visit)) < 5 * 1024
    assert grows_by_kib(10000, lambda: on_lines(text, lines)) < 5 * 1024
    assert total[0] > 0
