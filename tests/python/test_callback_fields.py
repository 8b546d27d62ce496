"""Closures as record fields (issue 13, ADR 30), from Python: the conformance fixture's
`callback_fields` feature against the INSTALLED wheel (tests/python/callbacks.rs builds it with
`--features callbacks,callback_args,callback_fields` and runs this file once per call path, in both
GIL modes).

`Handlers` is a dataclass whose `Callable` fields take any callable; passing it hands each callable
to Rust, which keeps it alive until it drops the closure: when `run_job` returns, when a `Notifier`
is reset or destroyed. A required field that is `None` or not callable raises `TypeError` naming the
field (and registers nothing); exceptions raised in a handler are re-raised from the call, or go to
`sys.unraisablehook` when Rust calls the handler from its own thread.
"""

from __future__ import annotations

import gc
import os
import types
import weakref
from typing import Any, List, Tuple

import pytest

from conformance import _native, _raw, _types
from conformance.callbacks import Handlers, Notifier, run_job, run_job_on_thread

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_functions_taking_handlers_stay_on_ctypes() -> None:
    assert _native.path == CALLS
    import conformance.callbacks as cb

    # Per-function fallback: the compiled path does not convert a record of closures.
    assert isinstance(cb.run_job, types.FunctionType)
    if CALLS == "compiled":
        assert "run_job" in _native.fallbacks and "run_job_on_thread" in _native.fallbacks


def handlers(log: List[Tuple[str, int]], skip: int = 0, step: bool = True) -> Handlers:
    return Handlers(
        on_progress=lambda done, total: log.append(("progress", done * 100 + total)),
        on_step=(lambda i: log.append(("step", i))) if step else None,
        on_event=lambda i: log.append(("event", i)),
        skip=skip,
    )


def test_run_job_calls_every_handler_in_order() -> None:
    log: List[Tuple[str, int]] = []
    assert run_job(3, handlers(log)) == 3
    assert log == [
        ("step", 0), ("event", 0), ("progress", 103),
        ("step", 1), ("event", 1), ("progress", 203),
        ("step", 2), ("event", 2), ("progress", 303),
    ]
    log.clear()
    assert run_job(3, handlers(log, skip=2, step=False)) == 1
    assert log == [("event", 2), ("progress", 101)]
    assert not _types._callables


def test_every_kind_of_callable() -> None:
    seen: List[int] = []

    class Counter:
        def __init__(self) -> None:
            self.n = 0

        def bump(self, i: int) -> None:
            self.n += 1

    class Sink:
        def __call__(self, done: int, total: int) -> None:
            seen.append(done)

    def event(i: int) -> None:
        seen.append(-i)

    counter = Counter()
    assert run_job(4, Handlers(Sink(), counter.bump, event, 1)) == 3
    assert counter.n == 3
    assert seen == [-1, 1, -2, 2, -3, 3]
    assert not _types._callables


def test_required_field_none_or_not_callable_is_a_type_error() -> None:
    log: List[Tuple[str, int]] = []
    good = handlers(log)
    for field in ["on_progress", "on_event"]:
        for bad in [None, 42]:
            h = handlers(log)
            setattr(h, field, bad)
            with pytest.raises(TypeError, match=rf"argument 'handlers'\.{field}: expected a callable"):
                run_job(3, h)
            with pytest.raises(TypeError, match=rf"argument 'handlers'\.{field}: expected a callable"):
                Notifier.create(h)
            # The fields converted before the failing one are released again.
            assert not _types._callables
    h = handlers(log)
    h.on_step = "not callable"  # type: ignore[assignment]
    with pytest.raises(TypeError, match=r"^run_job\(\) argument 'handlers'\.on_step: expected a callable"):
        run_job(3, h)
    with pytest.raises(TypeError, match=r"^run_job\(\) argument 'handlers': expected Handlers, got tuple"):
        run_job(3, (1, 2, 3, 4))  # type: ignore[arg-type]
    assert not _types._callables
    assert log == []
    assert run_job(1, good) == 1


def test_callables_released_after_run_job_returns() -> None:
    class Handler:
        def __call__(self, *args: int) -> None:
            pass

    progress, event = Handler(), Handler()
    refs = [weakref.ref(progress), weakref.ref(event)]
    h = Handlers(progress, None, event, 0)
    assert run_job(2, h) == 2
    del progress, event, h
    gc.collect()
    assert [r() for r in refs] == [None, None]
    assert not _types._callables


def test_notifier_keeps_its_handlers_until_reset_and_destroy() -> None:
    log: List[Tuple[str, int]] = []

    class Handler:
        def __init__(self, name: str) -> None:
            self.name = name

        def __call__(self, *args: int) -> None:
            log.append((self.name, args[0]))

    progress, event = Handler("progress"), Handler("event")
    refs = [weakref.ref(progress), weakref.ref(event)]
    notifier = Notifier.create(Handlers(progress, None, event, 0))
    del progress, event
    gc.collect()
    assert all(r() is not None for r in refs), "alive while Rust holds them"
    assert notifier.notify(7, 10) is True
    assert log == [("event", 7), ("progress", 7)]
    notifier.reset()
    gc.collect()
    assert [r() for r in refs] == [None, None]
    assert notifier.notify(8, 10) is False
    Notifier.destroy(notifier)

    keep = Handler("kept")
    ref = weakref.ref(keep)
    notifier = Notifier.create(Handlers(keep, keep, keep, 0))
    del keep
    gc.collect()
    assert ref() is not None
    Notifier.destroy(notifier)
    gc.collect()
    assert ref() is None
    assert not _types._callables


def test_exception_in_a_handler_is_reraised() -> None:
    error = LookupError("handler failed")

    def failing(i: int) -> None:
        if i == 1:
            raise error

    with pytest.raises(LookupError) as info:
        run_job(3, Handlers(lambda d, t: None, None, failing, 0))
    assert info.value is error
    notifier = Notifier.create(Handlers(lambda d, t: None, None, failing, 0))
    with pytest.raises(LookupError) as info:
        notifier.notify(1, 1)
    assert info.value is error
    assert notifier.notify(2, 1) is True
    Notifier.destroy(notifier)
    assert not _raw.pending.value
    assert not _types._callables


def test_handlers_called_and_dropped_on_a_rust_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    threads: List[int] = []
    log: List[Tuple[str, int]] = []
    h = handlers(log)
    h.on_event = lambda i: threads.append(threading.get_ident())
    assert run_job_on_thread(3, h) == 3
    assert len(threads) == 3 and threading.get_ident() not in threads
    assert log == [("step", 0), ("progress", 103), ("step", 1), ("progress", 203), ("step", 2), ("progress", 303)]
    assert not _types._callables

    hooked: List[Any] = []
    monkeypatch.setattr("sys.unraisablehook", hooked.append)
    error = ValueError("raised on a Rust thread")

    def failing(i: int) -> None:
        raise error

    assert run_job_on_thread(2, Handlers(lambda d, t: None, None, failing, 0)) == 2
    assert [x.exc_value for x in hooked] == [error, error]
    assert not _types._callables


def rss_kib() -> int:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


# INTEROP_TEST_SCALE (a fraction, default 1) scales the long loops below: the same wheel's runs on
# the other interpreters (tests/python/interpreters.rs) set it below 1, where the point is that the
# wheel works there; the full counts run on the main interpreter, on both call paths.
SCALE = float(os.environ.get("INTEROP_TEST_SCALE", "1"))


def test_many_run_job_calls_do_not_leak() -> None:
    def trip() -> None:
        run_job(2, Handlers(lambda d, t: None, lambda i: None, lambda i: None, 0))

    for _ in range(2000):
        trip()
    gc.collect()
    before = rss_kib()
    n = max(1000, int(20000 * SCALE))
    for _ in range(n):
        trip()
    gc.collect()
    grown = rss_kib() - before
    assert grown < 5 * 1024, f"RSS grew by {grown} KiB over {n} run_job calls"
    assert not _types._callables
