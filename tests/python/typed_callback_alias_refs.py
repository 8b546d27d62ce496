"""Typed use of named callback types whose parameters borrow (ADR 60): checked by `mypy --strict`,
then run."""

from __future__ import annotations

from typing import List

from conformance.callbacks import (
    AliasBus,
    AliasHandlers,
    CbPoint,
    OnMessage,
    OnWord,
    alias_check_words,
    alias_deliver,
    alias_label,
    alias_make_measure,
    alias_run,
)

seen: List[str] = []
handler: OnMessage = seen.append


def word(w: str) -> int:
    return len(w)


checker: OnWord = word
assert alias_deliver(handler, "ab") == 2
assert seen == ["ab", "ba"]
assert alias_check_words("a bb", checker) == 3
assert alias_label(CbPoint(x=1.0, y=2.0), lambda p: str(int(p.x + p.y))) == "3|3"
measure = alias_make_measure(1)
n: int = measure("abc")
assert n == 4
measure.close()
assert alias_run("x\ny", AliasHandlers(on_line=handler, on_origin=None)) == 2
with AliasBus() as bus:
    assert bus.subscribe(handler) == 1
print("typed callback alias refs ok")
