"""Callables handed over next to an argument that fails (ADR 36), from Python: the conformance
fixture's `callback_fields` feature against the INSTALLED wheel (tests/python/callbacks.rs runs this
file once per call path, in both GIL modes).

An argument only the library can refuse (an enum value in range that is no variant) raises
`ValueError` naming it (a refused argument, ADR 47); the callable handed over before or after it is released by the library's
`drop` (weakref dead, nothing left registered). An argument Python refuses first (a wrong type)
registers nothing.
"""

from __future__ import annotations

import gc
import weakref
from typing import Any, Callable, List

import pytest

from conformance import _types
from conformance.callbacks import (
    CbRepeat,
    Handlers,
    keep_after,
    keep_before,
    run_job_repeated,
)



class Handler:
    """A callable that can be weakly referenced; records what it is called with."""

    def __init__(self) -> None:
        self.seen: List[int] = []

    def __call__(self, *args: int) -> None:
        self.seen.append(args[0])


def test_calls_with_valid_arguments() -> None:
    h = Handler()
    assert keep_after("four", CbRepeat.TWICE, h) == 2
    assert keep_before(h, CbRepeat.ONCE, "abc") == 1
    assert h.seen == [4, 4, 3]
    assert run_job_repeated(CbRepeat.TWICE, 1, Handlers(Handler(), None, h, 0)) == 2
    assert not _types._callables


def refused(call: Callable[[Any], object], error: Any, match: str) -> None:
    """`call(handler)` raises `error`; the handler is never called and is released after it."""
    h = Handler()
    ref = weakref.ref(h)
    with pytest.raises(error, match=match):
        call(h)
    assert h.seen == []
    del h
    gc.collect()
    assert ref() is None, "the callable is released"
    assert not _types._callables


def test_closure_after_an_argument_the_library_refuses() -> None:
    refused(
        lambda h: keep_after("x", 7, h),
        ValueError,
        r"argument `repeat` of `keep_after`: 7 is not a value of enum `CbRepeat`",
    )


def test_closure_before_an_argument_the_library_refuses() -> None:
    refused(
        lambda h: keep_before(h, 3, "x"),
        ValueError,
        r"argument `repeat` of `keep_before`: 3 is not a value of enum `CbRepeat`",
    )


def test_record_of_closures_after_an_argument_the_library_refuses() -> None:
    refused(
        lambda h: run_job_repeated(9, 1, Handlers(h, h, h, 0)),
        ValueError,
        r"argument `repeat` of `run_job_repeated`: 9 is not a value of enum `CbRepeat`",
    )


def test_arguments_python_refuses_register_nothing() -> None:
    refused(lambda h: keep_before(h, CbRepeat.ONCE, 5), TypeError, "name")
    refused(lambda h: keep_after("x", "once", h), TypeError, "repeat")
    refused(lambda h: run_job_repeated(CbRepeat.ONCE, -1, Handlers(h, h, h, 0)), OverflowError, "steps")
