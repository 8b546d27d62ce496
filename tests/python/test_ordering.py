"""`core::cmp::Ordering` from Python (ADR 57; the conformance fixture's `ordering` feature, against
the INSTALLED wheel; tests/python/ordering.rs runs this file once per call path): an `int`, negative,
zero or positive, read by its sign whatever its size; `-1`, `0` or `1` back. A comparator is
`lambda a, b: (a > b) - (a < b)` or any callable returning an `int`; a `bool` or a float is a
`TypeError` naming the callback.
"""

from __future__ import annotations

import array
import functools
import os
import types
from typing import Any, Callable

import pytest

from conformance.ordering import (
    OrdItem,
    OrdVerdict,
    OrdVersion,
    compare_floats,
    compare_versions,
    descending,
    on_compare,
    or_else,
    reverse,
    signs,
    sort_ids,
    sort_values,
    tally,
    verdict,
    verdict_sign,
)

CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")
ITEMS = [OrdItem(id=1, rank=30), OrdItem(id=2, rank=-4), OrdItem(id=3, rank=30),
         OrdItem(id=4, rank=7), OrdItem(id=5, rank=-100)]


def test_call_path() -> None:
    from conformance import _native, ordering

    assert _native.path == CALLS
    if CALLS != "compiled":
        return
    # (A returned closure, and `sort_ids`'s closure over `&OrdItem`, stay on ctypes, as elsewhere.)
    for name in ["compare_floats", "compare_versions", "on_compare", "or_else",
                 "reverse", "sort_values", "verdict", "verdict_sign"]:
        assert not isinstance(getattr(ordering, name), types.FunctionType), (
            name, {k: v for k, v in _native.fallbacks.items() if name in k}
        )


def cmp(a: Any, b: Any) -> int:
    return (a > b) - (a < b)


def test_comparators_sort_records() -> None:
    assert list(sort_ids(ITEMS, lambda a, b: cmp(a.rank, b.rank))) == [5, 2, 4, 1, 3]
    # Any magnitude, as `a - b` comparators return.
    assert list(sort_ids(ITEMS, lambda a, b: (b.rank - a.rank) * 10**30)) == [1, 3, 4, 2, 5]
    assert list(sort_ids([], lambda a, b: 0)) == []
    calls = []

    def counted(a: OrdItem, b: OrdItem) -> int:
        calls.append((a.id, b.id))
        return a.id - b.id

    assert list(sort_ids(ITEMS[::-1], counted)) == [1, 2, 3, 4, 5]
    assert calls


def test_comparators_of_numbers_and_a_returned_one() -> None:
    assert list(sort_values([3, 10, 1, 7], lambda a, b: -5 if a < b else 7 if a > b else 0)) == [1, 3, 7, 10]
    assert list(sort_values([3, 10, 1, 7], lambda a, b: 2**80 if a < b else -(2**80) if a > b else 0)) == [10, 7, 3, 1]
    largest_first = descending()
    assert largest_first(1, 2) == 1 and largest_first(2, 1) == -1 and largest_first(5, 5) == 0
    assert list(sort_values([3, 10, 1, 7], largest_first)) == [10, 7, 3, 1]
    # The library's comparator drives Python's own sort too.
    assert sorted([3, 10, 1], key=functools.cmp_to_key(largest_first)) == [10, 3, 1]


def test_a_closure_gets_minus_one_zero_one() -> None:
    seen = []

    def record(o: int) -> int:
        seen.append(o)
        return o * 10

    assert [on_compare(1, 2, record), on_compare(2, 2, record), on_compare(3, 2, record)] == [90, 100, 110]
    assert seen == [-1, 0, 1] and all(type(o) is int for o in seen)


def test_values_in_and_out() -> None:
    assert compare_versions(OrdVersion(major=1, minor=2, patch=3), OrdVersion(major=1, minor=10, patch=0)) == -1
    assert compare_versions(OrdVersion(major=2, minor=0, patch=0), OrdVersion(major=1, minor=10, patch=0)) == 1
    assert compare_versions(OrdVersion(major=1, minor=1, patch=1), OrdVersion(major=1, minor=1, patch=1)) == 0
    assert compare_floats(1.5, 0.5) == 1 and compare_floats(0.5, 0.5) == 0
    assert compare_floats(float("nan"), 1.0) is None
    for value, expected in [(-1, 1), (-(2**31), 1), (-(10**40), 1), (0, 0), (42, -1), (2**31 - 1, -1), (10**40, -1)]:
        assert reverse(value) == expected, value
    assert or_else(None, 77) == 1 and or_else(-9, 77) == -1 and or_else(0, 5) == 0


def test_wrong_types_are_refused() -> None:
    for bad, name in [(True, "bool"), (1.0, "float"), ("1", "str"), (None, "None")]:
        with pytest.raises(TypeError, match=rf"^reverse\(\) argument 'order' must be int, not {name}$"):
            reverse(bad)
    with pytest.raises(TypeError, match=r"^or_else\(\) argument 'order' must be int( or None)?, not float$"):
        or_else(0.5, 0)


@pytest.mark.parametrize("result, name", [(True, "bool"), (0.5, "float"), (None, "NoneType"), ("1", "str")])
def test_a_comparator_returning_no_int_is_its_type_error(result: Any, name: str) -> None:
    bad: Callable[[Any, Any], Any] = lambda a, b: result  # noqa: E731
    with pytest.raises(TypeError, match=rf"^sort_values\(\) argument 'cmp': the callback returned {name}, expected int$"):
        sort_values([3, 1, 2], bad)
    with pytest.raises(TypeError, match=rf"^sort_ids\(\) argument 'cmp': the callback returned {name}, expected int$"):
        sort_ids(ITEMS, bad)


def test_records_and_sequences() -> None:
    v = verdict(OrdItem(id=7, rank=3), OrdItem(id=8, rank=5))
    assert (v.left, v.right, v.order) == (7, 8, -1)
    assert verdict(OrdItem(id=8, rank=5), OrdItem(id=7, rank=3)).order == 1
    for order, sign in [(-123456, -1), (0, 0), (5, 1)]:
        assert verdict_sign(OrdVerdict(left=1, right=2, order=order)) == sign
    got = signs([-3, 0, 12, -(2**63), 1])
    assert isinstance(got, array.array) and list(got) == [-1, 0, 1, -1, 1]
    assert tally(got) == 20102
    assert tally([-7, 0, 0, 3, -(2**31), 2**31 - 1]) == 20202
    assert tally(array.array("i", [1, 1])) == 2 and tally([]) == 0
