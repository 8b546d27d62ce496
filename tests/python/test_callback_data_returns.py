"""Closures returning data enums and tuples, and `Result`s whose error is a data enum, from Python
(ADR 63; the conformance fixture's `callback_data_returns` feature, against the INSTALLED wheel;
tests/python/callback_data_returns.rs runs this file once per call path): a callable returns a
variant's dataclass or a `tuple`, or raises the error class of the `Result`'s data enum; a value
owning data goes to Rust in memory of `interop_buffer_alloc`. A C-compatible data enum comes back
by value, which ctypes cannot do: `NotImplementedError`. Returned Rust closures give the same
values. Results of the wrong type are the callback's exception, naming it; nothing leaks.
"""

from __future__ import annotations

import gc
import os
import platform
from typing import Any, Tuple

import pytest

from conformance import CbJobErrorError, CbStepError, RustPanic, _raw
from conformance.callbacks import (
    CbJobErrorFatal,
    CbJobErrorRetry,
    CbStepMove,
    CbStepStay,
    CbToken,
    CbTokenEnd,
    CbTokenNumber,
    CbTokenWord,
    classify_word,
    label_all,
    make_job_runner,
    make_labeller,
    make_tokenizer,
    read_tokens,
    run_job,
    run_jobs,
    sum_points,
    try_step,
    walk,
)

TEXTS = ["", "a", "é", "日本", "🦀", "mixed é 日本 🦀"]


def test_data_enums_owning_data() -> None:
    tokens = [CbTokenWord("héllo"), CbTokenNumber(2.5), CbTokenWord(""), CbTokenEnd()]
    assert read_tokens(10, lambda i: tokens[i]) == "w:héllo,n:2.5,w:,end"
    for text in TEXTS:
        assert classify_word(text, CbTokenWord) == CbTokenWord(text)
    assert classify_word("x", lambda w: CbTokenNumber(7.0)) == CbTokenNumber(7.0)
    assert classify_word("x", lambda w: CbTokenEnd()) == CbTokenEnd()
    assert _raw.pending.value == 0


def test_a_result_that_is_no_variant_is_the_callbacks_exception() -> None:
    with pytest.raises(TypeError, match=r"the callback's result: expected CbToken, got str"):
        read_tokens(1, lambda i: "word")  # type: ignore[arg-type, return-value]
    with pytest.raises(TypeError, match=r"expected str, got int"):
        read_tokens(1, lambda i: CbTokenWord(5))  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        read_tokens(1, lambda i: CbTokenWord("\ud800"))
    assert _raw.pending.value == 0


def test_the_callables_exception_is_reraised_as_it_is() -> None:
    class Boom(Exception):
        pass

    def boom(i: int) -> CbToken:
        raise Boom("no token")

    with pytest.raises(Boom, match="no token"):
        read_tokens(3, boom)
    assert _raw.pending.value == 0


def test_results_whose_error_is_a_data_enum() -> None:
    def job(i: int) -> int:
        if i == 0:
            return 10
        if i == 1:
            raise CbJobErrorError(CbJobErrorRetry(after_ms=250))
        raise CbJobErrorError(CbJobErrorFatal("disk €"))

    assert run_jobs(3, job) == "ok:10,retry:250,fatal:disk €"

    def unit_job(i: int) -> None:
        if i % 2:
            raise CbJobErrorError(CbJobErrorFatal("odd"))

    assert run_job(2, unit_job) == "done"
    assert run_job(3, unit_job) == "fatal:odd"
    assert _raw.pending.value == 0


def test_a_c_compatible_data_enum_as_an_error() -> None:
    def step(n: int) -> str:
        if n % 2 == 0:
            return "even é"
        if n < 10:
            raise CbStepError(CbStepMove(dx=n, dy=-n))
        raise CbStepError(CbStepStay())

    assert try_step(4, step) == "even é"
    assert try_step(3, step) == "3,-3"
    assert try_step(11, step) == "stay"


def test_a_c_compatible_data_enum_by_value_is_not_implemented() -> None:
    # ctypes cannot return a struct from a callback (ADR 14): the signature is refused when used.
    with pytest.raises(NotImplementedError):
        walk(3, lambda i: CbStepStay())


def test_tuples() -> None:
    assert label_all(3, lambda i: (i * 10, f"l{i}é")) == "0=l0é,10=l1é,20=l2é"
    assert label_all(1, lambda i: (0, "")) == "0="
    assert sum_points(4, lambda i: (float(i), 0.5)) == 8.0
    with pytest.raises(TypeError):
        label_all(1, lambda i: ("x", "y"))  # type: ignore[arg-type, return-value]
    assert _raw.pending.value == 0


def test_returned_closures() -> None:
    tokenize = make_tokenizer()
    assert tokenize("hé") == CbTokenWord("HÉ")
    assert tokenize("1.5") == CbTokenNumber(1.5)
    assert tokenize("") == CbTokenEnd()
    with pytest.raises(RustPanic, match="no token for panic"):
        tokenize("panic")
    label = make_labeller("id-")
    assert label(21) == (42, "id-21")
    run = make_job_runner()
    assert run(8) == 4
    with pytest.raises(CbJobErrorError) as e:
        run(7)
    assert e.value.value == CbJobErrorRetry(after_ms=7)
    with pytest.raises(CbJobErrorError) as e:
        run(101)
    assert e.value.value == CbJobErrorFatal("too big: 101")


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
    word = CbTokenWord("é" * 100)
    pair: Tuple[int, str] = (1, "x" * 100)
    fatal = CbJobErrorFatal("f" * 100)

    def failing(i: int) -> int:
        # A new exception each time (raising one instance again grows its traceback).
        raise CbJobErrorError(fatal)

    tokenize = make_tokenizer()
    assert grows_by_kib(100_000, lambda: read_tokens(1, lambda i: word)) < 5 * 1024
    assert grows_by_kib(100_000, lambda: label_all(1, lambda i: pair)) < 5 * 1024
    assert grows_by_kib(50_000, lambda: run_jobs(1, failing)) < 5 * 1024
    assert grows_by_kib(50_000, lambda: tokenize("abc" * 30)) < 5 * 1024
