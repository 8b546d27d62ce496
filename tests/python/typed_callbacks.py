"""Typed use of the callbacks of the installed `conformance` bindings (built with the `callbacks`,
`callback_args` and `callback_fields` features): `mypy --strict` must accept this file, and running it checks the results.
"""

from __future__ import annotations

import array
from typing import List

from conformance.callbacks import call_twice, count_to, each_line, make_adder, make_weigher, visit_chunks
from conformance.callbacks import Handlers, Notifier, run_job

seen: List[int] = []
count_to(3, seen.append)
y: int = call_twice(lambda x: x + 1, 1)
with make_adder(2) as add:
    z: int = add(3)
lines: List[str] = []
n: int = each_line("a\nb", lines.append)
total: int = visit_chunks([1, 2, 3], 2, lambda chunk: sum(chunk))
assert (y, z, seen) == (3, 5, [0, 1, 2]), (y, z, seen)
assert (n, lines, total) == (2, ["a", "b"], 6), (n, lines, total)
# A returned closure taking `&[f64]` is called with what a `&[f64]` parameter accepts: a list, a
# tuple, any buffer of doubles (its stub says so, not only `array.array[float]`).
with make_weigher([1.0, 2.0]) as weigh:
    dots: List[float] = [weigh([3.0, 4.0]), weigh((1.0, 1.0)), weigh(array.array("d", [0.5, 0.5]))]
assert dots == [11.0, 3.0, 1.5], dots

progress: List[int] = []


class Events:
    def __init__(self) -> None:
        self.seen: List[int] = []

    def on_event(self, i: int) -> None:
        self.seen.append(i)


events = Events()
handlers = Handlers(
    on_progress=lambda done, total: progress.append(done),
    on_step=None,
    on_event=events.on_event,
    skip=1,
)
ran: int = run_job(3, handlers)
notifier = Notifier.create(handlers)
notified: bool = notifier.notify(9, 10)
notifier.reset()
Notifier.destroy(notifier)
assert (ran, progress, events.seen, notified) == (2, [1, 2, 9], [1, 2, 9], True)
print("typed callbacks ok")
