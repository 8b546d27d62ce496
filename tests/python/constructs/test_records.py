"""Feature `records`: `#[repr(C)]` structs (named, tuple, packed, arrays, every primitive width,
keyword names) as `ctypes.Structure` classes with repr, equality and methods.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import copy
import ctypes
import pickle

import pytest

import conformance as c


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


def test_structs_pickle_and_copy_by_value() -> None:
    # The same on CPython and PyPy (whose ctypes cannot pickle a Structure by itself).
    for value in (c.Vec2f32(1.0, 2.0, 3.0), c.Pair(-3, 2**40), c.Packed(7, 2**31)):
        for again in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
            assert type(again) is type(value) and again == value and again is not value


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


def test_value_type_methods() -> None:
    assert c.Vec2f32.zero() == c.Vec2f32(0.0, 0.0, 0.0)
    v = c.Vec2f32(3.0, 4.0, 12.0)
    assert v.length() == 13.0
    assert v.sum() == 19.0
    assert v.scale(2.0) is None
    assert v == c.Vec2f32(6.0, 8.0, 24.0)
    assert not hasattr(c, "vec2f32_length")
