"""Callbacks that fail, from Python (the conformance fixture's `callbacks` and `callback_args`
features, against the INSTALLED wheel; tests/python/callbacks.rs runs this file once per call path,
in both GIL modes): closures returning `Result` (the error class is `Err`, on the calling thread and
on a Rust thread), callables refused or released when an argument does not convert, results of the
wrong type, gc.collect() inside a callback, exceptions re-raised from the waiting call as the
original exception or handed to `sys.unraisablehook` from Rust's own threads.
"""

from __future__ import annotations

import gc
import sys
import weakref
from typing import Any, List

import pytest

from conformance import CbErrorError, _raw
from conformance.callbacks import (
    CbError,
    CbTagged,
    Checker,
    call_on_rust_thread,
    call_twice,
    check_all,
    check_on_rust_thread,
    count_matching,
    halve_with,
    make_tag_counter,
    sum_widened,
    validate_up_to,
)


def test_a_named_callback_type_says_how_to_return_err() -> None:
    # Issue 13: the documentation of a callback alias returning a `Result` (an attribute docstring
    # in _types.py, which editors show) says which exception returns `Err`.
    import pathlib

    import conformance

    source = (pathlib.Path(conformance.__file__).parent / "_types.py").read_text(encoding="utf-8")
    assert (
        'Checker = typing.Callable[[int], int]\n"""Checks a value, mapping it or refusing it (a named'
        " callback type returning a `Result`).\n\nRaise `CbErrorError` to return `Err` (another"
        " exception is re-raised by the waiting call)."
    ) in source


def test_result_returned_from_a_callable() -> None:
    # The callable returns `T` for `Ok`, raises `E`'s exception for `Err`: Rust receives `Err(E)`.
    def check(v: int) -> int:
        if v >= 100:
            raise CbErrorError(CbError.TOO_LARGE)
        if v % 2:
            raise CbErrorError.Odd(CbError.ODD)
        return v * 10

    tally = check_all([1, 2, 3, 4, 100], check)
    assert (tally.sum, tally.accepted, tally.refused) == (60, 2, 3)
    assert tally.last_error == CbError.TOO_LARGE
    named: Checker = lambda v: v + 1  # noqa: E731
    assert check_all([1, 2], named).sum == 5

    def stop_at_four(i: int) -> None:
        if i == 4:
            raise CbErrorError(CbError.TOO_LARGE)

    assert validate_up_to(10, stop_at_four) == 4, "Result<(), E>"
    assert validate_up_to(3, lambda i: None) == 3
    # Same parameters, another `Result`.
    assert sum_widened([1, 2], lambda v: v << 32) == 3 << 32

    def widen(v: int) -> int:
        if v == 3:
            raise CbErrorError(CbError.ODD)
        return v

    with pytest.raises(CbErrorError) as widened:
        sum_widened([1, 3], widen)
    assert widened.value.value == CbError.ODD

    # Another exception: re-raised by the waiting call (Rust got `Err(CbError.UNKNOWN)`).
    error = KeyError("not a CbError")

    def failing(v: int) -> int:
        raise error

    with pytest.raises(KeyError) as info:
        check_all([1], failing)
    assert info.value is error
    with pytest.raises(TypeError):
        check_all([1], lambda v: "not a number")  # type: ignore[arg-type, return-value]
    assert _raw.pending.value == 0


def test_result_from_a_callable_on_a_rust_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_on_rust_thread(lambda v: v * 2, 21) == 42

    def odd(v: int) -> int:
        raise CbErrorError(CbError.ODD)

    assert check_on_rust_thread(odd, 1) == -2, "Err(Odd) on a Rust thread"
    hooked: List[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", hooked.append)
    error = ValueError("not a CbError, on a Rust thread")

    def failing(v: int) -> int:
        raise error

    assert check_on_rust_thread(failing, 1) == -1, "Rust received Err(Unknown)"
    assert len(hooked) == 1 and hooked[0].exc_value is error


def test_not_callable_is_refused() -> None:
    with pytest.raises(TypeError, match=r"^call_twice\(\) argument 'f': expected a callable, got int$"):
        call_twice(5, 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^call_twice\(\) argument 'f': expected a callable, got NoneType$"):
        call_twice(None, 1)  # type: ignore[arg-type]


def test_an_argument_that_does_not_convert_releases_the_callable() -> None:
    # The callable was registered (ctypes) or referenced by its context (compiled) before the
    # next argument failed: it is released, not leaked.
    class Holder:
        def __call__(self, x: int) -> int:
            return x

    holder = Holder()
    ref = weakref.ref(holder)
    with pytest.raises(TypeError):
        call_twice(holder, "one")  # type: ignore[arg-type]
    with pytest.raises(OverflowError):
        call_twice(holder, -1)
    del holder
    gc.collect()
    assert ref() is None


def test_a_result_of_the_wrong_type_is_the_callbacks_exception() -> None:
    with pytest.raises(TypeError):
        call_twice(lambda x: "two", 1)  # type: ignore[arg-type, return-value]
    assert _raw.pending.value == 0


def test_a_result_out_of_range_is_the_callbacks_exception() -> None:
    # Never truncated (ctypes alone would turn -1 into 4294967295 for a u32), on both paths.
    for bad in (-1, 1 << 32):
        with pytest.raises(OverflowError, match=r"^call_twice\(\) argument 'f': the callback returned a value out of range for u32 \(0 to 4294967295\)$"):
            call_twice(lambda x: bad, 1)
        assert _raw.pending.value == 0
    assert call_twice(lambda x: 4294967295, 1) == 4294967295  # the largest u32 passes


def test_a_bool_result_must_be_a_bool() -> None:
    # Not its truth value (ctypes alone would take None as False): True or False, on both paths,
    # as for a `bool` argument; anything else is the callback's TypeError, re-raised by the call.
    for bad in (None, 1, "yes", 0.0):
        with pytest.raises(TypeError, match=f"^count_matching\\(\\) argument 'predicate': the callback returned {type(bad).__name__}, expected bool$"):
            count_matching([1, 2], lambda v: bad)  # type: ignore[arg-type, return-value]
        assert _raw.pending.value == 0
    assert count_matching([1, 2, 3], lambda v: v != 2) == 2, "the next call is clean"


def test_a_result_of_the_wrong_type_on_a_rust_thread_goes_to_unraisablehook(monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: List[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", hooked.append)
    assert call_on_rust_thread(lambda x: None, 5) == 0  # type: ignore[arg-type, return-value]
    assert len(hooked) == 1 and isinstance(hooked[0].exc_value, TypeError)
    assert str(hooked[0].exc_value) == "call_on_rust_thread() argument 'f': the callback returned NoneType, expected int"


def test_a_float_result_takes_an_int_and_refuses_a_str() -> None:
    assert halve_with(3.0, lambda x: x * 2) == 3.0
    assert halve_with(3.0, lambda x: 5) == 2.5, "an int is a float, as in Python"
    assert halve_with(3.0, lambda x: True) == 0.5, "a bool is an int"
    with pytest.raises(TypeError, match=r"^halve_with\(\) argument 'f': the callback returned str, expected float$"):
        halve_with(3.0, lambda x: "5")  # type: ignore[arg-type, return-value]
    with pytest.raises(TypeError, match="the callback returned NoneType, expected float"):
        halve_with(3.0, lambda x: None)  # type: ignore[arg-type, return-value]
    assert _raw.pending.value == 0


def test_gc_inside_callbacks() -> None:
    def collecting(x: int) -> int:
        gc.collect()
        return x + 1

    assert call_twice(collecting, 1) == 3


def test_bad_return_value_is_the_callbacks_exception() -> None:
    with pytest.raises(TypeError):
        call_twice(lambda x: "not a number", 1)  # type: ignore[arg-type, return-value]


def test_exception_reraised_as_the_original() -> None:
    class Boom(Exception):
        pass

    error = Boom("boom in a callback")
    calls: List[int] = []

    def failing(x: int) -> int:
        calls.append(x)
        raise error

    with pytest.raises(Boom) as info:
        call_twice(failing, 1)
    assert info.value is error
    assert calls == [1, 0], "Rust went on with the failure value"
    assert call_twice(lambda x: x + 1, 1) == 3, "the next call is clean"
    with pytest.raises(KeyError):
        count_matching([1, 2], lambda v: {}[v])
    assert _raw.pending.value == 0


def test_exception_on_a_rust_thread_goes_to_unraisablehook(monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: List[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", hooked.append)
    error = ValueError("raised on a Rust thread")

    def failing(x: int) -> int:
        raise error

    assert call_on_rust_thread(failing, 5) == 0
    assert len(hooked) == 1 and hooked[0].exc_value is error
    assert call_on_rust_thread(lambda x: x * 3, 5) == 15


def test_returned_closure_taking_text_and_a_record_owning_data() -> None:
    # A Rust closure returned to Python whose parameters are not their own ctypes form (`&str`, a
    # record owning a `String` and a `Vec<String>`): the bindings convert what the caller passes,
    # and refuse what does not convert with the argument's position and path, before the call.
    with make_tag_counter(100) as count:
        assert count("a", CbTagged(name="x", tags=["a", "b", "a"])) == 2
        assert count("é", CbTagged(name="é", tags=["é"])) == 101
        assert count("", CbTagged(name="n", tags=[])) == 0
        with pytest.raises(TypeError, match=r"^argument 2: expected CbTagged, got str$"):
            count("a", "b")  # type: ignore[arg-type]
        with pytest.raises(TypeError, match=r"^argument 2\.tags\[1\]: expected str, got int$"):
            count("a", CbTagged(name="x", tags=["a", 1]))  # type: ignore[list-item]
        with pytest.raises(ValueError, match=r"^argument 1: .*lone surrogate"):
            count("\udc80", CbTagged(name="x", tags=[]))
        with pytest.raises(TypeError, match=r"^the closure takes 2 arguments \(1 given\)$"):
            count("a")  # type: ignore[call-arg]
        assert count("b", CbTagged(name="b", tags=["b"])) == 101, "usable after refused calls"
