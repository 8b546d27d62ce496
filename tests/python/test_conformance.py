"""Conformance suite for the Python bindings, run against the INSTALLED wheel of the conformance
fixture (tests/fixtures/conformance). Every function there is called and every result asserted; the
expected behaviour is in each item's doc comment. tests/python/main.rs builds the wheel, installs it
into a fresh venv and runs this file (and test_arguments.py) with that venv's interpreter on both
call paths (INTEROP_EXPECT_CALLS=compiled: the library's own function objects; =ctypes: the ctypes
fallback, forced with INTEROP_PYTHON_CALLS=ctypes on CPython, chosen by itself on PyPy) and in both
modes (INTEROP_EXPECT_RELEASE_GIL=0: the GIL is held during calls; =1: `release-gil = true`).
The tests are the same on both paths: only the ones below about the path itself differ.
"""

from __future__ import annotations

import ctypes
import enum
import math as std_math
import os

import sysconfig
import types
from typing import Final

import pytest

import conformance as c
from conformance import RustPanic, _native, _raw

RELEASE_GIL: Final = os.environ.get("INTEROP_EXPECT_RELEASE_GIL", "") == "1"
CALLS: Final = os.environ.get("INTEROP_EXPECT_CALLS", "")
COMPILED: Final = CALLS == "compiled"


# --- the package itself ----------------------------------------------------------------------


def test_imported_from_the_installed_wheel() -> None:
    site = os.path.realpath(sysconfig.get_paths()["platlib"])
    assert os.path.realpath(c.__file__).startswith(site + os.sep), (c.__file__, site)
    assert os.path.isfile(os.path.join(os.path.dirname(c.__file__), "libconformance.so"))
    assert os.path.isfile(os.path.join(os.path.dirname(c.__file__), "py.typed"))
    assert c.__version__ == "1.2.3"


def test_raw_layer_is_separate_and_typed() -> None:
    assert tuple(_raw.add_u8.argtypes) == (ctypes.c_uint8, ctypes.c_uint8)
    assert _raw.add_u8.restype is ctypes.c_uint8
    assert _raw.Wide_storage is ctypes.c_uint64
    assert _raw.Small_storage is ctypes.c_uint8
    assert _raw.Signed_storage is ctypes.c_int16
    assert _raw.Color_storage is ctypes.c_int32
    assert _raw.pending.value == 0


def test_built_in_the_expected_mode() -> None:
    assert os.environ.get("INTEROP_EXPECT_RELEASE_GIL") in ("0", "1")
    assert _raw.release_gil is RELEASE_GIL
    if not hasattr(ctypes, "PyDLL"):  # PyPy: CDLL either way
        assert type(_raw._lib) is ctypes.CDLL
        return
    # On the ctypes path, PyDLL keeps the GIL during the call; CDLL releases it.
    assert type(_raw._lib) is (ctypes.CDLL if RELEASE_GIL else ctypes.PyDLL)
    keeps_gil = bool(_raw._lib._FuncPtr._flags_ & ctypes._FUNCFLAG_PYTHONAPI)  # type: ignore[attr-defined]
    assert keeps_gil is not RELEASE_GIL


def test_the_expected_call_path_runs() -> None:
    assert CALLS in ("compiled", "ctypes")
    assert _native.path == CALLS, _native.reason
    if COMPILED:
        assert _native.reason is None
        assert _native.fallbacks == {}, "every function of the fixture is compiled"
        # Native function objects with CPython's vectorcall: functions, and methods that bind.
        assert type(c.add_u64).__name__ == "function" and type(c.Vec2f32.length).__name__ == "method"
        assert not isinstance(c.add_u64, types.FunctionType)
        assert repr(c.add_u64) == "<built-in function add_u64>"
        assert repr(c.Vec2f32.length) == "<method 'length' of 'Vec2f32' objects>"
        assert c.math.clamp.__module__ == "conformance.math"
        assert c.Vec2f32.length.__qualname__ == "Vec2f32.length"
    else:
        assert _native.reason is not None
        # The def of the public module, checking its arguments and the pending counter.
        assert type(c.add_u64).__name__ == "function" and c.add_u64.__module__ == "conformance"


def test_signatures_docs_and_keywords_are_the_same_on_both_paths() -> None:
    import inspect

    assert list(inspect.signature(c.add_u64).parameters) == ["a", "b"]
    assert list(inspect.signature(c.Vec2f32.scale).parameters) == ["self", "k"]
    assert list(inspect.signature(c.Vec2f32(1.0, 2.0, 3.0).scale).parameters) == ["k"]
    assert list(inspect.signature(c.Vec2f32.zero).parameters) == []
    assert c.add_u64.__name__ == "add_u64"
    assert c.add_u64.__doc__ == "Wrapping addition."
    assert c.math.clamp.__doc__ == "Clamps `x` to `[lo, hi]` (in the `math` module)."
    assert c.Vec2f32.length.__doc__ == "Euclidean length."
    assert c.add_u64(a=1, b=2) == 3 and c.add_u64(1, b=2) == 3
    assert c.math.clamp(x=5.0, lo=0.0, hi=1.0) == 1.0
    v = c.Vec2f32(1.0, 2.0, 3.0)
    assert v.scale(k=2.0) is None and v == c.Vec2f32(2.0, 4.0, 6.0)
    assert c.Counter.new(start=3) is not None


def test_stubs_ship_in_both_modes() -> None:
    here = os.path.dirname(c.__file__)
    for stub in ("__init__.pyi", "math.pyi"):
        assert os.path.isfile(os.path.join(here, stub))


# --- constants -------------------------------------------------------------------------------


def test_constants() -> None:
    assert c.MAX_PLAYERS == 16 and type(c.MAX_PLAYERS) is int
    assert c.COMPUTED == 1 << 40
    assert c.NEGATIVE == -42
    assert c.BIG == 2**64 - 1
    assert c.MIN_I64 == -(2**63)
    assert c.PI_ISH == 3.14159
    assert c.HALF == 0.5 and type(c.HALF) is float
    assert c.ENABLED is True
    assert c.RENAMED_CONST == 7
    assert not hasattr(c, "ORIGINAL_CONST")
    assert c.math.TAU == 6.283185307179586


# --- structs ---------------------------------------------------------------------------------


def test_struct_layouts_match_rust() -> None:
    assert ctypes.sizeof(c.Packed) == 5
    assert ctypes.sizeof(c.Vec2f32) == 12
    assert ctypes.sizeof(c.Pair) == 16
    assert ctypes.sizeof(c.Primitives) == 64
    assert ctypes.sizeof(c.Buffer) == 9
    assert ctypes.sizeof(c.Matrix) == 36
    assert ctypes.sizeof(c.Meters) == 8
    assert c.Packed.value.offset == 1


def test_struct_repr_and_equality() -> None:
    v = c.Vec2f32(1.0, 2.0, 3.0)
    assert repr(v) == "Vec2f32(x=1.0, y=2.0, z=3.0)"
    assert v == c.Vec2f32(x=1.0, y=2.0, z=3.0)
    assert v != c.Vec2f32(1.0, 2.0, 4.0)
    assert repr(c.Pair(1, 2)) == "Pair(1, 2)"
    assert repr(c.Node(5, None)) == "Node(value=5, next=None)"
    assert c.Vec2f32.__doc__ == "A vector (the seed's hello-world type)."


def test_my_game_function_with_and_without_input() -> None:
    assert c.my_game_function(c.Vec2f32(1.0, 2.0, 3.0)) == c.Vec2f32(2.0, 4.0, 6.0)
    assert c.my_game_function(None) == c.Vec2f32(2.0, 4.0, 6.0)


def test_mutable_reference_changes_the_instance() -> None:
    v = c.Vec2f32(1.0, -2.0, 0.5)
    assert c.vec_double_in_place(v) is None
    assert v == c.Vec2f32(2.0, -4.0, 1.0)


def test_optional_mutable_reference() -> None:
    v = c.Vec2f32(9.0, 9.0, 9.0)
    assert c.vec_reset(v) is True
    assert v == c.Vec2f32(1.0, 1.0, 1.0)
    assert c.vec_reset(None) is False


def test_shared_reference_and_null() -> None:
    assert c.vec_x(c.Vec2f32(7.5, 0.0, 0.0)) == 7.5
    # A reference that is not optional refuses None before the call (no NULL reaches Rust).
    with pytest.raises(TypeError) as e:
        c.vec_x(None)  # type: ignore[arg-type]
    assert str(e.value) == "vec_x() argument 'v' must be Vec2f32, not None"
    assert c.vec_x(c.Vec2f32(1.0, 0.0, 0.0)) == 1.0


def test_tuple_struct_by_value() -> None:
    p = c.pair_scale(c.Pair(-3, 2**40))
    assert (p._0, p._1) == (-6, 3 * 2**40)
    assert c.pair_scale(c.Pair(2**31 - 1, 0))._0 == -2  # wrapping_mul


def test_packed_struct() -> None:
    p = c.packed_make(200, 0xDEADBEEF)
    assert (p.tag, p.value) == (200, 0xDEADBEEF)
    assert c.packed_sum(p) == 200 + 0xDEADBEEF
    assert c.packed_sum(c.Packed(tag=1, value=2)) == 3


def test_matrix_nested_arrays() -> None:
    m = c.matrix_identity()
    assert [list(row) for row in m.m] == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]
    assert c.matrix_trace(m) == 3.0
    m.m[1][1] = 5.0
    assert c.matrix_trace(m) == 7.0
    m.m = [[2.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 2.0]]
    assert c.matrix_trace(m) == 6.0
    with pytest.raises(ValueError, match=r"Matrix.m: expected 3 elements, got 2"):
        m.m = [[1.0, 0.0, 0.0], [0.0, 1.0]]


def test_buffer_array_field_by_value() -> None:
    b = c.Buffer((ctypes.c_uint8 * 8)(1, 2, 3, 4, 5, 6, 7, 8), 3)
    assert c.buffer_sum(b) == 6
    b.len = 200  # the Rust side clamps to 8
    assert c.buffer_sum(b) == 36
    assert repr(c.Buffer(len=1)) == "Buffer(bytes_=[0, 0, 0, 0, 0, 0, 0, 0], len=1)"
    # Any sequence of exactly 8 bytes; another length is a ValueError, never zero-padded.
    assert c.buffer_sum(c.Buffer(b"\x01\x02\x03\x04\x05\x06\x07\x08", 8)) == 36
    assert c.buffer_sum(c.Buffer([1] * 8, 8)) == 8
    for short in [(1, 2, 3), [1, 2, 3], b"\x01", (ctypes.c_uint8 * 3)(1, 2, 3)]:
        with pytest.raises(ValueError, match="Buffer.bytes_: expected 8 elements"):
            c.Buffer(short, 3)


def test_primitives_every_width() -> None:
    p = c.Primitives(
        flag=False, u_8=255, u_16=65535, u_32=2**32 - 1, u_64=2**64 - 1, u_size=2**64 - 1,
        i_8=127, i_16=32767, i_32=2**31 - 1, i_64=2**63 - 1, i_size=2**63 - 1, f_32=1.5, f_64=2.25,
    )
    q = c.primitives_bump(p)
    assert q.flag is True
    assert (q.u_8, q.u_16, q.u_32, q.u_64, q.u_size) == (0, 0, 0, 0, 0)
    assert (q.i_8, q.i_16, q.i_32, q.i_64, q.i_size) == (-128, -32768, -(2**31), -(2**63), -(2**63))
    assert (q.f_32, q.f_64) == (2.5, 3.25)
    assert c.primitives_bump(q).flag is False


def test_keyword_names() -> None:
    assert c.keywords_sum(lambda_=1, class_=1, from_=1, params=1, object=1, string=1, event=1, int=1, new=1) == 45
    assert c.keywords_sum(1, 2, 3, 4, 5, 6, 7, 8, 9) == 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64 + 81
    k = c.keywords_negate(c.Keywords(lambda_=1, class_=2, from_=3, params=4, object_=5, string=6, event=7, int_=8, new=9))
    assert (k.lambda_, k.class_, k.from_, k.params, k.object_, k.string, k.event, k.int_, k.new) == (
        -1, -2, -3, -4, -5, -6, -7, -8, -9,
    )
    assert c.Mode.NONE == 0 and c.Mode.TRUE == 1 and c.Mode.DEFAULT == 2


def test_linked_list_raw_pointers() -> None:
    third = c.Node(3, None)
    second = c.Node(20, ctypes.pointer(third))
    first = c.Node(100, ctypes.pointer(second))
    assert c.list_sum(first) == 123  # a struct instance is passed by reference
    assert c.list_sum(ctypes.pointer(second)) == 23
    assert c.list_sum(None) == 0


def test_raw_pointer_to_primitives() -> None:
    values = (ctypes.c_int32 * 4)(1, -2, 2**31 - 1, 10)
    assert c.sum_raw(values, 4) == 1 - 2 + 2**31 - 1 + 10
    assert c.sum_raw(values, 2) == -1
    assert c.sum_raw(None, 5) == 0
    out = (ctypes.c_uint8 * 6)()
    assert c.fill_raw(out, 4, 0xAB) is None
    assert list(out) == [0xAB] * 4 + [0, 0]
    c.fill_raw(None, 4, 1)  # NULL is ignored


def test_void_pointer() -> None:
    assert c.is_null(None) is True
    assert c.is_null(0) is True
    assert c.is_null(0x1000) is False
    buf = ctypes.create_string_buffer(4)
    assert c.is_null(buf) is False
    assert c.is_null(ctypes.byref(ctypes.c_int(1))) is False


# --- enums -----------------------------------------------------------------------------------


def test_enums_are_intenums_with_upper_snake_members() -> None:
    for e in (c.Color, c.Small, c.Signed, c.Wide, c.Sequence, c.Mode):
        assert issubclass(e, enum.IntEnum)
    assert [m.name for m in c.Signed] == ["MIN", "MINUS_ONE", "ZERO", "BIG"]
    assert [m.value for m in c.Sequence] == [5, 6, 10, 11]
    assert c.Small.C == 255


def test_color_next() -> None:
    assert c.color_next(c.Color.RED) is c.Color.GREEN
    assert c.color_next(c.Color.GREEN) is c.Color.BLUE
    assert c.color_next(c.Color.BLUE) is c.Color.RED


def test_small_value() -> None:
    assert [c.small_value(s) for s in c.Small] == [1, 2, 255]


def test_signed_flip_negative_discriminants() -> None:
    assert c.signed_flip(c.Signed.MINUS_ONE) is c.Signed.BIG
    assert c.signed_flip(c.Signed.BIG) is c.Signed.MINUS_ONE
    assert c.signed_flip(c.Signed.MIN) is c.Signed.ZERO
    assert c.signed_flip(c.Signed.ZERO) is c.Signed.MIN
    assert c.Signed.MIN == -32768


def test_wide_round_trips_u64_max() -> None:
    assert c.Wide.HUGE == 2**64 - 1
    assert c.wide_other(c.Wide.SMALL) is c.Wide.HUGE
    assert c.wide_other(c.Wide.HUGE) is c.Wide.SMALL


def test_sequence_next() -> None:
    assert [c.sequence_next(s) for s in c.Sequence] == [c.Sequence.B, c.Sequence.C, c.Sequence.D, c.Sequence.A]


def test_mode_code() -> None:
    assert [c.mode_code(m) for m in c.Mode] == [100, 101, 102]


def test_tagged_embeds_enum_and_dependency_type() -> None:
    t = c.tagged_make(c.Color.BLUE, c.Meters(2.5))
    # An enum-typed field reads back as the enum, and refuses what is not a member.
    assert t.color is c.Color.BLUE
    assert t.distance == c.Meters(2.5)
    assert repr(t) == "Tagged(color=<Color.BLUE: 2>, distance=Meters(2.5))"
    t.color = c.Color.RED
    assert c.Tagged(color=c.Color.GREEN).color is c.Color.GREEN
    with pytest.raises(ValueError, match="Tagged.color: 3 is not a valid Color"):
        t.color = 3


def test_meters_transparent_from_dependency() -> None:
    assert c.meters_add(c.Meters(1.25), c.Meters(2.5)) == c.Meters(3.75)


# --- free functions --------------------------------------------------------------------------


def test_noop() -> None:
    assert c.noop() is None


def test_integer_adders_wrap() -> None:
    assert c.add_u8(250, 10) == 4
    assert c.add_u16(65535, 2) == 1
    assert c.add_u32(2**32 - 1, 1) == 0
    assert c.add_u64(2**64 - 1, 2) == 1
    assert c.add_usize(2**64 - 1, 1) == 0
    assert c.add_i8(127, 1) == -128
    assert c.add_i16(-32768, -1) == 32767
    assert c.add_i32(2**31 - 1, 1) == -(2**31)
    assert c.add_i64(-(2**63), -1) == 2**63 - 1
    assert c.add_isize(-5, 3) == -2


def test_float_adders() -> None:
    assert c.add_f32(0.5, 0.25) == 0.75
    assert c.add_f32(0.1, 0.2) == pytest.approx(0.3, rel=1e-6)
    assert c.add_f64(0.1, 0.2) == 0.1 + 0.2
    assert std_math.isinf(c.add_f64(float("inf"), 1.0))


def test_negate_max_min() -> None:
    assert c.negate(True) is False
    assert c.negate(False) is True
    assert c.max_u64() == 2**64 - 1
    assert c.min_i64() == -(2**63)


def test_renamed_and_explicit_symbol() -> None:
    assert c.renamed_function(c.Renamed(41)) == 42
    assert not hasattr(c, "original_name") and not hasattr(c, "Original")
    assert c.explicit_symbol() == 5
    assert hasattr(_raw, "cf_explicit_symbol")


def test_math_submodule() -> None:
    import conformance.math

    assert conformance.math.clamp(5.0, 0.0, 1.0) == 1.0
    assert c.math.clamp(-5.0, 0.0, 1.0) == 0.0
    assert c.math.clamp(0.25, 0.0, 1.0) == 0.25
    assert not hasattr(c, "clamp")


def test_doc_edge_cases() -> None:
    assert c.doc_edge_cases() == 1
    doc = c.doc_edge_cases.__doc__
    assert doc is not None
    assert 'a Python docstring end """ here, and a backslash \\ too.' in doc
    assert "a < b && b > c" in doc and "*/" in doc


def test_dependency_extra_and_hidden_functions() -> None:
    assert c.dep_double(21) == 42
    assert c.extra_answer() == 99
    assert c.hidden_answer() == 42


# --- panics ----------------------------------------------------------------------------------


def test_panic_raises_rust_panic_from_the_call() -> None:
    assert c.panic_if(False) == 7
    with pytest.raises(RustPanic) as e:
        c.panic_if(True)
    assert str(e.value) == "panic in `panic_if`: boom: requested panic"
    assert isinstance(e.value, Exception)
    assert c.panic_if(False) == 7  # the next call is clean


def test_panic_in_struct_returning_function() -> None:
    with pytest.raises(RustPanic, match=r"^panic in `panic_struct`: struct panic 42$"):
        c.panic_struct(42)
    assert _raw.pending.value == 0


def test_panic_in_enum_returning_function() -> None:
    with pytest.raises(RustPanic, match=r"^panic in `panic_enum`: enum panic 5$"):
        c.panic_enum(5)
    assert _raw.pending.value == 0


def test_panic_in_a_method() -> None:
    with pytest.raises(RustPanic, match=r"^panic in `counter_increment`: argument `self` "):
        c.Counter().increment(1)
    assert _raw.pending.value == 0


def test_a_call_without_the_gil_leaves_the_panic_pending() -> None:
    # The same library called through another binding (CDLL, GIL released): the error waits in the
    # pending counter as for C callers, and the next checked call of this thread raises it.
    lib = ctypes.CDLL(_raw._lib._name)
    panic_if = lib.panic_if
    panic_if.argtypes = (ctypes.c_bool,)
    panic_if.restype = ctypes.c_uint32
    assert panic_if(True) == 0
    assert _raw.pending.value == 1
    with pytest.raises(RustPanic, match=r"^panic in `panic_if`: boom: requested panic$"):
        _raw.raise_panic()
    assert _raw.pending.value == 0
    _raw.raise_panic()  # nothing pending: returns
    assert c.panic_if(False) == 7


def test_panic_in_another_thread_is_raised_there() -> None:
    import threading

    errors: list[str] = []

    def worker() -> None:
        try:
            c.panic_if(True)
        except RustPanic as e:
            errors.append(str(e))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == ["panic in `panic_if`: boom: requested panic"] * 4
    assert c.panic_if(False) == 7
    assert _raw.pending.value == 0


# --- methods ---------------------------------------------------------------------------------


def test_value_type_methods() -> None:
    assert c.Vec2f32.zero() == c.Vec2f32(0.0, 0.0, 0.0)
    v = c.Vec2f32(3.0, 4.0, 12.0)
    assert v.length() == 13.0
    assert v.sum() == 19.0
    assert v.scale(2.0) is None
    assert v == c.Vec2f32(6.0, 8.0, 24.0)
    assert not hasattr(c, "vec2f32_length")


def test_opaque_counter_handle() -> None:
    counter = c.Counter.new(10)
    assert isinstance(counter, c.Counter) and counter.value is not None
    try:
        assert counter.get() == 10
        assert counter.increment(5) == 15
        assert counter.increment(2**64 - 15) == 0  # wrapping_add
        assert counter.get() == 0
        assert counter.increments() == 2
    finally:
        c.Counter.destroy(counter)
    c.Counter.destroy(None)  # NULL is ignored


def test_null_handle_is_rejected_not_dereferenced() -> None:
    with pytest.raises(RustPanic) as e:
        c.Counter().get()
    assert str(e.value) == "panic in `counter_get`: argument `self` of `counter_get` must not be null"


