"""Races on one service object, and the guard's mode (ADR 41), against the INSTALLED wheel
(tests/python/services.rs runs it on both call paths and in both GIL modes, and on PyPy).

Checked: the package runs its guards in GIL mode exactly on the compiled path and in atomic mode
on the ctypes path (PyPy, `INTEROP_PYTHON_CALLS=ctypes`), and the other mode can no longer be
claimed; 8 threads calling `close()` on one object at the same moment, many rounds, with the
interpreter switching threads as often as it can: the default close and a service's own consuming
`close(self)` (ADR 34) return normally on every thread but the one that ran it, whose error or
panic propagates; consuming calls racing each other or `close()`: exactly one takes the object.
"""

from __future__ import annotations

import gc
import platform
import sys
import sysconfig
import threading
from typing import Callable, Iterator, List

import pytest

import conformance as c
from conformance import Journal, KvStore, OpenErrorError, RustPanic, _native, services

THREADS = 8
ROUNDS = 150


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    gc.collect()
    before = services.live()
    yield
    gc.collect()
    assert services.live() == before, "a service was not freed"


@pytest.fixture(autouse=True)
def switch_often() -> Iterator[None]:
    """Make the interpreter switch threads as often as it can (GIL builds)."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def race(*targets: Callable[[], object]) -> List[object]:
    """Run the targets on threads released at once: what each returned or raised, in order."""
    barrier = threading.Barrier(len(targets))
    outcomes: List[object] = [None] * len(targets)

    def run(i: int) -> None:
        barrier.wait()
        try:
            outcomes[i] = targets[i]()
        except BaseException as e:  # noqa: BLE001 (the outcome is checked)
            outcomes[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(targets))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    return outcomes


def test_the_guard_mode_follows_the_call_path() -> None:
    gil_build = platform.python_implementation() == "CPython" and not sysconfig.get_config_var(
        "Py_GIL_DISABLED"
    )
    if _native.path == "compiled":
        assert gil_build
        assert _native.guard_mode == "gil"
        assert c._raw.guard_mode(0) == 2, "the library runs its guards in GIL mode"
    else:
        assert _native.guard_mode == "atomic"
        assert c._raw.guard_mode(0) == 1, "the library runs its guards in atomic mode"
    # One mode per process: claiming the other one changes nothing.
    mode = c._raw.guard_mode(0)
    assert c._raw.guard_mode(3 - mode) == mode
    assert _native.guard_mode == {1: "atomic", 2: "gil"}[c._raw.guard_mode(0)]


def test_eight_threads_closing_at_once_free_once() -> None:
    base = services.live()
    for _ in range(ROUNDS):
        s = KvStore()
        s.put("k", b"v")
        assert race(*[s.close] * THREADS) == [None] * THREADS
        assert s.closed
        assert services.live() == base
        with pytest.raises(ValueError, match="KvStore is closed"):
            s.len()


def test_eight_threads_running_the_own_close_at_once_run_it_once() -> None:
    saved = services.journal_saved()
    expected = 0
    for round in range(ROUNDS):
        j = Journal()
        # Saved, an error (saves nothing) or a panic: only the thread that ran it sees it.
        entries = (2, 13, 99)[round % 3]
        j.record(entries)
        outcomes = race(*[j.close] * THREADS)
        ran = [o for o in outcomes if o is not None]
        if entries == 2:
            assert ran == [], outcomes
            expected += 2
        elif entries == 13:
            assert len(ran) == 1 and isinstance(ran[0], OpenErrorError.Reserved), outcomes
        else:
            assert len(ran) == 1 and isinstance(ran[0], RustPanic), outcomes
            assert "close panic" in str(ran[0])
        assert j.closed
        assert services.journal_saved() == saved + expected
        assert j.close() is None


def test_consuming_calls_racing_take_the_object_once() -> None:
    base = services.live()
    for round in range(ROUNDS):
        s = KvStore()
        s.put("a", b"1")
        s.put("b", b"2")
        # Consuming calls and closes at once: one consuming call takes it (the others get the
        # consumed object's ValueError), or a close wins first (every consuming call gets
        # ValueError); the closes never raise.
        targets: List[Callable[[], object]] = [s.into_len] * 4 + [s.close] * 4
        if round % 2:
            targets.reverse()
        outcomes = race(*targets)
        into = outcomes[:4] if not round % 2 else outcomes[4:]
        closes = outcomes[4:] if not round % 2 else outcomes[:4]
        assert closes == [None] * 4, outcomes
        taken = [o for o in into if o == 2]
        refused = [o for o in into if isinstance(o, ValueError)]
        assert len(taken) <= 1 and len(taken) + len(refused) == 4, outcomes
        assert s.closed
        assert services.live() == base
