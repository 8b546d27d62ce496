"""Rust closures the library returns whose results own data, from Python (ADR 56; the
conformance fixture's `callback_returned_owned` feature, against the INSTALLED wheel;
tests/python/callback_returned_owned.rs runs this file once per call path): calling one returns
`str`, `bytes` or `None`, a list, an `array.array`, the record's class, or raises the `Result`'s
error class; a panic raises `RustPanic`; the value Rust wrote is freed after it is converted, and
nothing leaks.
"""

from __future__ import annotations

import array
import gc
import os
import platform
import threading
from typing import Any, List

import pytest

from conformance import CbErrorError, RustPanic
from conformance.callbacks import (
    CbError,
    CbGreeter,
    CbPerson,
    make_counter,
    make_even_validator,
    make_formatter,
    make_length_checker,
    make_loader,
    make_parser,
    make_person_factory,
    make_repeater,
    make_splitter,
)

MIB = 1 << 20


def test_strings() -> None:
    with make_formatter("item-") as format_:
        assert format_(42) == "item-42"
        assert format_(0) == "item-0"
        with pytest.raises(RustPanic, match="^panic in closure returned by `make_formatter`: no format for u32::MAX$"):
            format_(2**32 - 1)
        assert format_(7) == "item-7"
        with pytest.raises(OverflowError):
            format_(-1)
        with pytest.raises(TypeError):
            format_("x")
    repeat = make_repeater("é€𝄞")
    assert repeat(0) == ""
    assert repeat(2) == "é€𝄞é€𝄞"
    bulk = make_repeater("x")(MIB)
    assert isinstance(bulk, str) and len(bulk) == MIB and set(bulk) == {"x"}
    repeat.close()
    with pytest.raises(ValueError):
        repeat(1)


def test_loader_options_and_sequences() -> None:
    load = make_loader("/srv")
    assert load("a.txt") == b"/srv/a.txt"
    assert isinstance(load("é"), bytes)
    assert load("missing.txt") is None
    assert load("") is None
    with pytest.raises((TypeError, ValueError)):
        load("\ud800")  # a lone surrogate is no UTF-8
    split = make_splitter(", ")
    assert split("a, b, , é") == ["a", "b", "", "é"]
    assert split("") == [""]
    counter = make_counter(10)
    counted = counter(5)
    assert isinstance(counted, array.array) and list(counted) == [10, 11, 12, 13, 14]
    assert list(counter(0)) == []


def test_records() -> None:
    make = make_person_factory("Zoë")
    adult = make(42)
    assert isinstance(adult, CbPerson)
    assert (adult.name, list(adult.tags), adult.age) == ("Zoë", ["age:42", "adult"], 42)
    assert list(make(3).tags) == ["age:3", "minor"]


def test_results() -> None:
    parse = make_parser(100)
    assert parse("42") == "#42"
    with pytest.raises(CbErrorError) as odd:
        parse("41")
    assert odd.value.value == CbError.ODD
    assert isinstance(odd.value, CbErrorError.Odd)
    with pytest.raises(CbErrorError.TooLarge):
        parse("1000")
    with pytest.raises(RustPanic, match="^panic in closure returned by `make_parser`: not a number: \"x\"$"):
        parse("x")
    assert parse("2") == "#2"
    length = make_length_checker(3)
    assert length("été") == 3
    with pytest.raises(CbErrorError.TooLarge):
        length("four")
    even = make_even_validator()
    assert even(4) is None
    with pytest.raises(CbErrorError.Odd):
        even(5)


def test_service_method() -> None:
    greeter = CbGreeter("Hello")
    greet = greeter.greeter()
    greeter.close()
    # The closure outlives the service.
    assert greet("wörld") == "Hello, wörld!"


def test_threads() -> None:
    format_ = make_formatter("t")
    results: List[str] = []
    lock = threading.Lock()

    def work(base: int) -> None:
        for i in range(200):
            value = format_(base + i)
            with lock:
                results.append(value)

    threads = [threading.Thread(target=work, args=(k * 1000,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == sorted(f"t{k * 1000 + i}" for k in range(4) for i in range(200))


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


def test_calls_do_not_leak() -> None:
    format_ = make_formatter("é" * 100)
    make = make_person_factory("Ann")
    parse = make_parser(10)
    load = make_loader("/r")
    assert grows_by_kib(100_000, lambda: format_(7)) < 5 * 1024
    assert grows_by_kib(20_000, lambda: make(30)) < 5 * 1024
    assert grows_by_kib(20_000, lambda: load("a" * 50)) < 5 * 1024

    def refused() -> None:
        try:
            parse("3")
        except CbErrorError:
            pass

    assert grows_by_kib(20_000, refused) < 5 * 1024
