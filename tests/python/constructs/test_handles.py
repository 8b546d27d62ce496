"""Feature `handles` (issue 10 item 3): an opaque type with a destructor (`#[ffi(destructor)]`).
The bindings remember the addresses the destructor freed, as the C# bindings do: a second destroy
(also of a copy of the handle, also from several threads at once) and a use after destroy raise
`ValueError` before the call, never a double free or a use after free; a handle a function returns
is live again (the allocator reuses addresses). These functions stay on the ctypes path, whose
`def` makes the checks, on both call paths.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import re
import threading
import types
from typing import Any, List

import pytest

import conformance as c
from conformance import Session, _native


def destroyed(where: str, handle: Session) -> Any:
    return pytest.raises(ValueError, match=f"^{re.escape(f'{where} was destroyed: {handle!r}')}$")


def test_a_second_destroy_raises_instead_of_freeing_twice() -> None:
    s = Session.open()
    assert s.hit() == 1 and s.hit() == 2
    copy = Session(s.value)
    Session.close(s)
    with destroyed("Session.close() argument 'session'", s):
        Session.close(s)
    with destroyed("Session.close() argument 'session'", copy):
        Session.close(copy)
    Session.close(None)  # NULL is ignored, as often as it comes
    Session.close(Session(None))
    Session.close(None)


def test_a_use_after_destroy_raises() -> None:
    s = Session.open()
    Session.close(s)
    with destroyed("Session.hit() argument 'self'", s):
        s.hit()
    with destroyed("Session.hit() argument 'self'", s):
        Session(s.value).hit()


def test_a_returned_handle_is_live_even_at_a_reused_address() -> None:
    old = Session.open()
    Session.close(old)
    for _ in range(100):
        t = Session.open()
        assert t.hit() == 1, "a new session starts at 0"
        Session.close(t)
    with destroyed("Session.close() argument 'session'", old):
        Session.close(old)


def test_only_one_of_many_threads_destroys() -> None:
    for _ in range(20):
        s = Session.open()
        outcomes: List[str] = []
        barrier = threading.Barrier(8)

        def close() -> None:
            barrier.wait()
            try:
                Session.close(Session(s.value))
                outcomes.append("closed")
            except ValueError:
                outcomes.append("refused")

        threads = [threading.Thread(target=close) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["closed"] + ["refused"] * 7


def test_the_functions_of_tracked_handles_are_defs_on_both_paths() -> None:
    for f in (Session.open, Session.close, Session.hit):
        assert isinstance(f, types.FunctionType), f
    assert "Session.close" not in _native.fallbacks
    assert not isinstance(c.add_u64, types.FunctionType) or _native.path == "ctypes"
