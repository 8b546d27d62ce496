"""Typed use of closures taking `Option<&str>`, `Option<&[T]>` and `&[&str]` (ADR 66): checked by
`mypy --strict`, then run."""

from __future__ import annotations

import array
from typing import List, Optional

from conformance.callbacks import maybe_bytes, maybe_chunks, report, report_on_thread, tokenize, tokenize_batches


def on_error(code: int, message: Optional[str]) -> int:
    return code + (0 if message is None else len(message))


def size(data: Optional[bytes]) -> int:
    return 100 if data is None else len(data)


def count(words: List[str]) -> int:
    return len(words)


chunks: List[int] = []


def on_chunk(chunk: Optional["array.array[int]"]) -> None:
    chunks.append(0 if chunk is None else len(chunk))


lines: List[Optional[str]] = []


def sink(i: int, line: Optional[str]) -> None:
    lines.append(line)


batches: List[str] = []


def on_batch(label: Optional[str], words: List[str]) -> None:
    batches.append((label or "-") + ":" + ",".join(words))


assert report(1, "ab", on_error) == 3
assert report(1, None, on_error) == 1
assert maybe_bytes(b"abc", size) == 3
assert maybe_bytes(None, size) == 100
assert maybe_chunks([1, 2, 3], 2, on_chunk) == 2 and chunks == [2, 1]
assert report_on_thread(["a", ""], sink) == 2 and lines == ["a", None]
assert tokenize("a b c", count) == 3
assert tokenize_batches("a b", 0, None, on_batch) == 1 and batches == ["-:a,b"]
print("typed callback optional refs ok")
