"""Feature `panics`: a Rust panic raises `RustPanic` from the call (functions, methods, other
threads, callers without the GIL).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import ctypes

import pytest

import conformance as c
from conformance import RustPanic, _raw


def test_panic_raises_rust_panic_from_the_call() -> None:
    assert c.panic_if(False) == 7
    with pytest.raises(RustPanic) as e:
        c.panic_if(True)
    assert str(e.value) == "panic in `panic_if`: boom: requested panic"
    assert isinstance(e.value, Exception)
    assert c.panic_if(False) == 7  # the next call is clean


def test_panic_in_struct_returning_function() -> None:
    with pytest.raises(RustPanic, match=r"^panic in `panic_struct`: struct panic 42$"):
        c.panic_struct(42)
    assert _raw.pending.value == 0


def test_panic_in_enum_returning_function() -> None:
    with pytest.raises(RustPanic, match=r"^panic in `panic_enum`: enum panic 5$"):
        c.panic_enum(5)
    assert _raw.pending.value == 0


def test_a_null_receiver_is_a_refused_argument_not_a_panic() -> None:
    with pytest.raises(ValueError, match=r"^argument `self` of `counter_increment` must not be null$"):
        c.Counter().increment(1)
    assert _raw.pending.value == 0


def test_a_call_without_the_gil_leaves_the_panic_pending() -> None:
    # The same library called through another binding (CDLL, GIL released): the error waits in the
    # pending counter as for C callers, and the next checked call of this thread raises it.
    lib = ctypes.CDLL(_raw._lib._name)
    panic_if = lib.panic_if
    panic_if.argtypes = (ctypes.c_bool,)
    panic_if.restype = ctypes.c_uint32
    assert panic_if(True) == 0
    assert _raw.pending.value == 1
    with pytest.raises(RustPanic, match=r"^panic in `panic_if`: boom: requested panic$"):
        _raw.raise_panic()
    assert _raw.pending.value == 0
    _raw.raise_panic()  # nothing pending: returns
    assert c.panic_if(False) == 7


def test_panic_in_another_thread_is_raised_there() -> None:
    import threading

    errors: list[str] = []

    def worker() -> None:
        try:
            c.panic_if(True)
        except RustPanic as e:
            errors.append(str(e))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == ["panic in `panic_if`: boom: requested panic"] * 4
    assert c.panic_if(False) == 7
    assert _raw.pending.value == 0
