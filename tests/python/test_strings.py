"""Strings, slices, vectors and records that own them, from Python: every function of the
conformance fixture's `strings` feature, against the INSTALLED wheel (tests/python/strings.rs builds
it with `--features strings`, installs it into a fresh venv and runs this file once per call path).

Covers empty, non-ASCII and 1 MiB data, zero-copy buffers (bytes, bytearray, memoryview,
array.array, ctypes arrays), sequences, `&mut [T]` written in place or back into a list, the bad
input the bindings refuse before the call (lone surrogates, NUL in C strings, buffers of the wrong
format, non-contiguous or read-only buffers) and what the library refuses (checked bools and enums).
The memory use of many round trips is in test_strings_memory.py.
"""

from __future__ import annotations

import array
import ctypes
import math
import os
import types
from typing import Any

import pytest

import conformance as c
from conformance import Color, Label, Person, RustPanic, Team, UseString, Vec3f32, _native, _raw

MIB = 1024 * 1024
RELEASE_GIL = os.environ.get("INTEROP_EXPECT_RELEASE_GIL", "") == "1"
CALLS = os.environ.get("INTEROP_EXPECT_CALLS", "")


def test_mode_and_raw_layer() -> None:
    assert _raw.release_gil is RELEASE_GIL
    assert _raw.str_char_count.argtypes[0].__name__ == "_ViewIn"
    assert _raw.string_make.restype.__name__ == "_Buffer"
    assert _raw.pending.value == 0


def public(qualname: str) -> Any:
    """The public function or method of the package named `qualname` (`f`, `Class.m`)."""
    owner: Any = c
    for part in qualname.split("."):
        owner = owner.__dict__[part] if isinstance(owner, type) else getattr(owner, part)
    return owner


def test_functions_the_compiled_path_cannot_convert_stay_on_ctypes_one_by_one() -> None:
    assert CALLS in ("compiled", "ctypes")
    assert _native.path == CALLS, _native.reason
    if CALLS == "ctypes":
        assert _native.fallbacks == {}
        assert isinstance(c.str_char_count, types.FunctionType)
        return
    assert _native.reason is None
    # The package is on the compiled path: functions of plain data are the library's own objects,
    # and each function taking or returning something the compiled path does not convert (yet)
    # keeps its `def` (the ctypes path), with the reason, while the others around it are compiled.
    assert not isinstance(c.add_u64, types.FunctionType)
    # Since ADR 55 every function of the feature is compiled: writable slices, slices and vectors
    # of anything, records owning data (through the ctypes path's own helpers where it is not
    # native).
    assert _native.fallbacks == {}, _native.fallbacks
    assert not isinstance(c.person_describe, types.FunctionType)
    for qualname, why in _native.fallbacks.items():
        assert why, qualname
        f = public(qualname)
        assert isinstance(f, (types.FunctionType, staticmethod)), (qualname, f)
    compiled = [
        name
        for name in dir(c)
        if callable(getattr(c, name))
        and not isinstance(getattr(c, name), type)
        and not name.startswith("_")
        and getattr(c, name).__module__ == "conformance"
        and not isinstance(getattr(c, name), types.FunctionType)
    ]
    assert "add_u64" in compiled and compiled, compiled
    assert not set(compiled) & set(_native.fallbacks)


# --- C strings --------------------------------------------------------------------------------


def test_c_strings() -> None:
    assert c.c_str_len("héllo") == 6
    assert c.c_str_len(b"abc") == 3
    assert c.c_str_len("") == 0
    assert c.c_str_empty() == ""
    assert c.c_str_version() == "1.2.3-é"
    assert c.c_str_byte_at("abc", 1) == ord("b")
    assert c.c_str_byte_at(b"abc", 9) == 0


def test_c_string_interior_nul_is_a_value_error() -> None:
    with pytest.raises(ValueError, match=r"^c_str_len\(\) argument 's': a C string cannot contain NUL \(at byte 1\)$"):
        c.c_str_len("a\0b")
    with pytest.raises(ValueError, match="NUL"):
        c.c_str_len(b"\0")
    with pytest.raises(ValueError, match="surrogate"):
        c.c_str_len("\udc80")


# --- str and String ---------------------------------------------------------------------------

TEXT = "héllo 日本 🦀"


def test_strings_round_trip() -> None:
    assert c.string_echo(TEXT) == TEXT
    assert c.string_echo("") == ""
    assert c.string_len("é") == 2
    assert c.string_make() == "pattern_string_3"
    assert c.string_consume("dropped") is None
    assert c.str_ignore("ignored") is None
    assert c.str_char_count("é日本🦀") == 4
    assert c.str_char_count("") == 0
    assert c.str_byte_len(TEXT) == len(TEXT.encode())
    assert c.str_upper("straße") == "STRASSE"
    assert c.str_concat("a", " - ", "é") == "a - é"
    assert c.string_reverse("日本") == "本日"
    assert c.string_empty() == ""
    # A str subclass is a str.
    class Name(str):
        pass
    assert c.string_echo(Name("x")) == "x"


def test_one_mib_strings() -> None:
    big = c.str_repeat("ab", MIB // 2)
    assert len(big) == MIB and big[:4] == "abab" and big[-1] == "b"
    assert c.str_byte_len(big) == MIB
    assert c.str_char_count("é" * MIB) == MIB
    assert c.string_echo(big) == big


def test_lone_surrogates_are_refused_before_the_call() -> None:
    with pytest.raises(ValueError, match=r"^str_char_count\(\) argument 's': '\\udc80' at index 1 cannot be encoded as UTF-8"):
        c.str_char_count("a\udc80")
    with pytest.raises(ValueError, match=r"^str_concat\(\) argument 'b': .*surrogate"):
        c.str_concat("ok", "", "\ud800")
    with pytest.raises(TypeError, match=r"^str_char_count\(\) argument 's': expected str, got bytes$"):
        c.str_char_count(b"abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected str, got int"):
        c.string_echo(3)  # type: ignore[arg-type]


def test_strings_slices_and_vectors_take_keywords() -> None:
    assert c.str_concat(a="a", sep="-", b="é") == "a-é"
    assert c.str_concat("a", b="b", sep="+") == "a+b"
    assert c.bytes_sum(s=b"\x01\x02") == 3
    assert list(c.vec_u32_double(v=[1, 2])) == [2, 4]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'sep'"):
        c.str_concat("a", b="b")  # type: ignore[call-arg]


def test_a_panic_returning_a_string_raises() -> None:
    assert c.string_or_panic(False) == "ok"
    with pytest.raises(RustPanic, match="no string today"):
        c.string_or_panic(True)


# --- slices -------------------------------------------------------------------------------------


def test_slices_take_buffers_and_sequences() -> None:
    words = array.array("I", [1, 2, 3, 4])
    assert c.slice_len(words) == 4
    assert c.slice_len([1, 2]) == 2
    assert c.slice_len(()) == 0
    assert c.slice_len(array.array("I")) == 0
    assert c.slice_len((ctypes.c_uint32 * 3)(1, 2, 3)) == 3
    assert c.bytes_sum(b"\x01\x02") == 3
    assert c.bytes_sum(bytearray(b"\x05\x05")) == 10
    assert c.bytes_sum(memoryview(b"\x00\x07")[1:]) == 7
    assert c.bytes_sum([1, 2, 3]) == 6
    assert c.bytes_sum(b"") == 0
    assert c.f64_sum([0.5, 0.25, -1.0]) == -0.25
    assert c.f64_sum(array.array("d", [1.5])) == 1.5
    assert c.bools_count([True, False, True]) == 2
    assert c.bools_count((ctypes.c_bool * 2)(True, True)) == 2


def test_one_mib_slices_are_borrowed() -> None:
    data = bytes(range(256)) * (MIB // 256)
    assert c.bytes_sum(data) == sum(range(256)) * (MIB // 256)
    assert c.bytes_sum(bytearray(data)) == c.bytes_sum(memoryview(data))


def test_buffers_are_borrowed_not_copied() -> None:
    values = array.array("q", [1, 2, 3])
    assert c.slice_address(values) == values.buffer_info()[0]
    raw = (ctypes.c_int64 * 2)(5, 6)
    assert c.slice_address(raw) == ctypes.addressof(raw)


def test_mutable_slices_write_through() -> None:
    values = array.array("f", [1.5, -2.0])
    c.f32_scale(values, 2.0)
    assert list(values) == [3.0, -4.0]
    listed = [1.0, 2.0]
    c.f32_scale(listed, 3.0)
    assert listed == [3.0, 6.0]
    buf = bytearray(b"\xff\x07")
    c.slice_mut_bump_first(buf)
    assert buf == bytearray(b"\x00\x07")
    c.slice_mut_bump_first(bytearray())
    to = bytearray(2)
    assert c.slice_copy(b"\x01\x02\x03", to) == 2
    assert to == bytearray(b"\x01\x02")
    words = array.array("I", [9, 9, 9])
    assert c.slice_mut_len(words) == 3
    colors = [Color.RED, Color.GREEN, Color.BLUE]
    c.colors_rotate(colors)
    assert colors == [Color.GREEN, Color.BLUE, Color.RED]


def test_bad_buffers_name_the_parameter() -> None:
    with pytest.raises(TypeError, match=r"^slice_len\(\) argument 's': expected a buffer of 'I' .* got format 'd'"):
        c.slice_len(array.array("d", [1.0]))
    with pytest.raises(TypeError, match=r"^bytes_sum\(\) argument 's': expected a buffer of 'B'"):
        c.bytes_sum(array.array("H", [1]))
    with pytest.raises(ValueError, match=r"^bytes_sum\(\) argument 's': the buffer is not contiguous$"):
        c.bytes_sum(memoryview(b"abcdef")[::2])
    with pytest.raises(TypeError, match=r"^f32_scale\(\) argument 's': the buffer is read-only$"):
        c.f32_scale(memoryview(array.array("f", [1.0]).tobytes()).cast("f"), 1.0)
    with pytest.raises(TypeError, match=r"^f32_scale\(\) argument 's': expected a writable buffer or a list, got tuple$"):
        c.f32_scale((1.0,), 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^bytes_sum\(\) argument 's': expected a sequence or a buffer, got int$"):
        c.bytes_sum(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^bytes_sum\(\) argument 's': expected a buffer or a sequence of numbers, got str$"):
        c.bytes_sum("abc")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^slice_len\(\) argument 's': expected a buffer or a sequence of numbers, got str$"):
        c.slice_len("abc")  # type: ignore[arg-type]
    with pytest.raises(OverflowError, match=r"^bytes_sum\(\) argument 's'"):
        c.bytes_sum([256])
    with pytest.raises(TypeError, match=r"^bools_count\(\) argument 's'\[1\]: expected bool, got int$"):
        c.bools_count([True, 1])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^colors_rotate\(\) argument 's'\[0\]: expected Color, got int$"):
        c.colors_rotate([1])  # type: ignore[list-item]


def test_invalid_values_in_buffers_are_refused_by_the_library() -> None:
    raw = (ctypes.c_uint8 * 3)(1, 2, 0)
    flags = (ctypes.c_bool * 3).from_buffer(raw)
    with pytest.raises(ValueError, match=r"^argument `s` of `bools_count`: element `\[1\]`: 2 is not a bool"):
        c.bools_count(flags)


def test_slices_of_records_and_strings() -> None:
    points = [Vec3f32(1, 2, 3), Vec3f32(4, 5, 6)]
    assert c.slice_vec3_get(points, 1) == Vec3f32(4, 5, 6)
    assert math.isnan(c.slice_vec3_get(points, 2).x)
    assert math.isnan(c.slice_vec3_get([], -1).y)
    assert c.slice_vec3_get((Vec3f32 * 2)(*points), 0) == points[0]
    parts = ["ab", "日本", ""]
    assert c.strings_total_len(parts) == 8
    assert c.strings_join(parts, ", ") == "ab, 日本, "
    assert c.strings_pick(parts, 1) == "日本"
    assert c.strings_pick(parts, 9) == ""
    assert c.strings_join([], "-") == ""
    with pytest.raises(ValueError, match=r"^strings_join\(\) argument 's'\[1\]: .*surrogate"):
        c.strings_join(["ok", "\udcff"], "")
    with pytest.raises(TypeError, match=r"^strings_join\(\) argument 's'\[0\]: expected str, got bytes$"):
        c.strings_join([b"x"], "")  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^strings_join\(\) argument 's': expected a sequence, got str$"):
        c.strings_join("abc", "")


# --- vectors ----------------------------------------------------------------------------------


def test_vectors_of_numbers_are_bytes_and_arrays() -> None:
    assert c.vec_u8_make() == b"\x01\x02\x03"
    assert c.vec_u8_consume(b"x") is None
    assert c.vec_u8_echo(b"\x09\x08") == b"\x09\x08"
    assert c.vec_u8_echo([]) == b""
    assert c.vec_u8_from_slice(bytearray(b"ab")) == b"ab"
    big = c.vec_u8_filled(MIB, 7)
    assert isinstance(big, bytes) and len(big) == MIB and big.count(7) == MIB
    r = c.vec_u32_range(5)
    assert isinstance(r, array.array) and r.typecode == "I" and list(r) == [0, 1, 2, 3, 4]
    assert list(c.vec_u32_double(r)) == [0, 2, 4, 6, 8]
    assert list(c.vec_u32_double([2**32 - 1])) == [2**32 - 2]
    empty = c.vec_f64_empty()
    assert isinstance(empty, array.array) and len(empty) == 0
    assert list(c.boxed_reverse([-1, 0, 300])) == [300, 0, -1]
    assert c.vec_bool_alternating(5) == [True, False, True, False, True]
    assert c.vec_color_all() == [Color.RED, Color.GREEN, Color.BLUE]
    assert all(isinstance(x, Color) for x in c.vec_color_all())


def test_vectors_of_strings_records_and_vectors() -> None:
    assert c.vec_string_echo(["un", "été", ""]) == ["un", "été", ""]
    assert c.vec_string_words("a bb ccc") == ["a", "bb", "ccc"]
    assert c.vec_string_words("") == [""]
    points = [Vec3f32(1, 2, 3)]
    assert c.vec_vec3_echo(points) == points
    assert list(c.vec_nested_lengths([b"ab", [], bytearray(3)])) == [2, 0, 3]
    assert c.vec_nested_make(4) == [b"", b"\x01", b"\x02\x02", b"\x03\x03\x03"]


def test_a_panic_returning_a_vector_raises() -> None:
    assert list(c.vec_or_panic(False)) == [7]
    with pytest.raises(RustPanic, match="no vector today"):
        c.vec_or_panic(True)


# --- records that own data ------------------------------------------------------------------


def test_records_with_strings() -> None:
    u = UseString("one", "日")
    assert c.use_string_echo(u) == u
    assert c.use_string_swap(u) == UseString("日", "one")
    many = [u, UseString("x", "y")]
    assert c.use_strings_pick(many, 1) == UseString("x", "y")
    assert c.use_strings_pick(many, 2) == UseString("", "")
    assert c.use_strings_first_s1(many) == "one"
    assert c.use_strings_first_s1([]) == ""
    with pytest.raises(ValueError, match=r"^use_strings_pick\(\) argument 'x'\[1\]\.s2: .*surrogate"):
        c.use_strings_pick([u, UseString("x", "\udc80")], 0)
    with pytest.raises(TypeError, match=r"^use_string_echo\(\) argument 'x'\.s1: expected str, got int$"):
        c.use_string_echo(UseString(1, "a"))  # type: ignore[arg-type]


def test_people() -> None:
    p = c.person_new("Zoë", 30)
    assert p == Person("Zoë", [], 30, True)
    older = c.person_birthday(Person("Ann", ["a", "é"], 41, True))
    assert older == Person("Ann", ["a", "é", "birthday"], 42, True)
    assert c.person_describe(Person("Ann", ["a", "é"], 41, True)) == "Ann (41): a, é"
    people = c.people_make(3)
    assert [q.name for q in people] == ["p0", "p1", "p2"]
    assert people[2].tags == ["t0", "t1"] and people[1].active is False
    assert c.people_total_age(people) == 63
    assert c.people_oldest(people) == people[2]
    assert c.people_oldest([]) == Person("", [], 0, False)
    with pytest.raises(TypeError, match=r"^person_birthday\(\) argument 'p'\.tags\[0\]: expected str, got int$"):
        c.person_birthday(Person("x", [1], 1, True))  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^person_birthday\(\) argument 'p'\.active: expected bool, got int$"):
        c.person_birthday(Person("x", [], 1, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^person_birthday\(\) argument 'p': expected Person, got UseString$"):
        c.person_birthday(UseString("a", "b"))  # type: ignore[arg-type]


def test_teams_nest_records_that_own_data() -> None:
    lead = Person("L", [], 41, True)
    members = [Person("Bo", ["x"], 20, False), Person("Carl", [], 21, True)]
    team = c.team_make(lead, members)
    assert team.lead == lead and team.members == members
    assert isinstance(team.scores, array.array) and list(team.scores) == [2, 4]
    assert c.team_size(team) == 3
    assert c.team_size(Team(lead, [], [])) == 1


def test_labels_hold_views() -> None:
    assert c.label_summary(Label("wé", b"\x01\x02\x03", [0.5, 1.0])) == "wé:3:1.5"
    # (Rust sums no floats to -0.0.)
    assert c.label_summary(Label("", bytearray(), array.array("f"))) == ":0:-0"
    assert c.label_ignore(Label("x", b"", [])) is None
    with pytest.raises(ValueError, match=r"^label_summary\(\) argument 'l'\.text: .*surrogate"):
        c.label_summary(Label("\udc80", b"", []))


def test_a_panic_returning_a_record_raises() -> None:
    assert c.person_or_panic(False).name == "ok"
    with pytest.raises(RustPanic, match="nobody today"):
        c.person_or_panic(True)
