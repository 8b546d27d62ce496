"""Typed use of the callbacks of the installed `conformance` bindings (built with the `callbacks`
feature): `mypy --strict` must accept this file, and running it checks the results.
"""

from __future__ import annotations

from typing import List

from conformance.callbacks import call_twice, count_to, make_adder

seen: List[int] = []
count_to(3, seen.append)
y: int = call_twice(lambda x: x + 1, 1)
with make_adder(2) as add:
    z: int = add(3)
assert (y, z, seen) == (3, 5, [0, 1, 2]), (y, z, seen)
print("typed callbacks ok")
