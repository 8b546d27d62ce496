"""Feature `returned_references` (issue 10 item 1): a returned `&T` / `Option<&T>` is a copy of the
value or `None` (`Optional[Big]`, `Optional[bool]`, `Optional[int]`), never a pointer that keeps
nothing alive; a `&mut T` return too (changes to the copy do not reach Rust).

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import ctypes
from typing import Optional

import conformance as c
from conformance import Big


def test_option_ref_returns_are_copies_or_none() -> None:
    a = Big(1, 2, 3, 4)
    b = Big(5, 6, 7, 8)
    first: Optional[Big] = c.pick(a, b, 0)
    second = c.pick(a, b, 1)
    # Further calls reuse whatever memory the earlier ones used: the results must not change.
    c.pick(Big(9, 9, 9, 9), Big(9, 9, 9, 9), 0)
    c.add_u64(2**64 - 1, 0)
    assert isinstance(first, Big) and first == Big(1, 2, 3, 4)
    assert second == Big(5, 6, 7, 8)
    assert c.pick(a, b, 2) is None
    # A copy: the argument can change or go away, the result stays as it was returned.
    a.a = 100
    del b
    assert first == Big(1, 2, 3, 4)
    assert ctypes.addressof(first) != ctypes.addressof(a)


def test_a_static_reference_is_copied_too() -> None:
    origin = c.big_origin()
    assert origin == Big(1, 2, 3, 4)
    assert origin is not None
    origin.a = 42  # the library's value is untouched
    assert c.big_origin() == Big(1, 2, 3, 4)


def test_references_to_numbers_are_values() -> None:
    assert c.pick_flag(ctypes.c_bool(True), True) is True
    assert c.pick_flag(ctypes.c_bool(False), True) is False
    assert c.pick_flag(ctypes.c_bool(True), False) is None
    assert c.pick_len(ctypes.c_size_t(2**64 - 1), True) == 2**64 - 1
    assert c.pick_len(ctypes.c_size_t(1), False) is None


def test_a_mut_reference_return_is_a_copy() -> None:
    big = Big(1, 0, 0, 0)
    bumped = c.bump_and_pick(big, True)
    assert big.a == 11  # the argument changed in place
    assert bumped is not None and bumped.a == 11
    big.a = 99
    assert bumped.a == 11  # the returned value is a copy
    assert c.bump_and_pick(big, False) is None and big.a == 109
