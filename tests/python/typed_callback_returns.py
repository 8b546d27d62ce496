"""Typed use of closures returning owned data (ADR 54): checked by `mypy --strict`, then run."""

from __future__ import annotations

import array
from typing import List, Optional

from conformance.callbacks import CbPerson, find_or, join_names, join_words, load_bytes, make_person, sum_vectors


def name(i: int) -> str:
    return f"n{i}"


def words(n: int) -> List[str]:
    return ["w"] * n


def find(key: str) -> Optional[str]:
    return None if key == "none" else key.upper()


def person(age: int) -> CbPerson:
    return CbPerson(name="Ann", tags=["a"], age=age)


assert join_names(2, name) == "n0,n1"
assert join_words(2, words) == "w w"
assert find_or("none", "fb", find) == "fb" and find_or("k", "fb", find) == "K"
assert load_bytes("x", lambda p: bytearray(b"ab")) == b"ab"
assert sum_vectors(2, lambda i: array.array("I", [i])) == 1
made: CbPerson = make_person(4, person)
assert made.age == 4
print("typed callback returns ok")
