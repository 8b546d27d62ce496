"""Named callback types whose parameters borrow from Python (ADR 60; the conformance fixture's
`callback_alias_refs` feature, against the INSTALLED wheel; tests/python/callback_alias_refs.rs runs
this file once per call path): `OnMessage` kept and called from a Rust thread, an optional one, a
`FnMut` over chunks, an owned `str` returned from a `&CbPoint`, a `Result` (`CbErrorError`), a record
of handlers, a service method keeping one, and a returned closure called with our strings. Each
callable is released when Rust drops it.
"""

from __future__ import annotations

import gc
import os
import threading
import weakref
from typing import Any, List

import pytest

from conformance import CbErrorError, _raw
from conformance.callbacks import (
    AliasBus,
    AliasHandlers,
    CbError,
    CbPoint,
    alias_check_words,
    alias_deliver,
    alias_label,
    alias_make_measure,
    alias_maybe_deliver,
    alias_run,
    alias_visit,
)

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_call_path() -> None:
    from conformance import _native

    assert _native.path == CALLS


def test_kept_called_from_a_rust_thread_and_released() -> None:
    seen: List[str] = []
    threads: List[int] = []

    class Handler:
        def __call__(self, s: str) -> None:
            seen.append(s)
            threads.append(threading.get_ident())

    handler = Handler()
    ref = weakref.ref(handler)
    assert alias_deliver(handler, "héllo") == 2
    assert seen == ["héllo", "olléh"]
    assert threads[0] != threading.get_ident() and threads[1] == threading.get_ident()
    del handler
    gc.collect()
    assert ref() is None
    assert _raw.pending.value == 0


def test_optional() -> None:
    seen: List[str] = []
    assert alias_maybe_deliver(seen.append, "once") is True
    assert alias_maybe_deliver(None, "never") is False
    assert seen == ["once"]


def test_refused_argument_releases_the_callable() -> None:
    seen: List[str] = []
    with pytest.raises(TypeError):
        alias_deliver(seen.append, 42)  # type: ignore[arg-type]
    assert seen == []
    with pytest.raises(TypeError):
        alias_deliver(None, "x")  # type: ignore[arg-type]


def test_fnmut_chunks() -> None:
    chunks: List[List[int]] = []

    def take(c: Any) -> int:
        chunks.append(list(c))
        return len(c)

    assert alias_visit([1, 2, 3, 4, 5], 2, take) == 5
    assert chunks == [[1, 2], [3, 4], [5]]


def test_owned_return_from_a_record_reference() -> None:
    assert alias_label(CbPoint(x=1.5, y=-2.0), lambda p: f"{p.x:g},{p.y:g}") == "1.5,-2|-2,1.5"
    assert alias_label(CbPoint(x=0.0, y=0.0), lambda p: "é") == "é|é"


def test_result() -> None:
    def check(w: str) -> int:
        if len(w) > 5:
            raise CbErrorError(CbError.TOO_LARGE)
        if w == "odd":
            raise CbErrorError(CbError.ODD)
        return len(w)

    assert alias_check_words("ab odd abcdefg x", check) == 2 + 1000 + 2000 + 1

    def boom(w: str) -> int:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        alias_check_words("w", boom)


def test_returned_closure() -> None:
    measure = alias_make_measure(10)
    assert measure("hé") == 12
    assert measure("") == 10
    with pytest.raises(TypeError):
        measure(3)  # type: ignore[arg-type]
    measure.close()


def test_record() -> None:
    lines: List[str] = []
    labels: List[CbPoint] = []

    def origin(p: CbPoint) -> str:
        labels.append(p)
        return "o"

    assert alias_run("a\nbb\n", AliasHandlers(on_line=lines.append, on_origin=origin)) == 102
    assert lines == ["a", "bb"] and len(labels) == 1
    assert alias_run("x", AliasHandlers(on_line=lines.append, on_origin=None)) == 1
    with pytest.raises(TypeError, match="on_line"):
        alias_run("x", AliasHandlers(on_line=None, on_origin=origin))  # type: ignore[arg-type]
    assert len(labels) == 1


def test_service() -> None:
    seen: List[str] = []
    lock = threading.Lock()

    def a(s: str) -> None:
        with lock:
            seen.append("a:" + s)

    ref = weakref.ref(a)
    with AliasBus() as bus:
        assert bus.subscribe(a) == 1
        assert bus.subscribe(lambda s: seen.append("b:" + s)) == 2
        assert bus.publish_on_thread("ping") == 2
        assert seen == ["a:ping", "b:ping"]
        del a
        gc.collect()
        assert ref() is not None
        bus.clear()
        gc.collect()
        assert ref() is None
        assert bus.publish_on_thread("none") == 0
    assert _raw.pending.value == 0
