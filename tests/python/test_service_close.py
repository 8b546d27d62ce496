"""A service's consuming `close(self) -> Result<(), E>` as the class's `close()` (ADR 34), against
the INSTALLED wheel (tests/python/services.rs runs it on both call paths and in both GIL modes).

The fixture's `Journal.close` adds its entries to `services.journal_saved()` (the side effect),
fails with `OpenError::Reserved` for 13 entries and panics for 99. Checked: the first `close()`
runs it (raising its error), the object is closed afterwards whatever happened, later `close()`
calls do nothing, `with` runs it (and chains its error to the body's), the finalizer only frees,
other methods after it raise `ValueError`, and the compiled path installs the Rust call.
"""

from __future__ import annotations

import gc
import types
from typing import Iterator

import pytest

from conformance import Journal, OpenErrorError, RustPanic, _native, services


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    gc.collect()
    before = services.live()
    yield
    gc.collect()
    assert services.live() == before, "a service was not freed"


def test_close_runs_the_rust_close_once() -> None:
    saved = services.journal_saved()
    live = services.live()
    j = Journal()
    assert services.live() == live + 1
    assert j.record(5) == 5
    assert j.close() is None
    assert services.journal_saved() == saved + 5
    assert j.closed
    assert services.live() == live
    # Idempotent, like a file's close(): nothing runs again.
    j.close()
    j.close()
    assert services.journal_saved() == saved + 5
    with pytest.raises(ValueError, match="Journal was consumed"):
        j.record(1)
    assert repr(j) == "<Journal (consumed)>"


def test_close_raises_its_error_and_the_object_is_closed_anyway() -> None:
    saved = services.journal_saved()
    live = services.live()
    j = Journal()
    j.record(13)
    with pytest.raises(OpenErrorError.Reserved):
        j.close()
    assert j.closed
    assert services.live() == live
    assert services.journal_saved() == saved
    j.close()  # already closed: no error the second time
    with pytest.raises(ValueError):
        j.record(1)


def test_a_panic_in_close_raises_rust_panic_and_closes() -> None:
    live = services.live()
    j = Journal()
    j.record(99)
    with pytest.raises(RustPanic, match="close panic"):
        j.close()
    assert j.closed
    assert services.live() == live
    j.close()


def test_with_saves_at_the_end_of_the_block() -> None:
    saved = services.journal_saved()
    with Journal() as j:
        j.record(3)
        j.record(4)
        assert services.journal_saved() == saved
    assert services.journal_saved() == saved + 7
    assert j.closed
    # `close()` inside the block: `__exit__` finds it closed and does nothing more.
    with Journal() as k:
        k.record(2)
        k.close()
    assert services.journal_saved() == saved + 9


def test_with_raises_the_close_error() -> None:
    with pytest.raises(OpenErrorError.Reserved):
        with Journal() as j:
            j.record(13)
    assert j.closed


def test_a_close_error_during_an_exception_chains_to_it() -> None:
    with pytest.raises(OpenErrorError.Reserved) as e:
        with Journal() as j:
            j.record(13)
            raise KeyError("body")
    assert isinstance(e.value.__context__, KeyError)
    assert j.closed
    # A body error and a close that succeeds: the body's error, and the journal was saved.
    saved = services.journal_saved()
    with pytest.raises(KeyError):
        with Journal() as j:
            j.record(6)
            raise KeyError("body")
    assert services.journal_saved() == saved + 6


def test_the_finalizer_only_frees() -> None:
    saved = services.journal_saved()
    live = services.live()
    j = Journal()
    j.record(8)
    del j
    gc.collect()
    assert services.live() == live
    assert services.journal_saved() == saved, "the finalizer ran the user's close"


def test_close_after_another_consumer_or_close_does_nothing() -> None:
    saved = services.journal_saved()
    j = Journal()
    j.record(1)
    j._close()  # the Rust close under its private name, as a consuming method
    assert services.journal_saved() == saved + 1
    j.close()
    assert services.journal_saved() == saved + 1


def test_close_is_typed_and_documented() -> None:
    assert Journal.close.__doc__ is not None
    assert "Saves the entries" in Journal.close.__doc__
    assert Journal.close.__annotations__["return"] in ("None", None)
    if _native.path == "compiled":
        # The Rust call is compiled; the idempotent `close()` around it is Python.
        assert not isinstance(Journal.__dict__["_close"], types.FunctionType)
        assert isinstance(Journal.__dict__["close"], types.FunctionType)
        assert "Journal._close" not in _native.fallbacks
