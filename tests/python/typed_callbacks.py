"""Typed use of the callbacks of the installed `conformance` bindings (built with the `callbacks`
and `callback_args` features): `mypy --strict` must accept this file, and running it checks the results.
"""

from __future__ import annotations

from typing import List

from conformance.callbacks import call_twice, count_to, each_line, make_adder, visit_chunks

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
print("typed callbacks ok")
