"""Closures returning owned data from Python (ADR 54; the conformance fixture's `callback_returns`
feature, against the INSTALLED wheel; tests/python/callback_returns.rs runs this file once per call
path): a callable returns `str`, bytes-like objects, sequences, `array.array`, a record owning data,
`None` for an option, or raises the error class of a `Result`; the value goes to Rust in memory of
`interop_buffer_alloc`. Results of the wrong type are the callback's exception, naming it; exceptions
are re-raised from the waiting call; nothing leaks.
"""

from __future__ import annotations

import array
import gc
import os
import platform
import sys
import types
from typing import Any, List

import pytest

from conformance import CbErrorError, _raw
from conformance.callbacks import (
    CbError,
    CbItem,
    CbLabeler,
    CbPerson,
    classify_all,
    describe_person,
    find_or,
    format_items,
    join_names,
    join_words,
    load_bytes,
    make_person,
    render_on_thread,
    render_or_error,
    sum_boxed,
    sum_vectors,
)

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")
MIB = 1 << 20
TEXTS = ["", "a", "é", "日本", "🦀", "mixed é 日本 🦀"]


def test_call_path() -> None:
    # Closures of the generic impls returning owned data are compiled (the slot trampoline, ADR
    # 54); closures `#[ffi]` expands itself (borrowed arguments, `Result` returns) stay on ctypes.
    from conformance import _native, callbacks

    assert _native.path == CALLS
    if CALLS != "compiled":
        return
    # (`make_person` returns a record owning data, which the compiled path does not return.)
    for name in ["classify_all", "join_names", "sum_vectors", "join_words", "sum_boxed",
                 "describe_person", "render_on_thread"]:
        assert not isinstance(getattr(callbacks, name), types.FunctionType), (
            name, {k: v for k, v in _native.fallbacks.items() if name in k}
        )
    for name in ["format_items", "load_bytes", "find_or", "render_or_error"]:
        assert isinstance(getattr(callbacks, name), types.FunctionType), name


def test_strings() -> None:
    assert join_names(len(TEXTS), lambda i: TEXTS[i]) == ",".join(TEXTS)
    assert join_names(0, lambda i: "never") == ""
    assert join_names(3, lambda i: f"n{i}") == "n0,n1,n2"
    big = "é" * (MIB // 2)
    assert join_names(1, lambda i: big) == big

    class Name(str):
        pass

    assert join_names(1, lambda i: Name("sub")) == "sub", "a str subclass"
    items = [CbItem(id=1, cents=250), CbItem(id=2, cents=5)]
    assert format_items(items, lambda it: f"{it.id}:{it.cents}€") == "1:250€|2:5€"
    assert CbLabeler("p:").label(5, lambda v: f"<{v}>") == "p:<5>"
    assert _raw.pending.value == 0


def test_bytes_and_numbers() -> None:
    assert load_bytes("ab", lambda p: p.encode() * 2) == b"abab"
    assert load_bytes("x", lambda p: b"") == b""
    assert load_bytes("x", lambda p: bytearray(b"\x00\xff")) == b"\x00\xff"
    assert load_bytes("x", lambda p: memoryview(b"mv")) == b"mv"
    assert load_bytes("x", lambda p: [1, 2, 255]) == b"\x01\x02\xff"
    assert load_bytes("x", lambda p: array.array("B", [7, 8])) == b"\x07\x08"
    blob = bytes(range(256)) * (MIB // 256)
    assert load_bytes("big", lambda p: blob) == blob
    assert sum_vectors(4, lambda i: [i, i * 10]) == 66
    assert sum_vectors(3, lambda i: array.array("I", [i] * 3)) == 9
    assert sum_vectors(2, lambda i: []) == 0
    assert sum_vectors(1, lambda i: (4294967295,)) == 4294967295
    assert sum_boxed(5, lambda n: list(range(n))) == 10
    assert sum_boxed(MIB // 4, lambda n: array.array("I", [1]) * n) == MIB // 4
    assert join_words(2, lambda n: ["a", "é", "日本", ""] * n) == "a é 日本  a é 日本 "
    assert join_words(0, lambda n: []) == ""


def test_records_and_options() -> None:
    made = make_person(30, lambda age: CbPerson(name="Zoë", tags=["a", "日本", ""], age=age + 1))
    assert made == CbPerson(name="Zoë", tags=["a", "日本", ""], age=31)
    assert make_person(0, lambda age: CbPerson(name="", tags=[], age=0)) == CbPerson(name="", tags=[], age=0)
    assert describe_person(7, lambda age: CbPerson(name="Ann", tags=["x", "y"], age=age)) == "Ann (7): x,y"
    assert find_or("k", "fallback", lambda k: None) == "fallback"
    assert find_or("k", "fallback", lambda k: k + "é") == "ké"
    assert find_or("k", "fallback", lambda k: "") == ""


def test_result_returns() -> None:
    assert render_or_error(3, lambda n: f"#{n} é") == "#3 é"

    def odd(n: int) -> str:
        raise CbErrorError(CbError.ODD)

    assert render_or_error(3, odd) == "error: odd value"

    def too_large(n: int) -> str:
        raise CbErrorError(CbError.TOO_LARGE)

    # Many times, allocating between calls: the error's value once came from a freed temporary,
    # whose memory PyPy reused (a tag that is no variant: RustPanic).
    for n in range(2_000):
        expected = "error: value too large" if n % 2 else "error: odd value"
        assert render_or_error(n, too_large if n % 2 else odd) == expected, n
        assert [str(i) for i in range(8)]
    with pytest.raises(TypeError, match=r"^render_or_error\(\) argument 'render': the callback's result: expected str, got int$"):
        render_or_error(1, lambda n: 5)  # type: ignore[arg-type, return-value]
    assert _raw.pending.value == 0


def test_kept_closure_on_a_rust_thread() -> None:
    assert render_on_thread(10_000, str) == ",".join(map(str, range(10_000)))
    assert render_on_thread(0, str) == ""


@pytest.mark.parametrize(
    "call, bad, error, message",
    [
        (lambda f: join_names(2, f), 5, TypeError, r"^join_names\(\) argument 'name': the callback's result: expected str, got int$"),
        (lambda f: join_names(2, f), None, TypeError, r"^join_names\(\) argument 'name': the callback's result: expected str, got NoneType$"),
        (lambda f: join_names(2, f), b"bytes", TypeError, r"expected str, got bytes$"),
        (lambda f: join_names(2, f), "lone \ud800", ValueError, r"^join_names\(\) argument 'name': the callback's result: '\\ud800' at index 5 cannot be encoded as UTF-8"),
        (lambda f: sum_vectors(2, f), [1, -1], OverflowError, r"^sum_vectors\(\) argument 'make': the callback's result"),
        (lambda f: sum_vectors(2, f), [1 << 32], OverflowError, r"^sum_vectors\(\) argument 'make': the callback's result"),
        (lambda f: sum_vectors(2, f), "123", TypeError, r"^sum_vectors\(\) argument 'make': the callback's result: expected a buffer or a sequence of numbers, got str$"),
        (lambda f: sum_vectors(2, f), None, TypeError, r"^sum_vectors\(\) argument 'make': the callback's result"),
        (lambda f: join_words(2, f), ["a", 1], TypeError, r"^join_words\(\) argument 'make': the callback's result\[1\]: expected str, got int$"),
        (lambda f: make_person(2, f), None, TypeError, r"^make_person\(\) argument 'make': the callback's result: expected CbPerson, got NoneType$"),
        (lambda f: make_person(2, f), CbPerson(name="a", tags=["b", None], age=1), TypeError, r"the callback's result.tags\[1\]: expected str, got NoneType$"),  # type: ignore[list-item]
        (lambda f: make_person(2, f), CbPerson(name="a", tags=[], age=-1), OverflowError, r"the callback's result.age"),
        (lambda f: find_or("k", "fb", f), 3, TypeError, r"^find_or\(\) argument 'find': the callback's result: expected str, got int$"),
        (lambda f: load_bytes("p", f), "text", TypeError, r"^load_bytes\(\) argument 'load': the callback's result"),
        (lambda f: load_bytes("p", f), [256], OverflowError, r"^load_bytes\(\) argument 'load': the callback's result"),
    ],
)
def test_a_result_of_the_wrong_type_is_the_callbacks_exception(call: Any, bad: Any, error: Any, message: str) -> None:
    calls: List[int] = []

    def returns_bad(*args: Any) -> Any:
        calls.append(1)
        return bad

    with pytest.raises(error, match=message):
        call(returns_bad)
    assert calls, "the callable ran"
    assert _raw.pending.value == 0
    assert join_names(1, lambda i: "ok") == "ok", "the next call is clean"


def test_an_enum_result_must_be_a_variant() -> None:
    # A value that is no variant is the callback's ValueError (was a panic of the waiting call),
    # on both paths; a plain int that is a variant is taken.
    assert classify_all(3, lambda n: CbError(n % 3)) == 3
    assert classify_all(2, lambda n: 2) == 4  # type: ignore[arg-type, return-value]
    for bad in (7, -1, 3):
        with pytest.raises(ValueError, match=f"^classify_all\\(\\) argument 'classify': the callback returned {bad}, which is not a value of CbError$"):
            classify_all(2, lambda n: bad)  # type: ignore[arg-type, return-value]
        assert _raw.pending.value == 0
    with pytest.raises(TypeError, match=r"^classify_all\(\) argument 'classify': the callback returned str, expected CbError$"):
        classify_all(1, lambda n: "ODD")  # type: ignore[arg-type, return-value]
    with pytest.raises(OverflowError, match=r"the callback returned a value out of range for i32"):
        classify_all(1, lambda n: 1 << 40)  # type: ignore[arg-type, return-value]


def test_the_callables_exception_is_reraised_as_it_is() -> None:
    raised = KeyError("mine")

    def failing(i: int) -> str:
        if i == 1:
            raise raised
        return "x"

    with pytest.raises(KeyError) as info:
        join_names(3, failing)
    assert info.value is raised
    with pytest.raises(KeyError):
        make_person(1, lambda age: {}["nope"])
    with pytest.raises(ZeroDivisionError):
        render_or_error(1, lambda n: str(1 // 0))
    assert _raw.pending.value == 0


def test_an_exception_on_a_rust_thread_goes_to_unraisablehook(monkeypatch: pytest.MonkeyPatch) -> None:
    hooked: List[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", hooked.append)
    got = render_on_thread(3, lambda i: "ok" if i != 1 else i)  # type: ignore[arg-type, return-value]
    assert got == "ok,,ok", "the failed call is Rust's panic value, an empty string"
    assert len(hooked) == 1 and isinstance(hooked[0].exc_value, TypeError)
    assert str(hooked[0].exc_value) == "render_on_thread() argument 'render': the callback's result: expected str, got int"


def test_gc_inside_callbacks() -> None:
    def collecting(i: int) -> str:
        gc.collect()
        return "é" * i

    assert join_names(3, collecting) == ",é,éé"

    def person(age: int) -> CbPerson:
        gc.collect()
        return CbPerson(name="n", tags=["t"] * age, age=age)

    assert describe_person(2, person) == "n (2): t,t"


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


def test_round_trips_do_not_leak() -> None:
    text = "é" * 100
    person = CbPerson(name="Ann", tags=["a", "b" * 50], age=3)
    assert grows_by_kib(100_000, lambda: join_names(1, lambda i: text)) < 5 * 1024
    assert grows_by_kib(100_000, lambda: make_person(1, lambda age: person)) < 5 * 1024

    def failing(i: int) -> Any:
        return ["a", 1]

    def fail() -> None:
        try:
            join_words(1, failing)
        except TypeError:
            pass

    assert grows_by_kib(20_000, fail) < 5 * 1024
