"""Typed use of named callback types sharing a signature (the conformance fixture's
`callback_twins` feature, ADR 42): `mypy --strict` must accept this file (each parameter, return
and field is annotated with its own alias), and running it checks the results.
"""

from __future__ import annotations

from typing import List, Optional

from conformance.callbacks import (
    OnEvent,
    OnProgress,
    OnResize,
    TwinHandlers,
    twin_event_then_change,
    twin_make_resize,
    twin_maybe_resize,
    twin_progress,
    twin_resize,
    twin_run,
)
from conformance.services_callbacks import OnChange

seen: List[int] = []


def report(done: int, total: int) -> None:
    seen.append(done * 100 + total)


progress: OnProgress = report
resize: OnResize = report
maybe: Optional[OnResize] = None
on_event: OnEvent = seen.append
on_change: OnChange = seen.append

total: int = twin_progress(2, progress)
area: int = twin_resize(resize, 3, 4)
called: bool = twin_maybe_resize(maybe, 1, 1)
last: int = twin_event_then_change(on_event, on_change, 7)
with twin_make_resize(1) as made:
    made(2, 2)
steps: int = twin_run(1, TwinHandlers(on_progress=progress, on_resize=None, on_change=on_change))
assert (total, area, called, last, steps) == (3, 12, False, 8, 1), (total, area, called, last, steps)
assert seen == [102, 202, 304, 7, 8, 0, 101], seen
print("typed callback twins ok")
