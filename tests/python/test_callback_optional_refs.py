"""Closures taking `Option<&str>`, `Option<&[T]>` and `&[&str]` from Python (ADR 66; the
conformance fixture's `callback_optional_refs` feature, against the INSTALLED wheel;
tests/python/callback_optional_refs.rs runs this file once per call path and GIL mode): the
callable gets `Optional[str]`, `Optional[bytes]`, `Optional[array.array]` (`None` for `None`) and
`List[str]` for `&[&str]`, copies of what Rust lends for the call (they may be kept). An error
callback, optional bytes and chunks, a kept sink called from a Rust thread, a tokenizer's words in
one call and in batches with an optional label; exceptions are re-raised from the waiting call;
nothing leaks.
"""

from __future__ import annotations

import array
import gc
import os
import platform
import threading
from typing import Any, List, Optional

import pytest

from conformance import _raw
from conformance.callbacks import (
    maybe_bytes,
    maybe_chunks,
    report,
    report_on_thread,
    tokenize,
    tokenize_batches,
)

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_call_path() -> None:
    from conformance import _native

    assert _native.path == CALLS


def test_error_callback() -> None:
    seen: List[Optional[str]] = []

    def on_error(code: int, message: Optional[str]) -> int:
        seen.append(message)
        return code * 10000 + (1000 if message is None else len(message))

    assert report(7, "disk full", on_error) == 70009
    assert report(3, None, on_error) == 31000
    assert report(1, "", on_error) == 10000
    assert report(2, "été 🦀", on_error) == 20005
    assert seen == ["disk full", None, "", "été 🦀"]
    assert all(m is None or type(m) is str for m in seen)
    assert _raw.pending.value == 0


def test_optional_slices() -> None:
    def total(data: Optional[bytes]) -> int:
        if data is None:
            return 1000000
        assert type(data) is bytes
        return sum(data)

    assert maybe_bytes(bytes([1, 2, 3, 250]), total) == 256
    assert maybe_bytes(b"", total) == 0
    assert maybe_bytes(None, total) == 1000000

    chunks: List[Optional[List[int]]] = []

    def on_chunk(chunk: Optional["array.array[int]"]) -> None:
        chunks.append(None if chunk is None else list(chunk))

    assert maybe_chunks([1, 2, 3, 4, 5], 2, on_chunk) == 3
    assert maybe_chunks([9], 0, on_chunk) == 1
    assert chunks == [[1, 2], [3, 4], [5], None]


def test_kept_sink_on_a_rust_thread() -> None:
    seen: List[str] = []
    here = threading.get_ident()
    threads: List[int] = []

    def sink(i: int, line: Optional[str]) -> None:
        seen.append(f"{i}:{line}")
        threads.append(threading.get_ident())

    assert report_on_thread(["first", "", "été"], sink) == 3
    assert seen == ["0:first", "1:None", "2:été"]
    assert here not in threads


def test_tokenizer() -> None:
    kept: List[List[str]] = []

    def words(ws: List[str]) -> int:
        kept.append(ws)
        return len(ws)

    assert tokenize("the quick  été\tfox ", words) == 4
    assert tokenize("   ", words) == 0
    gc.collect()
    assert kept == [["the", "quick", "été", "fox"], []]
    assert all(type(w) is str for w in kept[0])

    batches: List[str] = []

    def on_batch(label: Optional[str], ws: List[str]) -> None:
        batches.append(f"{label}:{','.join(ws)}")

    assert tokenize_batches("a b c", 2, "L", on_batch) == 2
    assert tokenize_batches("x y", 0, None, on_batch) == 1
    assert tokenize_batches("", 3, "", on_batch) == 1
    assert batches == ["L:a,b", "L:c", "None:x,y", ":"]


def test_exceptions_are_re_raised() -> None:
    boom = ValueError("boom in a word")

    def tokens(ws: List[str]) -> int:
        raise boom

    with pytest.raises(ValueError) as caught:
        tokenize("a b", tokens)
    assert caught.value is boom

    def on_error(code: int, message: Optional[str]) -> int:
        raise KeyError("no message")

    with pytest.raises(KeyError):
        report(1, None, on_error)
    assert report(1, "x", lambda code, message: code) == 1
    assert _raw.pending.value == 0


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
    pad = "m" * 99 + "é"
    data = bytes(100)
    text = " ".join([pad] * 20)
    total = [0]

    def round_trip() -> None:
        total[0] += report(1, pad, lambda code, message: len(message or ""))
        total[0] += maybe_bytes(data, lambda d: len(d or b""))
        total[0] += tokenize(text, len)

    # 3 × 30,000 calls with a 100-character message, 100 bytes and 20 words: a leaked copy per
    # call would be 9+ MiB.
    assert grows_by_kib(30000, round_trip) < 5 * 1024
    assert total[0] > 0
