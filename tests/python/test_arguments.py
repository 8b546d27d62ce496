"""Arguments refused before the call, per type family, run with test_package.py and the files
of tests/python/constructs against the installed conformance wheel on both call paths (see
test_package.py's docstring): the compiled path and the ctypes fallback raise the same
exceptions with the same messages, naming the function and the parameter. Values only the
library can refuse (an enum value that is no variant, a handle holding NULL) raise ValueError from
the call on both paths (a refused argument, ADR 47; not RustPanic).
"""

from __future__ import annotations

import ctypes
import enum
import fractions
import re
import sys
from typing import Any

import pytest

import conformance as c


class Index:
    """Not an int, but usable as one (like numpy's integers)."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


class Colorish(enum.IntEnum):
    """Another IntEnum: its members are ints."""

    TWO = 2


def type_error(message: str) -> Any:
    return pytest.raises(TypeError, match=f"^{re.escape(message)}$")


def overflow(message: str) -> Any:
    return pytest.raises(OverflowError, match=f"^{re.escape(message)}$")


# --- integers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "f, ty, lo, hi",
    [
        (c.add_u8, "u8", 0, 255),
        (c.add_u16, "u16", 0, 65535),
        (c.add_u32, "u32", 0, 2**32 - 1),
        (c.add_u64, "u64", 0, 2**64 - 1),
        (c.add_usize, "usize", 0, 2**64 - 1),
        (c.add_i8, "i8", -128, 127),
        (c.add_i16, "i16", -32768, 32767),
        (c.add_i32, "i32", -(2**31), 2**31 - 1),
        (c.add_i64, "i64", -(2**63), 2**63 - 1),
        (c.add_isize, "isize", -(2**63), 2**63 - 1),
    ],
)
def test_integers_are_range_checked_never_truncated(f: Any, ty: str, lo: int, hi: int) -> None:
    name = f.__name__
    assert f(lo, 0) == lo and f(hi, 0) == hi
    for bad in (hi + 1, lo - 1, 2**100, -(2**100)):
        with overflow(f"{name}() argument 'a' is out of range for {ty} ({lo} to {hi})"):
            f(bad, 0)
        with overflow(f"{name}() argument 'b' is out of range for {ty} ({lo} to {hi})"):
            f(0, bad)
    with type_error(f"{name}() argument 'a' must be int, not float"):
        f(1.0, 0)
    with type_error(f"{name}() argument 'b' must be int, not str"):
        f(0, "1")
    with type_error(f"{name}() argument 'a' must be int, not None"):
        f(None, 0)
    # ints in all their forms: bool, IntEnum members, anything with __index__.
    assert f(True, Index(1)) == 2
    assert f(Colorish.TWO, 0) == 2


def test_the_issue_example_raises_instead_of_wrapping() -> None:
    with overflow("add_u8() argument 'a' is out of range for u8 (0 to 255)"):
        c.add_u8(300, 0)
    assert c.add_u8(250, 10) == 4  # the result wraps in Rust: that is the function's own doing


# --- floats and bool ---------------------------------------------------------------------------


def test_floats_take_numbers_only() -> None:
    assert c.add_f64(1, True) == 2.0
    assert c.add_f64(fractions.Fraction(1, 4), Index(1)) == 1.25
    assert c.add_f32(0.5, 2**20) == 2**20 + 0.5
    with type_error("add_f64() argument 'b' must be float, not str"):
        c.add_f64(1.0, "2.0")
    with type_error("add_f32() argument 'a' must be float, not None"):
        c.add_f32(None, 1.0)
    with type_error("clamp() argument 'lo' must be float, not list"):
        c.math.clamp(1.0, [], 2.0)


def test_bool_takes_true_and_false_only() -> None:
    assert c.negate(True) is False and c.negate(b=False) is True
    for bad, name in ((1, "int"), (0, "int"), (None, "None"), ("yes", "str")):
        with type_error(f"negate() argument 'b' must be bool, not {name}"):
            c.negate(bad)


# --- enums -------------------------------------------------------------------------------------


def test_enums_take_members_and_ints_in_their_storage() -> None:
    assert c.color_next(1) is c.Color.BLUE
    assert c.small_value(255) == 255
    with type_error("color_next() argument 'c' must be Color, not str"):
        c.color_next("RED")
    with overflow("small_value() argument 's' is out of range for u8 (0 to 255)"):
        c.small_value(256)
    with overflow("signed_flip() argument 's' is out of range for i16 (-32768 to 32767)"):
        c.signed_flip(-32769)
    # In range but no variant: only the library knows, and refuses it.
    with pytest.raises(ValueError, match=r"^argument `c` of `color_next`: 7 is not a value of enum `Color`$") as refused:
        c.color_next(7)
    assert type(refused.value) is ValueError
    assert c.color_next(c.Color.RED) is c.Color.GREEN


# --- records and references --------------------------------------------------------------------


def test_records_by_value_take_their_class_only() -> None:
    with type_error("pair_scale() argument 'p' must be Pair, not tuple"):
        c.pair_scale((1, 2))
    with type_error("pair_scale() argument 'p' must be Pair, not None"):
        c.pair_scale(None)
    with type_error("pair_scale() argument 'p' must be Pair, not Vec2f32"):
        c.pair_scale(c.Vec2f32())

    if sys.implementation.name == "cpython":  # PyPy's ctypes cannot pass a subclass by value

        class MyPair(c.Pair):
            pass

        assert c.pair_scale(MyPair(1, 2))._1 == 6


def test_references_take_instances_and_none_only_where_optional() -> None:
    with type_error("vec_x() argument 'v' must be Vec2f32, not Pair"):
        c.vec_x(c.Pair(1, 2))
    with type_error("vec_double_in_place() argument 'v' must be Vec2f32, not None"):
        c.vec_double_in_place(None)
    with type_error("vec_reset() argument 'v' must be Vec2f32 or None, not int"):
        c.vec_reset(0)
    assert c.vec_reset(None) is False
    with type_error("my_game_function() argument 'input' must be Vec2f32 or None, not dict"):
        c.my_game_function({})


def test_methods_check_their_receiver() -> None:
    with type_error("Vec2f32.length() argument 'self' must be Vec2f32, not int"):
        c.Vec2f32.length(3)
    with type_error("Vec2f32.scale() argument 'k' must be float, not str"):
        c.Vec2f32().scale("2")
    with type_error("Counter.get() argument 'self' must be Counter, not Vec2f32"):
        c.Counter.get(c.Vec2f32())


# --- handles and pointers ----------------------------------------------------------------------


def test_handles() -> None:
    with type_error("Counter.increment() argument 'self' must be Counter, not None"):
        c.Counter.increment(None, 1)
    with type_error("Counter.destroy() argument 'counter' must be Counter or None, not int"):
        c.Counter.destroy(5)
    # A handle holding NULL is the library's to refuse.
    with pytest.raises(ValueError, match="^argument `self` of `counter_get` must not be null$"):
        c.Counter(None).get()


def test_raw_pointers_take_what_ctypes_takes() -> None:
    values = (ctypes.c_int32 * 3)(1, 2, 3)
    assert c.sum_raw(values, 3) == 6
    assert c.sum_raw(ctypes.cast(values, ctypes.POINTER(ctypes.c_int32)), 2) == 3
    assert c.sum_raw(ctypes.byref(ctypes.c_int32(5)), 1) == 5
    assert c.sum_raw(ctypes.c_int32(9), 1) == 9
    with type_error(
        "sum_raw() argument 'data' must be ctypes.c_int32, a pointer to or array of ctypes.c_int32, "
        "or None, not list"
    ):
        c.sum_raw([1, 2, 3], 3)
    with type_error(
        "list_sum() argument 'head' must be Node, a pointer to or array of Node, or None, not Pair"
    ):
        c.list_sum(c.Pair(1, 2))
    with type_error(
        "is_null() argument 'p' must be an address (int, bytes, a ctypes pointer or array, "
        "ctypes.byref(…)) or None, not float"
    ):
        c.is_null(1.5)
    assert c.is_null(b"x") is False


# --- how arguments are bound -------------------------------------------------------------------


def test_argument_binding_errors_read_like_python_functions() -> None:
    with pytest.raises(TypeError, match=r"add_u8\(\) missing 1 required positional argument: 'b'$"):
        c.add_u8(1)
    with pytest.raises(TypeError, match=r"clamp\(\) missing 2 required positional arguments: 'lo' and 'hi'$"):
        c.math.clamp(1.0)
    with pytest.raises(TypeError, match=r"add_u8\(\) takes 2 positional arguments but 3 were given$"):
        c.add_u8(1, 2, 3)
    with pytest.raises(TypeError, match=r"add_u8\(\) got an unexpected keyword argument 'c'$"):
        c.add_u8(1, 2, c=3)
    with pytest.raises(TypeError, match=r"add_u8\(\) got multiple values for argument 'a'$"):
        c.add_u8(1, a=2)
    with pytest.raises(TypeError, match=r"noop\(\) takes 0 positional arguments but 1 was given$"):
        c.noop(1)
    assert c.add_u8(b=1, a=2) == 3
