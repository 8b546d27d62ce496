"""Feature `arrays`: fixed-size arrays as struct fields (`[Cell; 3]`), by reference (`&[u8; 4]`,
`&mut [u8; 4]`, `&[[i16; 3]; 2]`, `Option<&[u8; 4]>`) and behind a raw pointer (`*mut [u8; 4]`).
Arrays are ctypes arrays of exactly their length: another length is refused (`TypeError` for an
argument, `ValueError` for a field), never padded or cut.

Run against the INSTALLED wheel of the conformance fixture on both call paths and in both modes
by tests/python/constructs.rs (see tests/README.md).
"""

from __future__ import annotations

import ctypes
import re

import pytest

import conformance as c
from conformance import Cell, Row

U8x4 = ctypes.c_uint8 * 4
I16x3 = ctypes.c_int16 * 3
I16x3x2 = I16x3 * 2


def test_array_fields() -> None:
    assert ctypes.sizeof(Row) == 14  # the cells start at offset 2
    made = c.row_make(7)
    assert made.id == 7
    assert [cell.alive for cell in made.cells] == [True, False, True]
    assert made.cells[2].age == 3
    assert c.row_score(made) == 602
    row = Row()
    row.cells[0] = Cell(True, 10)
    row.cells[2] = Cell(True, 1)
    assert c.row_score(row) == 1102
    assert c.row_score(Row(1, [Cell(True, 1), Cell(False, 0), Cell(False, 2)])) == 301
    with pytest.raises(IndexError):
        row.cells[3]
    with pytest.raises(ValueError, match=re.escape("Row.cells: expected 3 elements, got 2")):
        Row(1, [Cell(True, 1), Cell(True, 1)])


def test_arrays_by_reference() -> None:
    assert c.bytes_weighted(U8x4(1, 2, 3, 4)) == 30
    data = U8x4(0, 1, 254, 255)
    c.bytes_bump(data)
    assert list(data) == [1, 2, 255, 0]  # written in place, wrapping
    assert c.block_weighted(I16x3x2(I16x3(1, 2, 3), I16x3(4, 5, 6))) == 91  # row-major
    assert c.maybe_weighted(U8x4(1, 0, 0, 1)) == 5
    assert c.maybe_weighted(None) == -1
    assert c.maybe_block(I16x3x2(I16x3(1, 0, 0), I16x3(0, 0, 1))) == 7
    assert c.maybe_block(None) == -1
    assert c.flags_count((ctypes.c_bool * 3)(True, False, True)) == 2
    cells = (Cell * 3)(Cell(True, 1), Cell(False, 2), Cell(True, 3))
    c.cells_age(cells)
    assert [cell.age for cell in cells] == [2, 3, 4] and not cells[1].alive


def test_an_array_of_another_length_or_type_is_refused() -> None:
    with pytest.raises(TypeError, match=re.escape("bytes_weighted() argument 'bytes' must be")):
        c.bytes_weighted((ctypes.c_uint8 * 3)(1, 2, 3))
    with pytest.raises(TypeError, match=re.escape("block_weighted() argument 'block' must be")):
        c.block_weighted(((ctypes.c_int16 * 2) * 3)())
    with pytest.raises(TypeError, match=re.escape("bytes_weighted() argument 'bytes' must be")):
        c.bytes_weighted(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        c.bytes_weighted((ctypes.c_int8 * 4)(1, 2, 3, 4))  # type: ignore[arg-type]


def test_an_array_behind_a_raw_pointer() -> None:
    raw = U8x4()
    c.bytes_fill_raw(raw, 9)
    assert list(raw) == [9, 9, 9, 9]
    c.bytes_fill_raw(ctypes.pointer(raw), 5)
    assert list(raw) == [5, 5, 5, 5]
    c.bytes_fill_raw(None, 1)  # NULL: nothing written
