"""Typed use of `Ordering` (ADR 57): checked by `mypy --strict`, then run."""

from __future__ import annotations

import functools
from typing import List, Optional

from conformance.ordering import OrdItem, OrdVersion, compare_floats, compare_versions, descending, sort_ids, sort_values


def by_rank(a: OrdItem, b: OrdItem) -> int:
    return (a.rank > b.rank) - (a.rank < b.rank)


ids: List[int] = list(sort_ids([OrdItem(id=1, rank=2), OrdItem(id=2, rank=1)], by_rank))
assert ids == [2, 1]
order: int = compare_versions(OrdVersion(major=1, minor=0, patch=0), OrdVersion(major=0, minor=9, patch=9))
assert order == 1
maybe: Optional[int] = compare_floats(1.0, 2.0)
assert maybe == -1
largest_first = descending()
assert list(sort_values([1, 3, 2], largest_first)) == [3, 2, 1]
assert sorted([1, 3, 2], key=functools.cmp_to_key(largest_first)) == [3, 2, 1]
print("typed ordering ok")
