"""Python-specific cases (tests/fixtures/python-cases), run against the INSTALLED wheel of that
fixture by tests/python/main.rs, on both call paths (compiled and ctypes) in both modes
(INTEROP_EXPECT_RELEASE_GIL=0/1). The file is also checked with `mypy --strict`: the annotations
asserted here are the package's own.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from typing import List, Optional, Tuple

import pytest

import python_cases as c
from python_cases import Big, Level, Private, Settings, Size

# --- returned references are copies ------------------------------------------------------------


def test_option_ref_return_is_a_copy_of_the_record() -> None:
    first = Big(1, 2, (3, 4, 5, 6))
    second = Big(7, 8, [9, 10, 11, 12])
    picked: Optional[Big] = c.pick(first, second, False)
    assert isinstance(picked, Big), type(picked)
    assert picked == Big(7, 8, [9, 10, 11, 12])
    # A copy: the arguments can change or go away, the result stays as it was returned.
    second.a = 99
    del second
    assert picked.a == 7 and list(picked.tail) == [9, 10, 11, 12]
    assert c.pick(first, Big(), True) == first


def test_option_ref_return_none_is_none() -> None:
    assert c.pick_none(Big()) is None


def test_option_ref_to_a_number_or_an_enum_is_the_value() -> None:
    a, b = ctypes.c_uint32(5), ctypes.c_uint32(6)
    number: Optional[int] = c.pick_number(a, b, 1)
    assert number == 6 and type(number) is int
    assert c.pick_number(a, b, 0) == 5
    assert c.pick_number(a, b, 2) is None
    level = ctypes.c_uint8(Level.HIGH)
    picked: Optional[Level] = c.pick_level(level, True)
    assert picked is Level.HIGH
    assert c.pick_level(level, False) is None


# --- struct fields ------------------------------------------------------------------------------


def test_enum_fields_read_back_as_the_enum() -> None:
    s = c.settings_at(Level.HIGH)
    level: Level = s.level
    assert level is Level.HIGH and isinstance(level, Level)
    s.level = Level.LOW
    assert s.level is Level.LOW
    assert c.settings_sum(s) == 1000 + 6 + 10
    assert Settings(level=Level.HIGH).level is Level.HIGH
    assert "level=<Level.HIGH: 2>" in repr(c.settings_at(Level.HIGH))


def test_enum_fields_refuse_values_that_are_not_members() -> None:
    s = c.settings_at(Level.HIGH)
    with pytest.raises(ValueError, match=r"Settings\.level: 7 is not a valid Level"):
        s.level = 7  # type: ignore[assignment]
    assert s.level is Level.HIGH
    # Zero-initialized memory holds 0, which is no Level: reading it says so.
    with pytest.raises(ValueError, match=r"Settings\.level: 0 is not a valid Level"):
        Settings().level


def test_array_fields_take_sequences_of_exactly_their_length() -> None:
    s = Settings(Level.LOW, b"abc", ((1, 2), (3, 4)))
    assert list(s.bytes_) == [97, 98, 99]
    s.bytes_ = [1, 2, 3]  # type: ignore[assignment]
    s.grid = [[5, 6], [7, 8]]  # type: ignore[assignment]
    assert c.settings_sum(s) == 1000 + 6 + 26
    # The array read is a view into the struct: item assignment writes through.
    s.grid[1][0] = 0
    assert c.settings_sum(s) == 1000 + 6 + 19
    # An array of the same ctypes type is taken as it is.
    s.bytes_ = (ctypes.c_uint8 * 3)(4, 5, 6)
    assert list(s.bytes_) == [4, 5, 6]


@pytest.mark.parametrize(
    "field, value",
    [
        ("bytes_", [1, 2]),
        ("bytes_", (1, 2, 3, 4)),
        ("bytes_", b""),
        ("bytes_", (ctypes.c_uint8 * 2)(1, 2)),
        ("grid", [[1, 2]]),
        ("grid", [[1, 2], [3]]),
        ("grid", [[1, 2], [3, 4, 5]]),
    ],
)
def test_array_fields_of_another_length_raise_value_error(field: str, value: object) -> None:
    s = c.settings_at(Level.LOW)
    with pytest.raises(ValueError, match=rf"Settings\.{field}: expected \d elements, got \d"):
        setattr(s, field, value)
    with pytest.raises(ValueError, match=rf"Settings\.{field}: expected"):
        Settings(**{field: value})  # type: ignore[arg-type]
    assert c.settings_sum(s) == 1000 + 6 + 10, "nothing was written"


def test_fields_starting_with_two_underscores_are_not_mangled() -> None:
    p = Private(1, 2, 3)
    assert repr(p) == "Private(__secret=1, _hint=2, plain=3)"
    assert p == Private(1, 2, 3) and p != Private(0, 2, 3)
    assert p.__secret == 1
    p.__secret = 10
    assert c.private_sum(p) == 15


# --- methods --------------------------------------------------------------------------------------


def test_a_getter_named_like_its_field_is_get_field() -> None:
    size = Size(2.0, 3.5)
    width: float = size.width
    assert width == 2.0
    assert size.get_width() == 2.0
    assert size.area() == 7.0
    size.width = 4.0
    assert size.get_width() == 4.0


def test_enum_methods() -> None:
    flipped: Level = Level.LOW.flipped()
    assert flipped is Level.HIGH
    assert Level.HIGH.flipped() is Level.LOW


# --- docs -----------------------------------------------------------------------------------------


def test_control_characters_in_docs_are_kept_exactly() -> None:
    assert c.bell.__doc__ == (
        "Rings \x07 the bell, \x1b[1m bold \x1b[0m, nul \x00 and a carriage\rreturn."
    )
    assert c.bell() == 7
    # The variant's doc (NUL, BEL, ESC, CR) is an escaped comment: the module imports.
    assert c.Noisy.LOUD.value == 0


# --- threads and the GIL -----------------------------------------------------------------------


def meet(parties: int, timeout_ms: int) -> List[bool]:
    """`parties` Python threads each call `rendezvous(parties, timeout_ms)`; their results."""
    results: List[bool] = []
    lock = threading.Lock()

    def call() -> None:
        met = c.rendezvous(parties, timeout_ms)
        with lock:
            results.append(met)

    threads = [threading.Thread(target=call) for _ in range(parties)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_release_gil_lets_python_threads_run_during_a_call() -> None:
    if os.environ.get("INTEROP_EXPECT_RELEASE_GIL") == "1" or sys.implementation.name == "pypy":
        # Released (PyPy's ctypes always releases it): all four calls are inside Rust at once.
        assert meet(4, 20_000) == [True] * 4
    else:
        # Held (as PyO3 does by default): one call at a time, each waits in vain.
        assert meet(2, 200) == [False, False]
    assert c.bell() == 7  # the interpreter is fine afterwards



# --- a returned `*mut c_char` stays a pointer ---------------------------------------------------


def test_a_returned_mut_c_char_is_the_pointer_the_caller_gives_back() -> None:
    p: ctypes._Pointer[ctypes.c_char] = c.string_dup("h\u00e9llo")
    assert isinstance(p, ctypes.POINTER(ctypes.c_char)) and bool(p)
    assert ctypes.string_at(p) == "h\u00e9llo".encode()
    copy = c.string_dup(p)  # a returned pointer is a C string argument too
    assert ctypes.string_at(copy) == b"h\xc3\xa9llo"
    c.string_free(p)
    c.string_free(copy)
    null = c.string_dup(None)
    assert not null
    c.string_free(null)
    c.string_free(None)


# --- a callback alias taking a record (the alias follows the record's class) --------------------


def test_a_callback_alias_taking_a_record_imports_and_is_called() -> None:
    seen: List[Tuple[int, float]] = []
    on_tick: c.OnTick = lambda t: seen.append((t.seq, t.price))
    assert c.feed_ticks(3, on_tick) == 3
    assert seen == [(1, 0.5), (2, 1.0), (3, 1.5)]
    assert isinstance(c.Tick(1, 2.0), c.Tick)
