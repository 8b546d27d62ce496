"""Services with callbacks, C strings and data borrowed from a service, from Python: every item of
the conformance fixture's `services_callbacks` feature, against the INSTALLED wheel
(tests/python/services.rs builds it, installs it into a fresh venv and runs this file once per call
path and GIL mode).

Covers a method calling a borrowed callable, a method keeping a callable that later methods call
(also from a Rust thread the service starts), a constructor keeping a callable, a callable
returning a value or raising the error type's exception; the kept callables released (weakref) when
the service drops them or is closed; exceptions inside callables re-raised from the call (or given
to `sys.unraisablehook` on the Rust thread); `&CStr` parameters and `&'static CStr` returns; the
live-object counter back to 0.
"""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from typing import Any, Iterator, List

import pytest

from conformance import Watcher, WatchErrorError, services_callbacks
from conformance.services_callbacks import WatchError


@pytest.fixture(autouse=True)
def no_leaks() -> Iterator[None]:
    gc.collect()
    before = services_callbacks.watchers_live()
    yield
    gc.collect()
    assert services_callbacks.watchers_live() == before, "a Watcher was not freed"


class Recorder:
    """A callable object (so that a weakref can watch it)."""

    def __init__(self) -> None:
        self.seen: List[int] = []
        self.lock = threading.Lock()

    def __call__(self, value: int) -> None:
        with self.lock:
            self.seen.append(value)


def test_borrowed_callback_called_synchronously() -> None:
    with Watcher.named(b"w") as w:
        for v in (3, 1, 4):
            assert w.set(v)
        seen: List[int] = []
        w.visit(seen.append)
        assert seen == [3, 1, 4]
        w.visit(lambda v: None)


def test_kept_listener_called_by_later_methods_and_released() -> None:
    rec = Recorder()
    ref = weakref.ref(rec)
    w = Watcher.named(b"w")
    w.on_change(rec)
    del rec
    gc.collect()
    assert ref() is not None, "the watcher keeps the listener alive"
    assert w.set(5) and w.set(6)
    r = ref()
    assert r is not None and r.seen == [5, 6]
    del r
    w.clear_listener()
    gc.collect()
    assert ref() is None, "released when the watcher drops it"
    assert w.set(7)
    w.close()


def test_listener_released_when_the_service_is_closed() -> None:
    rec = Recorder()
    ref = weakref.ref(rec)
    with Watcher.named(b"w") as w:
        w.on_change(rec)
        del rec
        w.set(1)
    gc.collect()
    assert ref() is None, "released when the watcher is freed"


def test_listener_released_when_the_service_is_collected() -> None:
    rec = Recorder()
    ref = weakref.ref(rec)
    w = Watcher.named(b"w")
    w.on_change(rec)
    del rec, w
    # PyPy finalizes `w` in one collection and frees what it held in the next.
    for _ in range(3):
        gc.collect()
    assert ref() is None


def test_replacing_the_listener_releases_the_old_one() -> None:
    first, second = Recorder(), Recorder()
    ref = weakref.ref(first)
    with Watcher.named(b"w") as w:
        w.on_change(first)
        del first
        w.on_change(second)
        gc.collect()
        assert ref() is None
        w.set(9)
        assert second.seen == [9]


def test_listener_called_from_a_rust_thread() -> None:
    rec = Recorder()
    with Watcher.named(b"w") as w:
        assert w.notify_on_thread(10, 3) == 0, "no listener yet"
        w.on_change(rec)
        assert w.notify_on_thread(10, 1000) == 1000
    assert rec.seen == list(range(10, 1010))


def test_listener_exception_on_a_rust_thread_goes_to_unraisablehook() -> None:
    caught: List[Any] = []
    old = sys.unraisablehook
    sys.unraisablehook = caught.append
    try:
        def boom(value: int) -> None:
            raise KeyError(value)

        with Watcher.named(b"w") as w:
            w.on_change(boom)
            assert w.notify_on_thread(1, 2) == 2
    finally:
        sys.unraisablehook = old
    assert len(caught) == 2
    assert all(isinstance(u.exc_value, KeyError) for u in caught)


def test_listener_exception_is_raised_from_the_call() -> None:
    def boom(value: int) -> None:
        raise ZeroDivisionError("listener failed")

    with Watcher.named(b"w") as w:
        w.on_change(boom)
        with pytest.raises(ZeroDivisionError, match="listener failed"):
            w.set(3)
        # Rust went on: the value was set.
        assert w.value() == 3


def test_constructor_keeping_a_callback() -> None:
    calls: List[int] = []

    def even(v: int) -> bool:
        calls.append(v)
        return v % 2 == 0

    ref = weakref.ref(even)
    w = Watcher.with_filter(even)
    del even
    gc.collect()
    assert ref() is not None
    assert w.set(2)
    assert not w.set(3)
    assert w.value() == 2
    assert calls == [2, 3]
    w.close()
    gc.collect()
    assert ref() is None, "the filter is released with the watcher"


def test_callback_returning_a_result() -> None:
    with Watcher.named(b"w") as w:
        w.set(4)
        assert w.update(lambda v: v + 2) == 6
        assert w.value() == 6

        def odd(v: int) -> int:
            raise WatchErrorError(WatchError.ODD)

        with pytest.raises(WatchErrorError) as e:
            w.update(odd)
        assert e.value.value == WatchError.ODD
        assert w.value() == 6

        def other(v: int) -> int:
            raise RuntimeError("other")

        # Any other exception: Rust gets Err(Unknown), then the original exception is re-raised.
        with pytest.raises(RuntimeError, match="other"):
            w.update(other)
        assert w.value() == 6


def test_c_strings() -> None:
    with Watcher.named("é".encode()) as w:
        assert w.kind() == "watcher"
        w.rename(b"renamed")
        w.rename(b"again")
    with pytest.raises((TypeError, ValueError)):
        Watcher.named(b"nul\0inside")


def test_eight_threads_share_one_watcher_with_a_listener() -> None:
    rec = Recorder()
    with Watcher.named(b"w") as w:
        w.on_change(rec)

        def work(t: int) -> None:
            for i in range(200):
                w.set(t * 1000 + i)

        threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seen: List[int] = []
        w.visit(seen.append)
    assert sorted(rec.seen) == sorted(seen)
    assert len(seen) == 1600


def test_callbacks_after_close_raise() -> None:
    w = Watcher.named(b"w")
    w.close()
    with pytest.raises(ValueError, match="closed"):
        w.on_change(lambda v: None)
    with pytest.raises(ValueError, match="closed"):
        w.visit(lambda v: None)


def test_data_borrowed_from_the_service_is_a_copy() -> None:
    with Watcher.named(b"first") as w:
        assert w.data() == b""
        w.set(0x101)
        w.set(7)
        data = w.data()
        assert isinstance(data, bytes) and data == b"\x01\x07"
        name, label = w.name(), w.label()
        assert (name, label) == ("first", "first")
        w.rename("é".encode())
        w.set(9)
        # The earlier results are copies: unchanged by later `&mut self` calls.
        assert data == b"\x01\x07" and name == "first" and label == "first"
        assert (w.data(), w.name(), w.label()) == (b"\x01\x07\x09", "é", "é")
    with pytest.raises(ValueError, match="closed"):
        w.data()


def test_data_copies_under_concurrent_writers() -> None:
    # Each copy is made under the watcher's lock: a writer on another thread never changes (or frees)
    # what a reader got.
    with Watcher.named(b"w") as w:

        def writer() -> None:
            for i in range(300):
                w.set(i % 256)
                w.rename(b"x" * (i % 64 + 1))

        threads = [threading.Thread(target=writer) for _ in range(2)]
        for t in threads:
            t.start()
        last = 0
        while any(t.is_alive() for t in threads):
            d = w.data()
            assert isinstance(d, bytes) and len(d) >= last
            last = len(d)
            n = w.name()
            assert n == "w" or set(n) == {"x"}
            label = w.label()
            assert label == "w" or set(label) == {"x"}
        for t in threads:
            t.join()
        assert len(w.data()) == 600
